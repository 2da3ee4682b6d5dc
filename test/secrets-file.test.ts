import { mkdtempSync, readFileSync } from 'fs';
import { join } from 'path';
import { PostgresStatefulSet, SchemaInitJob } from '../lib';
import { SECRETS_FILE_ENV } from '../lib/secrets/secrets-file';
import { testApp } from './support/manifests';
import { Chart } from 'cdk8s';
import { RUN_ROOT_ENV } from './support/run-root-env';

// The hook `npx cdk8s-postgres secrets` runs an app with: app.synth() also lists what the charts read.

test('with the variable set, app.synth() writes the Secrets and TLS Secrets of every app synthesized, each once', () => {
  const dir = mkdtempSync(join(process.env[RUN_ROOT_ENV]!, 'secrets-file-'));
  const file = join(dir, 'needed.json');
  const synthesize = (namespace: string) => {
    const app = testApp();
    Object.assign(app, { outdir: join(dir, namespace) });
    const chart = new Chart(app, namespace);
    const server = new PostgresStatefulSet(chart, 'db', { namespace, superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
    new SchemaInitJob(chart, 'schema', { server, databases: [{ name: 'orders', owner: 'orders_owner' }], users: [{ name: 'orders_owner', kind: 'app', password: { name: 'logins', key: 'owner', usernameKey: 'user' } }] });
    app.synth();
  };
  process.env[SECRETS_FILE_ENV] = file;
  try {
    synthesize('shop');
    synthesize('shop');
    synthesize('billing');
  } finally {
    delete process.env[SECRETS_FILE_ENV];
  }
  const needed = JSON.parse(readFileSync(file, 'utf8'));
  expect(needed.secrets.map((s: any) => `${s.namespace}/${s.name} ${JSON.stringify(s.keys)}`).sort()).toEqual([
    'billing/db-superuser {"password":{"generate":"password"}}',
    'billing/logins {"owner":{"generate":"password"},"user":{"value":"orders_owner"}}',
    'shop/db-superuser {"password":{"generate":"password"}}',
    'shop/logins {"owner":{"generate":"password"},"user":{"value":"orders_owner"}}',
  ]);
  expect(needed.certificates.map((c: any) => `${c.namespace}/${c.name}`).sort()).toEqual(['billing/db-tls', 'shop/db-tls']);
});
