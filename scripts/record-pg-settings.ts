// Records, for every supported PostgreSQL major, which context each setting has in pg_settings
// (postmaster: read at start only; sighup: read on reload; …) into lib/config/pg-settings-context.json,
// from a real server of that major. The review reads the record to tell a restart from a reload.
// Usage: node -r ./scripts/register-ts.js scripts/record-pg-settings.ts
import { writeFileSync } from 'fs';
import { join } from 'path';
import { SERVER_MAJORS, startPostgres } from '../test/support/postgres-server';

export const RECORD_FILE = join(__dirname, '..', 'lib', 'config', 'pg-settings-context.json');

/** pg_stat_statements is preloaded so that its settings (pg_stat_statements.max: postmaster) are recorded too. */
const SERVER_ARGS = ['-c', 'shared_preload_libraries=pg_stat_statements'];

/** `name → context` of every setting of a running server of `major`, sorted by name. */
export async function settingContexts(major: number): Promise<Record<string, string>> {
  const server = await startPostgres({ major, serverArgs: () => SERVER_ARGS });
  try {
    const rows = server.query("SELECT name || E'\\t' || context FROM pg_settings ORDER BY name COLLATE \"C\"");
    return Object.fromEntries(rows.split('\n').filter((l) => l !== '').map((l) => l.split('\t') as [string, string]));
  } finally {
    server.stop();
  }
}

async function main(): Promise<void> {
  const record: Record<string, Record<string, string>> = {};
  for (const major of SERVER_MAJORS) record[String(major)] = await settingContexts(major);
  writeFileSync(RECORD_FILE, `${JSON.stringify(record, null, 1)}\n`);
  process.stdout.write(`recorded ${SERVER_MAJORS.map((m) => `${m}: ${Object.keys(record[String(m)]).length}`).join(', ')} settings into ${RECORD_FILE}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
