import { spawnSync } from 'child_process';
import { join } from 'path';

/**
 * A fleet of one chart per server keeps V8's shapes of plain objects shared. V8 gives the shape
 * every object built up from `{}` starts with a transition for each key added to it first (kept
 * while an object of the shape it leads to lives), and adds none past 1536: from then on each
 * such object gets a shape of its own, and cdk8s renders every object that way (1000 servers, a
 * chart each, took 3.4-3.7 s and 290-340 MiB instead of 2.5-2.6 s and about 200 MiB). Each
 * chart's first construct id takes a transition (the constructs library keeps a node's children
 * in a plain object); a server's client label key, which names the server, must not take another
 * while the server lives.
 *
 * The check runs in a process of its own, with V8's `%HaveSameMap`: after 700 charts of one
 * server each, two objects built alike from `{}` with a key nobody used before share a shape.
 */
const ROOT = join(__dirname, '..');
const SERVERS = 700;

const BUILDERS: Record<string, string> = {
  PostgresStatefulSet: `new lib.PostgresStatefulSet(chart, 'db-' + i + '-server', { name: 'db-' + i, namespace: 'dbaas-db-' + i, superuser: { name: 'postgres', password: { name: 'db-' + i + '-superuser', key: 'password' } } })`,
  CloudNativePgCluster: `new lib.CloudNativePgCluster(chart, 'db-' + i + '-cluster', { name: 'db-' + i, namespace: 'dbaas-db-' + i, databases: [{ name: 'app', owner: 'app_owner' }], users: [{ name: 'app_owner', kind: 'admin', password: { name: 'db-' + i + '-owner', key: 'password', usernameKey: 'username' } }] })`,
  ZalandoCluster: `new lib.ZalandoCluster(chart, 'acid-db-' + i, { teamId: 'acid', namespace: 'dbaas-db-' + i, storage: { size: '10Gi' } })`,
};

function shapesShared(builder: string): { sameShape: boolean; objects: number } {
  const script = `
    const { ApiObject, App, Chart } = require('cdk8s');
    const lib = require('./lib');
    const app = new App();
    for (let i = 0; i < ${SERVERS}; i++) { const chart = new Chart(app, 'chart-' + i); ${builder}; }
    const first = {}; first.keyNobodyUsedBefore = 1;
    const second = {}; second.keyNobodyUsedBefore = 1;
    console.log(JSON.stringify({ sameShape: %HaveSameMap(first, second), objects: app.node.findAll().filter((c) => ApiObject.isApiObject(c)).length }));`;
  const result = spawnSync(process.execPath, ['--allow-natives-syntax', '-r', './scripts/register-ts.js', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the fleet's process failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

test.each(Object.keys(BUILDERS))('%s: 700 charts of one server each leave plain objects their shared shapes', (construct) => {
  const { sameShape, objects } = shapesShared(BUILDERS[construct]);
  expect(objects).toBeGreaterThanOrEqual(SERVERS * 2);
  expect(sameShape).toBe(true);
});
