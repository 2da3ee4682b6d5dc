import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { BackupCronJob, BackupStorage, PostgresStatefulSet, SchemaInitJob, writeChart } from '../lib';

/**
 * Synthesizes a fleet of N database instances in this process, as a Mini DBaaS would (seed 000):
 * one chart per instance with a PostgresStatefulSet, its SchemaInitJob and its BackupCronJob,
 * written to a temporary folder. Each instance has an App of its own: cdk8s resolves the whole
 * app again for every chart it renders, so N charts in one App cost O(N²).
 * Prints one JSON line: n, milliseconds, peak RSS in MiB.
 */
export function synthesizeFleet(n: number, outdir: string): void {
  for (let i = 0; i < n; i++) writeChart(fleetInstance(i, outdir), outdir);
}

/** Instance `i` of the fleet: its own App and Chart `db-<i>`, not yet written. */
export function fleetInstance(i: number, outdir: string): Chart {
  const name = `db-${String(i).padStart(4, '0')}`;
  const app = new App({ outdir });
  const chart = new Chart(app, name, { disableResourceNameHashes: true });
  const server = new PostgresStatefulSet(chart, 'server', {
    name, namespace: `dbaas-${name}`, database: 'app', superuser: { name: 'postgres', password: { name: `${name}-superuser`, key: 'password' } }, storage: { size: '1Gi' },
  });
  new SchemaInitJob(chart, 'schema', {
    server,
    databases: [{ name: 'app', owner: 'app_owner', schemaFiles: [{ name: 'init.sql', sql: 'CREATE TABLE items (id bigserial PRIMARY KEY, body jsonb);\n' }] }],
    users: [
      { name: 'app_owner', kind: 'app', password: { name: `${name}-logins`, key: 'owner' } },
      { name: 'app_reader', kind: 'readonly', databases: ['app'], password: { name: `${name}-logins`, key: 'reader' } },
    ],
  });
  new BackupCronJob(chart, 'backup', { server, storage: BackupStorage.newClaim({ size: '1Gi' }), retention: { days: 7 } });
  return chart;
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 100);
  const outdir = mkdtempSync(join(tmpdir(), 'fleet-'));
  const started = process.hrtime.bigint();
  synthesizeFleet(n, outdir);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ n, ms: Math.round(ms), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}
