import { minikubeDev } from '../environments/minikube-dev';
import { DatabaseServerDescription, EnvironmentChart, EnvironmentDescription, MajorUpgradeDeclaration, PostgresMajorUpgrade } from '../lib';
import { KubeObject, loadDist, only, synth, testApp, testChart } from './support/manifests';
import { NetworkPolicies } from './support/network-policy';

// minikube-dev's microservices server (PostgreSQL 17, StatefulSet 'postgresql') moved to 18 by a
// declared upgrade, in each of its three steps.
const [metadata, microservices] = minikubeDev.servers;
const NAMESPACE = 'microservices';

function withUpgrade(upgrade: MajorUpgradeDeclaration | undefined, majorVersion = 18): EnvironmentDescription {
  if (microservices.backend.kind !== 'statefulSet') throw new Error('minikube-dev runs StatefulSets');
  const server: DatabaseServerDescription = { ...microservices, majorVersion, backend: { ...microservices.backend, upgrade } };
  return { ...minikubeDev, servers: [metadata, server] };
}
const render = (environment: EnvironmentDescription) => synth(new EnvironmentChart(testApp(), environment.name, environment));
const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byKey = (objects: KubeObject[]) => new Map(objects.map((o) => [key(o), o]));

const before = loadDist()['minikube-dev'];
const declared = render(withUpgrade({ fromMajorVersion: 17 }));
const switched = render(withUpgrade({ fromMajorVersion: 17, serve: 'upgraded' }));
const retired = render(withUpgrade({ fromMajorVersion: 17, serve: 'upgraded', retirePrevious: true }));

describe('step 1, declared: the previous server as it ran, a new one beside it, and the copy', () => {
  test('every object of the running environment stays exactly as it is, so declaring restarts nothing', () => {
    const after = byKey(declared);
    // The clients' egress policy alone changes: it also lets labelled clients reach the upgraded server.
    const clients = 'NetworkPolicy/microservices/postgresql-clients';
    for (const object of before.filter((o) => key(o) !== clients)) expect({ key: key(object), object: after.get(key(object)) }).toEqual({ key: key(object), object });
    const targets = (o: KubeObject | undefined) => o?.spec.egress.flatMap((rule: any) => rule.to.map((peer: any) => peer.podSelector?.matchLabels['app.kubernetes.io/instance']));
    expect(targets(after.get(clients))).toEqual([...targets(before.find((o) => key(o) === clients)), 'postgresql-pg18']);
  });

  test('what is added: the upgraded server postgresql-pg18 with a claim of its own, and the upgrade Job', () => {
    const old = new Set(before.map(key));
    expect(declared.filter((o) => !old.has(key(o))).map(key).sort()).toEqual([
      'ConfigMap/microservices/postgresql-pg18-config',
      'Job/microservices/postgresql-pg18-major-upgrade',
      'NetworkPolicy/microservices/postgresql-pg18',
      'NetworkPolicy/microservices/postgresql-pg18-jobs',
      'NetworkPolicy/microservices/postgresql-pg18-major-upgrade',
      'PodDisruptionBudget/microservices/postgresql-pg18',
      'Service/microservices/postgresql-pg18',
      'Service/microservices/postgresql-pg18-headless',
      'StatefulSet/microservices/postgresql-pg18',
    ]);
    const sts = only(declared, 'StatefulSet', 'postgresql-pg18');
    expect(sts.spec.template.spec.containers[0].image).toBe('postgres:18.4');
    expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(sts.spec.template.spec.containers[0].env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/18/docker' });
  });

  test('clients still reach the previous server; the schema Job still runs there', () => {
    expect(only(declared, 'Service', 'postgresql').spec.selector['app.kubernetes.io/instance']).toBe('postgresql');
    const schemaJob = only(declared, 'Job', 'postgresql-schema-init');
    expect(schemaJob).toEqual(only(before, 'Job', 'postgresql-schema-init'));
  });

  test('the upgrade Job copies from the previous server into the upgraded one, with the target major\'s image', () => {
    const container = only(declared, 'Job', 'postgresql-pg18-major-upgrade').spec.template.spec.containers[0];
    expect(container.image).toBe('postgres:18.4');
    expect(container.env).toEqual(expect.arrayContaining([
      { name: 'PGHOST', value: 'postgresql-pg18-headless' },
      { name: 'SOURCE_PGHOST', value: 'postgresql-headless' },
    ]));
  });
});

describe('step 2, switched: the client Service selects the upgraded server', () => {
  test('Service postgresql now selects postgresql-pg18; the previous server keeps running under postgresql-previous', () => {
    expect(only(switched, 'Service', 'postgresql').spec.selector['app.kubernetes.io/instance']).toBe('postgresql-pg18');
    expect(only(switched, 'Service', 'postgresql-previous').spec.selector['app.kubernetes.io/instance']).toBe('postgresql');
    expect(only(switched, 'StatefulSet', 'postgresql')).toEqual(only(before, 'StatefulSet', 'postgresql'));
  });

  test('the schema Job and the backups follow the server clients reach, under their names and with their claim', () => {
    const env = (o: KubeObject) => o.kind === 'Job' ? o.spec.template.spec.containers[0].env : o.spec.jobTemplate.spec.template.spec.containers[0].env;
    expect(env(only(switched, 'Job', 'postgresql-schema-init'))).toContainEqual({ name: 'PGHOST', value: 'postgresql' });
    const backup = only(switched, 'CronJob', 'postgresql-backup');
    expect(backup.spec.jobTemplate.spec.template.metadata.labels['app.kubernetes.io/instance']).toBe('postgresql-pg18');
    expect(backup.spec.jobTemplate.spec.template.spec.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'postgresql-backup' } });
    expect(only(switched, 'PersistentVolumeClaim', 'postgresql-backup').spec).toEqual(only(before, 'PersistentVolumeClaim', 'postgresql-backup').spec);
  });

  test('the finished upgrade Job is the same object before and after the switch (a Job cannot change)', () => {
    expect(only(switched, 'Job', 'postgresql-pg18-major-upgrade')).toEqual(only(declared, 'Job', 'postgresql-pg18-major-upgrade'));
  });

  test("an application pod labelled for the server reaches whichever server serves, before and after the switch", () => {
    const app = { namespace: NAMESPACE, labels: { app: 'userservice', 'access.cdk8s-postgres.io/postgresql': 'true' }, name: 'userservice' };
    const pods = (instance: string) => ({ namespace: NAMESPACE, labels: { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': instance }, name: instance });
    for (const objects of [declared, switched]) {
      const net = new NetworkPolicies(objects);
      expect([net.allows(app, pods('postgresql'), { port: 5432 }), net.allows(app, pods('postgresql-pg18'), { port: 5432 })]).toEqual([true, true]);
    }
    const job = { namespace: NAMESPACE, labels: only(declared, 'Job', 'postgresql-pg18-major-upgrade').spec.template.metadata.labels, name: 'upgrade job' };
    const net = new NetworkPolicies(declared);
    expect([net.allows(job, pods('postgresql'), { port: 5432 }), net.allows(job, pods('postgresql-pg18'), { port: 5432 })]).toEqual([true, true]);
  });
});

describe('step 3, retired: the previous server is gone, its claim is not', () => {
  test('no previous StatefulSet, Services or upgrade Job; the claim template was Retain, so data-postgresql-0 stays until deleted by hand', () => {
    expect(retired.filter((o) => o.metadata.name === 'postgresql' && o.kind !== 'Service').map(key)).toEqual([]);
    expect(retired.some((o) => o.kind === 'Job' && o.metadata.name.endsWith('major-upgrade'))).toBe(false);
    expect(only(before, 'StatefulSet', 'postgresql').spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(only(retired, 'Service', 'postgresql').spec.selector['app.kubernetes.io/instance']).toBe('postgresql-pg18');
  });
});

describe('what is refused', () => {
  const refused = (upgrade: MajorUpgradeDeclaration, majorVersion = 18) => {
    try {
      render(withUpgrade(upgrade, majorVersion));
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  test('an upgrade to the same or an older major', () => {
    expect(refused({ fromMajorVersion: 17 }, 17)).toBe("PostgresMajorUpgrade 'minikube-dev/microservices': fromMajorVersion 17 is not older than the server's majorVersion 17: an upgrade goes to a newer major (PostgreSQL cannot go back; restore a backup into a server of the old major instead)");
  });

  test('retiring the previous server while it still serves', () => {
    expect(refused({ fromMajorVersion: 17, retirePrevious: true })).toBe("PostgresMajorUpgrade 'minikube-dev/microservices': retirePrevious true needs serve: 'upgraded': the previous server is still the one clients reach");
  });

  test('a server on a volume of its own (EFS): both servers would share it', () => {
    const chart = testChart();
    expect(() => new PostgresMajorUpgrade(chart, 'db', {
      fromMajorVersion: 16,
      server: { dataVolume: { claimName: 'postgres-pvc', namespace: 'default', bind: () => undefined } as never },
    })).toThrow("PostgresMajorUpgrade 'test/db': server.dataVolume \"postgres-pvc\" is shared by both servers: the upgraded server needs a volume of its own (an EFS volume of its own, declared by hand)");
  });

  test('a misspelt declaration, from JavaScript', () => {
    expect(refused({ fromMajor: 17 } as never)).toBe("EnvironmentChart 'minikube-dev': servers[1].backend.upgrade.fromMajor 17 is not a property; did you mean servers[1].backend.upgrade.fromMajorVersion?");
  });
});
