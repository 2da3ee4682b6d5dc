import { aksPhonebillDev } from '../environments/aks-phonebill-dev';
import { prodOperator } from '../environments/prod-operator';
import { EnvironmentChart, Warnings } from '../lib';
import { loadDist, only, testApp } from './support/manifests';

/** Seed 004, object by object. */
const objects = loadDist()['aks-phonebill-dev'];
const NAME = 'postgresql-product-change';
const SEED_LABELS = { app: NAME, service: 'product-change', tier: 'database' };

test('namespace phonebill-dev holds every namespaced object', () => {
  only(objects, 'Namespace', 'phonebill-dev');
  expect(objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'phonebill-dev')).toBe(true);
});

describe(`StatefulSet and Service ${NAME}`, () => {
  const sts = only(objects, 'StatefulSet', NAME);
  const container = sts.spec.template.spec.containers[0];

  test("the seed's labels on the StatefulSet, its pod and the Service", () => {
    expect(sts.metadata.labels).toMatchObject(SEED_LABELS);
    expect(sts.spec.template.metadata.labels).toMatchObject(SEED_LABELS);
    const svc = only(objects, 'Service', NAME);
    expect(svc.metadata.labels).toMatchObject(SEED_LABELS);
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 5432, name: 'postgresql' }] });
  });

  test('PostgreSQL 14, database product_change_db', () => {
    expect(container.image).toMatch(/^postgres:14\.\d+$/);
    expect(container.env).toContainEqual({ name: 'POSTGRES_DB', value: 'product_change_db' });
  });

  test('requests 500m / 1Gi, limits 1000m / 2Gi', () => {
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1000m', memory: '2Gi' } });
  });

  test('20Gi on managed-standard', () => {
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'managed-standard', resources: { requests: { storage: '20Gi' } } });
  });

  test("probes with the seed's timings (liveness 30/10/5, readiness 5/5/3)", () => {
    expect(container.livenessProbe).toMatchObject({ initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 });
    expect(container.readinessProbe).toMatchObject({ initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 3 });
  });
});

test('ConfigMap postgresql-product-change-config carries §4 and the disposable-dev switches', () => {
  const conf: string = only(objects, 'ConfigMap', 'postgresql-product-change-config').data['postgresql.conf'];
  const settings = Object.fromEntries(conf.split('\n').filter((l) => l.includes(' = ')).map((l) => l.split(' = ')));
  expect(settings).toMatchObject({
    max_connections: '100', shared_buffers: "'256MB'", effective_cache_size: "'1GB'", work_mem: "'4MB'", maintenance_work_mem: "'64MB'",
    checkpoint_completion_target: '0.7', wal_buffers: "'16MB'", default_statistics_target: '100',
    log_destination: "'stderr'", logging_collector: 'on', log_directory: "'log'", log_filename: "'postgresql-%Y-%m-%d_%H%M%S.log'",
    log_min_duration_statement: '1000', log_checkpoints: 'on', log_connections: 'on', log_disconnections: 'on',
    fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', timezone: "'UTC'", log_timezone: "'UTC'",
  });
  expect(aksPhonebillDev.disposable).toBe(true);
});

test('Secret postgresql-product-change-secret is referenced (username, password), never written', () => {
  const job = only(objects, 'Job', 'postgresql-product-change-schema-init');
  expect(job.spec.template.spec.containers[0].env).toContainEqual({ name: 'CDK8S_PG_PASSWORD_1', valueFrom: { secretKeyRef: { name: 'postgresql-product-change-secret', key: 'password' } } });
  expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
});

test('schema ConfigMap and Job with the seed names and labels', () => {
  const configMap = only(objects, 'ConfigMap', 'postgresql-product-change-schema');
  expect(configMap.metadata.labels).toMatchObject({ app: NAME });
  expect(configMap.data['001-1-product-change.sql']).toContain('CREATE TABLE product_change_history');
  const job = only(objects, 'Job', 'postgresql-product-change-schema-init');
  expect(job.metadata.labels).toMatchObject({ app: NAME, 'job-type': 'schema-init' });
});

test('backup CronJob at 0 2 * * * with 7 days on claim postgresql-product-change-backup-pvc (10Gi)', () => {
  const cronJob = only(objects, 'CronJob', 'postgresql-product-change-backup');
  expect(cronJob.spec.schedule).toBe('0 2 * * *');
  const env = cronJob.spec.jobTemplate.spec.template.spec.initContainers[0].env;
  expect(env).toContainEqual({ name: 'RETENTION_DAYS', value: '7' });
  expect(env).toContainEqual({ name: 'BACKUP_DATABASES', value: 'product_change_db' });
  expect(cronJob.spec.jobTemplate.spec.template.spec.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'postgresql-product-change-backup-pvc' } });
  const claim = only(objects, 'PersistentVolumeClaim', 'postgresql-product-change-backup-pvc');
  expect(claim.spec).toMatchObject({ storageClassName: 'managed-standard', resources: { requests: { storage: '10Gi' } } });
});

test('backups run as login product_change_backup (pg_read_all_data, BYPASSRLS, CONNECT on product_change_db), not the superuser', () => {
  const pod = only(objects, 'CronJob', 'postgresql-product-change-backup').spec.jobTemplate.spec.template;
  const dump = pod.spec.initContainers[0];
  expect(dump.name).toBe('backup');
  expect(dump.env).toContainEqual({ name: 'PGUSER', value: 'product_change_backup' });
  expect(dump.env).toContainEqual({ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'postgresql-product-change-logins', key: 'backup-password' } } });
  const sql = only(objects, 'ConfigMap', 'postgresql-product-change-schema').data['000-cluster.sql'];
  expect(sql).toContain('GRANT pg_read_all_data TO "product_change_backup";');
  expect(sql).toContain('ALTER ROLE "product_change_backup" WITH BYPASSRLS;');
  expect(sql).toContain('GRANT CONNECT ON DATABASE "product_change_db" TO "product_change_backup";');
});

test('each verified dump is uploaded to phonebilldevbackups/postgresql-backups by the upload container, with workload identity', () => {
  const pod = only(objects, 'CronJob', 'postgresql-product-change-backup').spec.jobTemplate.spec.template;
  expect(pod.metadata.labels).toMatchObject({ 'azure.workload.identity/use': 'true', 'app.kubernetes.io/component': 'backup' });
  expect(pod.metadata.annotations).toEqual({ 'azure.workload.identity/skip-containers': 'backup' });
  expect(pod.spec.serviceAccountName).toBe('postgresql-product-change-backup');
  expect(pod.spec.automountServiceAccountToken).toBe(false);
  const [upload] = pod.spec.containers;
  expect(upload).toMatchObject({ name: 'upload', image: 'curlimages/curl:8.11.1', command: ['/bin/sh', '-c', expect.stringContaining('oauth2/v2.0/token')] });
  expect(upload.env).toEqual(expect.arrayContaining([
    { name: 'BLOB_ENDPOINT', value: 'https://phonebilldevbackups.blob.core.windows.net' },
    { name: 'BLOB_CONTAINER', value: 'postgresql-backups' },
    { name: 'BLOB_PREFIX', value: 'phonebill-dev/postgresql-product-change' },
  ]));
  expect(upload.volumeMounts).toContainEqual({ name: 'backup', mountPath: '/backup', readOnly: true });
  // No key or connection string anywhere in the pod.
  expect(JSON.stringify(pod)).not.toMatch(/AccountKey|SharedAccessSignature|sig=/);
  const account = only(objects, 'ServiceAccount', 'postgresql-product-change-backup');
  // The client ID exists only once Terraform made the identity: the stack sets it; kubectl users annotate.
  expect(account.metadata.annotations).toBeUndefined();
  expect(account.automountServiceAccountToken).toBe(false);
});

test('a backup login needs the StatefulSet backend: on the Zalando backend the operator owns the logins', () => {
  const [server] = prodOperator.servers;
  const login = { name: 'backup_login', password: { name: 'logins', key: 'backup' } };
  expect(() => new EnvironmentChart(testApp(), prodOperator.name, { ...prodOperator, servers: [{ ...server, backup: { storage: { size: '1Gi' }, login } }] }))
    .toThrow(`EnvironmentChart 'prod-operator': server '${server.id}': backup.login "backup_login" needs the StatefulSet backend: the operator owns the Zalando cluster's logins`);
});

test('synthesis warns that PostgreSQL 14 is past end of life', () => {
  const app = testApp();
  new EnvironmentChart(app, aksPhonebillDev.name, aksPhonebillDev);
  expect(Warnings.collect(app)).toEqual([expect.stringContaining('PostgreSQL 14 reached end of life on 2026-11-12')]);
});

test('aks-phonebill-dev snapshot', () => {
  expect(objects).toMatchSnapshot();
});
