import { minikubeDev } from '../environments/minikube-dev';
import { prodOperator } from '../environments/prod-operator';
import { DatabaseServerDescription, EnvironmentChart } from '../lib';
import { loadDist, only, synth, testApp } from './support/manifests';

const objects = loadDist()['minikube-dev'];
const chart = new EnvironmentChart(testApp(), minikubeDev.name, minikubeDev);

describe('minikube-dev: seed 000, Mini DBaaS metadata database', () => {
  const ns = 'dbaas-dbaas-metadata';
  const sts = only(objects, 'StatefulSet', 'dbaas-metadata-postgresql-local');

  test('namespace, StatefulSet and client Service names match the seed', () => {
    only(objects, 'Namespace', ns);
    expect(sts.metadata.namespace).toBe(ns);
    const svc = only(objects, 'Service', 'dbaas-metadata-postgresql-local');
    expect(svc.metadata.namespace).toBe(ns);
    expect(svc.spec.ports[0].port).toBe(5432);
  });

  test('database dbaas_metadata on 1Gi of csi-hostpath-sc', () => {
    const env = sts.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'POSTGRES_DB', value: 'dbaas_metadata' });
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'csi-hostpath-sc', resources: { requests: { storage: '1Gi' } } });
  });

  test("the seed's port-forward command works unchanged", () => {
    expect(chart.servers['dbaas-metadata'].portForwardCommand).toBe('kubectl port-forward --namespace dbaas-dbaas-metadata svc/dbaas-metadata-postgresql-local 5434:5432');
    expect(chart.servers['dbaas-metadata'].host).toBe('dbaas-metadata-postgresql-local.dbaas-dbaas-metadata.svc.cluster.local');
  });

  test('a VolumeSnapshotClass for the hostpath CSI driver that keeps snapshots', () => {
    const snapshotClass = only(objects, 'VolumeSnapshotClass');
    expect(snapshotClass).toMatchObject({ apiVersion: 'snapshot.storage.k8s.io/v1', driver: 'hostpath.csi.k8s.io', deletionPolicy: 'Retain' });
  });
});

describe('minikube-dev: seed 001, microservices dev database', () => {
  const sts = only(objects, 'StatefulSet', 'postgresql');

  test('StatefulSet postgresql with one replica and 5Gi on the default class', () => {
    expect(sts.metadata.namespace).toBe('microservices');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('5Gi');
    expect(sts.spec.volumeClaimTemplates[0].spec).not.toHaveProperty('storageClassName');
  });

  test('Service postgresql.microservices.svc.cluster.local:5432 and ConfigMap postgres-config', () => {
    only(objects, 'Service', 'postgresql');
    only(objects, 'ConfigMap', 'postgres-config');
    expect(chart.servers.microservices.host).toBe('postgresql.microservices.svc.cluster.local');
  });

  test("the superuser's password is key postgres-password of postgres-secret", () => {
    expect(sts.spec.template.spec.containers[0].env).toContainEqual({
      name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres-secret', key: 'postgres-password' } },
    });
  });

  test('the five service databases and their owners are described', () => {
    const server = minikubeDev.servers.find((s) => s.id === 'microservices')!;
    expect(server.databases).toEqual([
      { name: 'userdb', owner: 'userservice' },
      { name: 'paymentdb', owner: 'paymentservice' },
      { name: 'settlementdb', owner: 'settlementservice' },
      { name: 'partnerdb', owner: 'partnerservice' },
      { name: 'accountingdb', owner: 'accountingservice' },
    ]);
    expect(server.users?.map((u) => `${u.name}:${u.password.name}/${u.password.key}`)).toEqual([
      'userservice:postgres-secret/userservice-password',
      'paymentservice:postgres-secret/paymentservice-password',
      'settlementservice:postgres-secret/settlementservice-password',
      'partnerservice:postgres-secret/partnerservice-password',
      'accountingservice:postgres-secret/accountingservice-password',
    ]);
  });
});

test('minikube-dev snapshot', () => {
  expect(objects).toMatchSnapshot();
});

test('a server without a backend, or with parts of two, is refused by the compiler and, from JavaScript, at synth naming the chart', () => {
  const server = minikubeDev.servers[1];
  const { backend: _b, ...noBackend } = server;
  // @ts-expect-error a server needs a backend
  const withoutBackend: DatabaseServerDescription = noBackend;
  expect(() => new EnvironmentChart(testApp(), minikubeDev.name, { ...minikubeDev, servers: [withoutBackend] }))
    .toThrow("EnvironmentChart 'minikube-dev': servers[0].backend undefined is required: give an object with kind: 'statefulSet', 'zalando' or 'cloudnativepg'");
  // @ts-expect-error one backend: a StatefulSet takes no operator team
  const mixed: DatabaseServerDescription = { ...server, backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 'postgres-secret', key: 'postgres-password' } }, teamId: 'postgres' } };
  expect(() => new EnvironmentChart(testApp(), minikubeDev.name, { ...minikubeDev, servers: [mixed] }))
    .toThrow(`EnvironmentChart 'minikube-dev': servers[0].backend.teamId "postgres" is not a property`);
  expect(() => new EnvironmentChart(testApp(), minikubeDev.name, { ...minikubeDev, servers: [{ ...server, backend: { kind: 'operator' } as never }] }))
    .toThrow(`EnvironmentChart 'minikube-dev': servers[0].backend.kind "operator" must be one of 'statefulSet', 'zalando'`);
});

test("minikube-dev's microservices server and prod-operator's share databases and logins; promotion changes the backend (and the name the operator requires)", () => {
  const dev = minikubeDev.servers[1];
  const prod = prodOperator.servers[0];
  const shared = (s: DatabaseServerDescription) => ({ id: s.id, namespace: s.namespace, databases: s.databases, users: s.users });
  expect(shared(prod)).toEqual(shared(dev));
  expect([dev.backend.kind, prod.backend.kind]).toEqual(['statefulSet', 'zalando']);
  // The dev server on the operator: its backend, a name starting with the operator's team id, and
  // the operator's logical backups in place of the backup CronJob (whose login the operator would own).
  const promoted = synth(new EnvironmentChart(testApp(), 'promoted', { ...minikubeDev, servers: [{ ...dev, name: 'postgres-microservices', backup: undefined, backend: prod.backend }] }));
  expect(promoted.filter((o) => o.kind === 'postgresql').map((o) => [o.metadata.name, o.spec.numberOfInstances, o.spec.volume.size, Object.keys(o.spec.databases)])).toEqual([
    ['postgres-microservices', 1, '5Gi', ['accountingdb', 'partnerdb', 'paymentdb', 'settlementdb', 'userdb']],
  ]);
});
