import { loadDist, only } from './support/manifests';
import { deployedMajor } from './support/deployed-major';
import { startPostgres, TestServer } from './support/postgres-server';
import { runJobScript } from './support/run-job';

/** Seed 002 on Solid Cloud, from dist/solid-cloud.k8s.yaml. */
const objects = loadDist()['solid-cloud'];

test('namespace titanium-prod, StatefulSet postgresql, Service postgresql-service on 5432', () => {
  only(objects, 'Namespace', 'titanium-prod');
  const sts = only(objects, 'StatefulSet', 'postgresql');
  expect(sts.metadata.namespace).toBe('titanium-prod');
  expect(sts.spec.template.spec.containers[0].env).toContainEqual({ name: 'POSTGRES_DB', value: 'titanium' });
  expect(only(objects, 'Service', 'postgresql-service').spec.ports[0].port).toBe(5432);
});

test('10Gi on local-path', () => {
  expect(only(objects, 'StatefulSet', 'postgresql').spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'local-path', resources: { requests: { storage: '10Gi' } } });
});

test('the ConfigMap the services read', () => {
  expect(only(objects, 'ConfigMap', 'titanium-db-config').data).toEqual({
    USE_POSTGRES: 'true', POSTGRES_HOST: 'postgresql-service', POSTGRES_PORT: '5432', POSTGRES_DB: 'titanium',
    POSTGRES_SSLMODE: 'verify-full', POSTGRES_SSL_CA_SECRET: 'postgresql-tls', POSTGRES_SSL_CA_KEY: 'ca.crt',
  });
});

test('Secret postgres-credentials (POSTGRES_USER, POSTGRES_PASSWORD) is referenced, not written', () => {
  const job = only(objects, 'Job', 'postgresql-schema-init');
  expect(job.spec.template.spec.containers[0].env).toContainEqual({ name: 'CDK8S_PG_PASSWORD_1', valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: 'POSTGRES_PASSWORD' } } });
  expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
});

describe(`the schema Job from dist/ gives the services their tables, on PostgreSQL ${deployedMajor(objects)} as deployed`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPostgres({ major: deployedMajor(objects) });
    server.query('CREATE DATABASE titanium'); // the image creates it from POSTGRES_DB
  });
  afterAll(() => server?.stop());

  test('users and posts exist and the services\' login can do CRUD', () => {
    const run = runJobScript(objects, 'postgresql-schema-init', server, {
      'postgresql-superuser': { password: server.superuserPassword },
      'postgres-credentials': { POSTGRES_PASSWORD: 'titanium-pw' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const login = { user: 'titanium', password: 'titanium-pw', database: 'titanium' };
    server.query("INSERT INTO users (username, email, password_hash) VALUES ('kim', 'k@example.com', 'h')", login);
    expect(server.query('SELECT count(*) FROM users', login)).toBe('1');
    expect(server.query("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'", login)).toBe('posts,users');
  });
});

test('solid-cloud snapshot', () => {
  expect(objects).toMatchSnapshot();
});
