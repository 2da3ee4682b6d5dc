import { readFileSync } from 'fs';
import { RECORD_FILE, recordedSettings } from '../scripts/record-pg-settings';
import { DEFAULT_MAJOR_VERSION, SUPPORTED_MAJOR_VERSIONS } from '../lib/core/postgres-version';
import { describeSetting, needsRestart, settingContext } from '../lib/config/pg-settings';

// The record the server's checksum, the parameter checks and the review read (lib/config/pg-settings.json) against a
// real server of the deployed default major; scripts/record-pg-settings.ts writes it from a server of every major.
describe('the recorded pg_settings', () => {
  const record = JSON.parse(readFileSync(RECORD_FILE, 'utf8'));

  test('hold every supported major', () => {
    expect(Object.keys(record).map(Number)).toEqual([...SUPPORTED_MAJOR_VERSIONS]);
  });

  test(`match a running PostgreSQL ${DEFAULT_MAJOR_VERSION} exactly`, async () => {
    expect(await recordedSettings(DEFAULT_MAJOR_VERSION)).toEqual(record[String(DEFAULT_MAJOR_VERSION)]);
  }, 60000);

  test('tell a restart from a reload', () => {
    expect(settingContext(17, 'max_connections')).toBe('postmaster');
    expect(settingContext(14, 'shared_buffers')).toBe('postmaster');
    expect(settingContext(17, 'work_mem')).toBe('user');
    expect(settingContext(17, 'log_connections')).toBe('superuser-backend');
    expect(settingContext(17, 'pg_stat_statements.max')).toBe('postmaster');
    expect(needsRestart(17, 'max_connections')).toBe(true);
    expect(needsRestart(17, 'work_mem')).toBe(false);
    expect(needsRestart(17, 'checkpoint_completion_target')).toBe(false);
    // unknown to PostgreSQL: only a restart is sure to read it
    expect(needsRestart(17, 'no_such_setting')).toBe(true);
  });

  test('say each setting\'s type, unit, range and values, names matched as PostgreSQL matches them', () => {
    expect(describeSetting(17, 'shared_buffers')).toEqual({ context: 'postmaster', type: 'integer', unit: '8kB', min: '16', max: '1073741823' });
    expect(describeSetting(17, 'wal_level')).toEqual({ context: 'postmaster', type: 'enum', values: ['minimal', 'replica', 'logical'] });
    expect(describeSetting(14, 'timezone')).toEqual(describeSetting(14, 'TimeZone'));
    expect(describeSetting(18, 'no_such_setting')).toBeUndefined();
  });
});
