// The benchmark fleet, as a repository that imports the library writes it: N servers, each with
// its schema Job, in one chart or one chart per server, synthesized with app.synth() or the
// library's writer. Plain JavaScript: it runs in the scratch consumer of `npm run bench` against
// the packed package, and the repository's tests load it with the library's sources.
'use strict';

/** Server `i` of the fleet and its schema Job, added to `chart`. */
function addInstance(lib, chart, i) {
  const name = `db-${String(i).padStart(4, '0')}`;
  const server = new lib.PostgresStatefulSet(chart, `${name}-server`, {
    name, namespace: `dbaas-${name}`, database: 'app', superuser: { name: 'postgres', password: { name: `${name}-superuser`, key: 'password' } }, storage: { size: '1Gi' },
  });
  new lib.SchemaInitJob(chart, `${name}-schema`, {
    server,
    databases: [{ name: 'app', owner: 'app_owner', schemaFiles: [{ name: 'init.sql', sql: 'CREATE TABLE items (id bigserial PRIMARY KEY, body jsonb);\n' }] }],
    users: [
      { name: 'app_owner', kind: 'app', password: { name: `${name}-logins`, key: 'owner' } },
      { name: 'app_reader', kind: 'readonly', databases: ['app'], password: { name: `${name}-logins`, key: 'reader' } },
    ],
  });
}

/** An App of `n` servers: `layout` 'one-chart' puts them in one chart, 'chart-per-server' each in its own. */
function fleetApp(cdk8s, lib, n, layout, outdir) {
  const app = new cdk8s.App({ outdir });
  let shared;
  for (let i = 0; i < n; i++) {
    const chart = layout === 'one-chart'
      ? (shared ??= new cdk8s.Chart(app, 'fleet', { disableResourceNameHashes: true }))
      : new cdk8s.Chart(app, `db-${String(i).padStart(4, '0')}`, { disableResourceNameHashes: true });
    addInstance(lib, chart, i);
  }
  return app;
}

module.exports = { fleetApp };

// `node fleet.js <n> <one-chart|chart-per-server> <app.synth|writeCharts> <outdir>`: one JSON line
// with the milliseconds from the first construct to the last file written, and the peak RSS.
if (require.main === module) {
  const [n, layout, via, outdir] = [Number(process.argv[2]), process.argv[3], process.argv[4], process.argv[5]];
  const cdk8s = require('cdk8s');
  const lib = require('cdk8s-postgres');
  const started = process.hrtime.bigint();
  const app = fleetApp(cdk8s, lib, n, layout, outdir);
  if (via === 'writeCharts') lib.writeCharts(app.charts, outdir);
  else app.synth();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}
