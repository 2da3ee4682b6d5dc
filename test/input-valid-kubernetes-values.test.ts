import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { BackupCronJob, BackupCronJobProps, BackupStorage, PostgresStatefulSet, SchemaInitJob, ZalandoCluster } from '../lib';
import { CRON_MACROS } from '../lib/jobs/cron';
import { TIME_ZONE_NAMES, TZDATA_VERSION } from '../lib/private/time-zones';
import { only, podSpecOf, synth, testChart } from './support/manifests';

/**
 * Class "valid Kubernetes values": what the API server accepts passes and is written as given
 * (cron macros, IANA time zones in every spelling the database has, quantities such as
 * '500000u'); what it refuses, or reads otherwise, fails at construction with a named error.
 * Facts: the API server parses schedules with robfig/cron's standard parser (day of week 0-6,
 * macros matched exactly) and refuses 'TZ' anywhere in one; it checks timeZone with Go's
 * time.LoadLocation (case-sensitive names of the IANA database) and refuses 'Local'.
 */

function backup(props: Partial<BackupCronJobProps>) {
  const chart = testChart();
  const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
  new BackupCronJob(chart, 'backup', { server: db, storage: BackupStorage.newClaim({ size: '1Gi' }), ...props });
  return only(synth(chart), 'CronJob').spec;
}
const BCJ = "BackupCronJob 'test/backup':";

describe('values the API server accepts pass and are written as given', () => {
  test.each(CRON_MACROS)('the macro %s', (macro) => {
    expect(backup({ schedule: macro }).schedule).toBe(macro);
  });

  test.each(['0 2 * * *', '*/15 * * * *', '0 0 1,15 * MON-FRI', '30 3 * jan,jul sun', '0 22 ? * 1-5', '05 4 * * 6', '0 0-23/2 * * *', '7/15 * * * *'])('the schedule %s', (schedule) => {
    expect(backup({ schedule }).schedule).toBe(schedule);
  });

  const ZONES = ['Asia/Seoul', 'Etc/UTC', 'UTC', 'America/Argentina/Buenos_Aires', 'America/Buenos_Aires', 'America/Indiana/Indianapolis', 'Europe/Kyiv',
    'Europe/Kiev', 'ROK', 'US/Pacific', 'EST5EDT', 'Etc/GMT-9', 'Etc/GMT+12', 'GMT', 'America/Port-au-Prince'];
  test.each(ZONES)('the time zone %s', (timeZone) => {
    expect(backup({ timeZone }).timeZone).toBe(timeZone);
  });

  test('500000u of CPU in a server, a Job and a CronJob', () => {
    const chart = testChart();
    const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', resources: { cpuRequest: '500000u' } });
    new SchemaInitJob(chart, 'schema', { server: db, resources: { cpuRequest: '500000u' } });
    new BackupCronJob(chart, 'backup', { server: db, resources: { cpuRequest: '500000u' }, storage: BackupStorage.newClaim({ size: '1Gi' }) });
    const cpu = synth(chart).filter((o) => podSpecOf(o)).map((o) => `${o.kind} ${podSpecOf(o).containers[0].resources.requests.cpu}`);
    expect(cpu.sort()).toEqual(['CronJob 500000u', 'Job 500000u', 'StatefulSet 500000u']);
  });
});

const HOSTILE: [string, Partial<BackupCronJobProps>, string][] = [
  ['@every (not documented for CronJobs)', { schedule: '@every 1h' },
    `${BCJ} schedule "@every 1h" is an interval (@every), which Kubernetes does not document for CronJobs and which runs relative to the last run rather than the clock; write it as fields, e.g. '0 */6 * * *'`],
  ['@Daily (macros are matched exactly)', { schedule: '@Daily' }, `${BCJ} schedule "@Daily" is not a macro Kubernetes knows (${CRON_MACROS.join(', ')}; exactly so, in lower case)`],
  ["'@daily ' with a trailing space", { schedule: '@daily ' }, `${BCJ} schedule "@daily " is not a macro Kubernetes knows (${CRON_MACROS.join(', ')}; exactly so, in lower case)`],
  ['@reboot', { schedule: '@reboot' }, `${BCJ} schedule "@reboot" is not a macro Kubernetes knows (${CRON_MACROS.join(', ')}; exactly so, in lower case)`],
  ["' @daily' with a leading space", { schedule: ' @daily' }, `${BCJ} schedule " @daily" has 1 fields; a schedule has 5 (minute hour day-of-month month day-of-week)`],
  ['day of week 7', { schedule: '0 0 * * 7' }, `${BCJ} schedule "0 0 * * 7" has an invalid day of week field '7': '7' is outside 0-6`],
  ['a range to 7', { schedule: '0 0 * * 5-7' }, `${BCJ} schedule "0 0 * * 5-7" has an invalid day of week field '5-7': '5-7' is outside 0-6`],
  ['CRON_TZ inside the schedule', { schedule: 'CRON_TZ=Asia/Seoul 0 2 * * *' }, `${BCJ} schedule "CRON_TZ=Asia/Seoul 0 2 * * *" sets a time zone inside the schedule; use the timeZone property instead`],
  ['TZ after the fields', { schedule: '0 2 * * * TZ=UTC' }, `${BCJ} schedule "0 2 * * * TZ=UTC" sets a time zone inside the schedule; use the timeZone property instead`],
  ['an empty schedule', { schedule: '' }, `${BCJ} schedule "" is empty; a schedule has 5 fields (minute hour day-of-month month day-of-week) or is a macro such as @daily`],
  ["'KST' (an abbreviation, not a zone)", { timeZone: 'KST' }, `${BCJ} timeZone "KST" is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')`],
  ["'GMT+9' (ICU reads it, Go does not)", { timeZone: 'GMT+9' }, `${BCJ} timeZone "GMT+9" is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')`],
  ["'asia/seoul'", { timeZone: 'asia/seoul' }, `${BCJ} timeZone "asia/seoul" is not spelled as the IANA database spells it, and the API server's check is case-sensitive; write 'Asia/Seoul'`],
  ["'AMERICA/new_york'", { timeZone: 'AMERICA/new_york' }, `${BCJ} timeZone "AMERICA/new_york" is not spelled as the IANA database spells it, and the API server's check is case-sensitive; write 'America/New_York'`],
  ["'Local'", { timeZone: 'Local' }, `${BCJ} timeZone "Local" is the controller's local zone, which Kubernetes refuses; name an IANA zone (e.g. 'Asia/Seoul')`],
  ["'local'", { timeZone: 'local' }, `${BCJ} timeZone "local" is the controller's local zone, which Kubernetes refuses; name an IANA zone (e.g. 'Asia/Seoul')`],
  ['an empty time zone', { timeZone: '' }, `${BCJ} timeZone "" is empty; leave timeZone out for the controller's own zone, or name an IANA zone (e.g. 'Asia/Seoul')`],
  ["'Asia/Seoul ' with a trailing space", { timeZone: 'Asia/Seoul ' }, `${BCJ} timeZone "Asia/Seoul " is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')`],
  ["'posixrules' (a file on Debian, not a zone)", { timeZone: 'posixrules' }, `${BCJ} timeZone "posixrules" is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')`],
  ["'../../etc/passwd'", { timeZone: '../../etc/passwd' }, `${BCJ} timeZone "../../etc/passwd" is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')`],
];

describe('input-valid-kubernetes-values: what the API server refuses or reads otherwise gets a named error', () => {
  test.each(HOSTILE)('%s', (_name, props, message) => {
    expect(() => backup(props)).toThrow(expect.objectContaining({ name: 'ValidationError', message }));
  });

  test("a macro on the Zalando backend, whose CRD's pattern takes five fields only", () => {
    expect(() => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, logicalBackup: { schedule: '@daily' } }))
      .toThrow(expect.objectContaining({ message: "ZalandoCluster 'test/acid-db': logicalBackup.schedule \"@daily\" uses ranges, lists, names or a macro, which the CRD does not accept (five fields of numbers, * and steps only)" }));
  });
});

describe('the time zone names are the IANA database the nodes and the API server read', () => {
  const TZDATA = '/usr/share/zoneinfo/tzdata.zi';

  test("every name follows the API server's spelling rules (parts of at most 14 letters, digits, '.', '-', '_' or '+', not '.' or '..')", () => {
    const odd = TIME_ZONE_NAMES.filter((n) => n.split('/').some((part) => !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part) || part === '.' || part === '..' || part.startsWith('-')));
    expect(odd).toEqual([]);
    expect(TIME_ZONE_NAMES.length).toBeGreaterThan(590);
  });

  test("every name loads from the machine's tzdata (Python's zoneinfo reads the files Go's LoadLocation reads on Linux)", () => {
    const script = 'import sys, json, zoneinfo\nnames = json.load(sys.stdin)\navailable = zoneinfo.available_timezones()\nprint(json.dumps([n for n in names if n not in available]))';
    const missing = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(TIME_ZONE_NAMES), encoding: 'utf8' }));
    expect(missing).toEqual([]);
  });

  test('the list is the whole database of its tzdata version (regenerate with scripts/generate-time-zones.ts when tzdata moves on)', () => {
    expect(existsSync(TZDATA)).toBe(true);
    const text = readFileSync(TZDATA, 'utf8');
    const version = /^# version (\S+)/m.exec(text)![1];
    const names = text.split('\n').map((l) => l.split(/\s+/)).flatMap((f) => (f[0] === 'Z' ? [f[1]] : f[0] === 'L' ? [f[2]] : []));
    if (version === TZDATA_VERSION) expect([...names].sort()).toEqual([...TIME_ZONE_NAMES]);
    else expect(TIME_ZONE_NAMES.filter((n) => !names.includes(n))).toEqual([]);
  });
});
