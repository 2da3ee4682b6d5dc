// Records, for every supported PostgreSQL major, what pg_settings says of each setting — its
// context (postmaster: read at start only; sighup: read on reload; …), its type, unit, range and
// allowed values — into lib/config/pg-settings.json, from a real server of that major. The review
// reads the contexts to tell a restart from a reload; the servers' parameters are checked against
// the rest.
// Usage: node -r ./scripts/register-ts.js scripts/record-pg-settings.ts
import { writeFileSync } from 'fs';
import { join } from 'path';
import { SERVER_MAJORS, startPostgres } from '../test/support/postgres-server';

export const RECORD_FILE = join(__dirname, '..', 'lib', 'config', 'pg-settings.json');

/** pg_stat_statements is preloaded so that its settings (pg_stat_statements.max: postmaster) are recorded too. */
const SERVER_ARGS = ['-c', 'shared_preload_libraries=pg_stat_statements'];

/** One setting as pg_settings describes it; absent fields are null there. */
export interface RecordedSetting {
  readonly context: string;
  readonly type: string;
  readonly unit?: string;
  readonly min?: string;
  readonly max?: string;
  readonly values?: string[];
}

const QUERY = `SELECT json_object_agg(name, json_strip_nulls(json_build_object(
  'context', context, 'type', vartype, 'unit', unit, 'min', min_val, 'max', max_val, 'values', enumvals)) ORDER BY name COLLATE "C")
  FROM pg_settings`;

/** `name → setting` of every setting of a running server of `major`, sorted by name. */
export async function recordedSettings(major: number): Promise<Record<string, RecordedSetting>> {
  const server = await startPostgres({ major, serverArgs: () => SERVER_ARGS });
  try {
    return JSON.parse(server.query(QUERY));
  } finally {
    server.stop();
  }
}

async function main(): Promise<void> {
  const record: Record<string, Record<string, RecordedSetting>> = {};
  for (const major of SERVER_MAJORS) record[String(major)] = await recordedSettings(major);
  writeFileSync(RECORD_FILE, `${JSON.stringify(record)}\n`);
  process.stdout.write(`recorded ${SERVER_MAJORS.map((m) => `${m}: ${Object.keys(record[String(m)]).length}`).join(', ')} settings into ${RECORD_FILE}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
