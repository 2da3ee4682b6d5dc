import fc from 'fast-check';
import { EnvironmentChart, PostgresStatefulSet, PostgresStatefulSetProps, ZalandoCluster, ZalandoClusterProps } from '../lib';
import { integerSetting, readPostgresBoolean, readPostgresInteger, readSynchronousCommit } from '../lib/config/postgres-values';
import { anyCodePoint } from './support/arbitraries';
import { only, synth, testApp, testChart } from './support/manifests';
import { ConfigReader } from './support/postgres-conf';

/**
 * Class "PostgreSQL's own reading of values": every value of postgresql.conf either fails at
 * construction with a named error, or is read by the real server (`postgres -C`, majors 14 and
 * 17, the two the environments deploy) exactly as the library read it.
 */

const statefulSet = (props: PostgresStatefulSetProps) => new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop', ...props });
const zalando = (props: Partial<ZalandoClusterProps>) => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, ...props });
const PSS = "PostgresStatefulSet 'test/db':";
const ZAL = "ZalandoCluster 'test/acid-db':";
const CRASH = 'turns off crash safety; set disposable: true to declare the environment a disposable development environment';
const NOT_BOOLEAN = 'is not a boolean PostgreSQL accepts (on, off, true, false, yes, no, 1 or 0, or a unique prefix of one, without spaces)';
const NOT_LEVEL = 'is not a level PostgreSQL accepts (local, remote_write, remote_apply, on or off; case does not matter, prefixes are not accepted)';

/** Hostile or mistaken inputs and the exact error each gets. */
const HOSTILE: [string, () => unknown, string][] = [
  // Durability switches as PostgreSQL parses booleans: unique prefixes, any case, no trimming.
  ["fsync 'of' (a prefix of off)", () => statefulSet({ parameters: { fsync: 'of' } }), `${PSS} parameters.fsync "of" ${CRASH}`],
  ["fsync 'n' (a prefix of no)", () => statefulSet({ parameters: { fsync: 'n' } }), `${PSS} parameters.fsync "n" ${CRASH}`],
  ["fsync 'fa' (a prefix of false)", () => statefulSet({ parameters: { fsync: 'fa' } }), `${PSS} parameters.fsync "fa" ${CRASH}`],
  ["fsync 'OFF'", () => statefulSet({ parameters: { fsync: 'OFF' } }), `${PSS} parameters.fsync "OFF" ${CRASH}`],
  ["fsync '0'", () => statefulSet({ parameters: { fsync: '0' } }), `${PSS} parameters.fsync "0" ${CRASH}`],
  ['fsync 0 (a number)', () => statefulSet({ parameters: { fsync: 0 } }), `${PSS} parameters.fsync 0 ${CRASH}`],
  ["full_page_writes 'No'", () => statefulSet({ parameters: { full_page_writes: 'No' } }), `${PSS} parameters.full_page_writes "No" ${CRASH}`],
  ["full_page_writes 'FALS'", () => statefulSet({ parameters: { full_page_writes: 'FALS' } }), `${PSS} parameters.full_page_writes "FALS" ${CRASH}`],
  ["fsync ' off ' (PostgreSQL trims nothing)", () => statefulSet({ parameters: { fsync: ' off ' } }), `${PSS} parameters.fsync " off " ${NOT_BOOLEAN}`],
  ["fsync 'o' (ambiguous)", () => statefulSet({ parameters: { fsync: 'o' } }), `${PSS} parameters.fsync "o" ${NOT_BOOLEAN}`],
  ["fsync 'offf'", () => statefulSet({ parameters: { fsync: 'offf' } }), `${PSS} parameters.fsync "offf" ${NOT_BOOLEAN}`],
  ["fsync ''", () => statefulSet({ parameters: { fsync: '' } }), `${PSS} parameters.fsync "" ${NOT_BOOLEAN}`],
  ["fsync '0.0'", () => statefulSet({ parameters: { fsync: '0.0' } }), `${PSS} parameters.fsync "0.0" ${NOT_BOOLEAN}`],
  ['fsync 2', () => statefulSet({ parameters: { fsync: 2 } }), `${PSS} parameters.fsync 2 ${NOT_BOOLEAN}`],
  // synchronous_commit is an enum: whole words only.
  ["synchronous_commit 'OFF'", () => statefulSet({ parameters: { synchronous_commit: 'OFF' } }), `${PSS} parameters.synchronous_commit "OFF" ${CRASH}`],
  ["synchronous_commit 'no'", () => statefulSet({ parameters: { synchronous_commit: 'no' } }), `${PSS} parameters.synchronous_commit "no" ${CRASH}`],
  ["synchronous_commit 'of'", () => statefulSet({ parameters: { synchronous_commit: 'of' } }), `${PSS} parameters.synchronous_commit "of" ${NOT_LEVEL}`],
  ["synchronous_commit 'n'", () => statefulSet({ parameters: { synchronous_commit: 'n' } }), `${PSS} parameters.synchronous_commit "n" ${NOT_LEVEL}`],
  ["synchronous_commit 'loc'", () => statefulSet({ parameters: { synchronous_commit: 'loc' } }), `${PSS} parameters.synchronous_commit "loc" ${NOT_LEVEL}`],
  ["ZalandoCluster fsync 'of'", () => zalando({ parameters: { fsync: 'of' } }), `${ZAL} parameters.fsync "of" ${CRASH}`],
  // disposable from JavaScript or JSON callers.
  ["disposable 'false' (a string)", () => statefulSet({ disposable: 'false' as any, parameters: { fsync: false } }),
    `${PSS} disposable "false" must be true or false, not a string`],
  ["disposable 'true' (a string)", () => statefulSet({ disposable: 'true' as any }),
    `${PSS} disposable "true" must be true or false, not a string`],
  ['disposable 1', () => statefulSet({ disposable: 1 as any }), `${PSS} disposable 1 must be true or false, not a number`],
  ["an environment description from JSON with disposable 'false'", () => new EnvironmentChart(testApp(), 'dev', {
    name: 'dev', summary: 'from JSON', disposable: 'false' as any, servers: [{ id: 'db', namespace: 'shop', parameters: { fsync: 'off' }, backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 'pg', key: 'password' } } } }],
  }), "EnvironmentChart 'dev': disposable \"false\" must be true or false, not a string"],
  ["ZalandoCluster disposable 'false'", () => zalando({ disposable: 'false' as any }),
    `${ZAL} disposable "false" must be true or false, not a string`],
  // What no postgresql.conf line can hold, and keys that are not settings.
  ['a NUL character', () => statefulSet({ parameters: { 'cdk8s_test.value': 'a\0b' } }),
    `${PSS} parameters.cdk8s_test.value "a\\u0000b" contains a NUL character, which ends a postgresql.conf value early; remove it`],
  ['a lone surrogate', () => statefulSet({ parameters: { 'cdk8s_test.value': 'a\uD800b' } }),
    `${PSS} parameters.cdk8s_test.value "a\\ud800b" is not valid Unicode (a lone surrogate), which postgresql.conf cannot hold`],
  ['a line break on the Zalando backend (Patroni does not escape it)', () => zalando({ parameters: { log_line_prefix: 'a\nb' } }),
    `${ZAL} parameters.log_line_prefix "a\\nb" contains a line break or control character, which Patroni writes into postgresql.conf unescaped and the server cannot read; remove it`],
  ["'include' as a key", () => statefulSet({ parameters: { include: '/etc/passwd' } }),
    `${PSS} parameters key "include" is a postgresql.conf directive that reads another file, not a setting; set the settings themselves`],
  ["'include_dir' as a key", () => statefulSet({ parameters: { include_dir: '/tmp' } }),
    `${PSS} parameters key "include_dir" is a postgresql.conf directive that reads another file, not a setting; set the settings themselves`],
  ['Infinity for a duration', () => statefulSet({ parameters: { log_min_duration_statement: Infinity } }), `${PSS} parameters['log_min_duration_statement'] Infinity must be a string, a number or true or false, not Infinity`],
  ['NaN for a duration', () => statefulSet({ parameters: { log_min_duration_statement: NaN } }), `${PSS} parameters['log_min_duration_statement'] NaN must be a string, a number or true or false, not NaN`],
  // Numbers the memory check computes with.
  ["max_connections 'lots'", () => statefulSet({ parameters: { max_connections: 'lots' } }), `${PSS} parameters.max_connections "lots" is not a number PostgreSQL reads (e.g. '100')`],
  ['max_connections NaN', () => statefulSet({ parameters: { max_connections: NaN } }), `${PSS} parameters['max_connections'] NaN must be a string, a number or true or false, not NaN`],
  ['max_connections Infinity', () => statefulSet({ parameters: { max_connections: Infinity } }), `${PSS} parameters['max_connections'] Infinity must be a string, a number or true or false, not Infinity`],
  ['max_connections -5', () => statefulSet({ parameters: { max_connections: -5 } }), `${PSS} parameters.max_connections -5 is outside the range PostgreSQL accepts (1 to 262143)`],
  ['max_connections 0', () => statefulSet({ parameters: { max_connections: 0 } }), `${PSS} parameters.max_connections 0 is outside the range PostgreSQL accepts (1 to 262143)`],
  ["max_connections '010' (octal to PostgreSQL)", () => statefulSet({ parameters: { max_connections: '010' } }),
    `${PSS} parameters.max_connections "010" starts with a zero, which makes PostgreSQL read it as octal ('010' is 8); leave out the leading zeros`],
  ["max_connections '0x10'", () => statefulSet({ parameters: { max_connections: '0x10' } }),
    `${PSS} parameters.max_connections "0x10" is hexadecimal, which PostgreSQL reads but people misread; write it in decimal`],
  ['max_connections 1.5', () => statefulSet({ parameters: { max_connections: 1.5 } }),
    `${PSS} parameters.max_connections 1.5 is not a whole number, which PostgreSQL would round to 2; write a whole number`],
  ["max_connections '100kB'", () => statefulSet({ parameters: { max_connections: '100kB' } }), `${PSS} parameters.max_connections "100kB" takes no unit; write a whole number`],
  ['max_connections true', () => statefulSet({ parameters: { max_connections: true } }), `${PSS} parameters.max_connections true is a boolean, not a number`],
  ['autovacuum_max_workers 0', () => statefulSet({ parameters: { autovacuum_max_workers: 0 } }), `${PSS} parameters.autovacuum_max_workers 0 is outside the range PostgreSQL accepts (1 to 262143)`],
  ["work_mem '0'", () => statefulSet({ parameters: { work_mem: '0' } }), `${PSS} parameters.work_mem "0" is outside the range PostgreSQL accepts (64kB to 2147483647kB)`],
  ["work_mem '63'", () => statefulSet({ parameters: { work_mem: '63' } }), `${PSS} parameters.work_mem "63" is outside the range PostgreSQL accepts (64kB to 2147483647kB)`],
  ["work_mem '0.5kB'", () => statefulSet({ parameters: { work_mem: '0.5kB' } }),
    `${PSS} parameters.work_mem "0.5kB" is read by PostgreSQL as 0kB, which is outside the range PostgreSQL accepts (64kB to 2147483647kB)`],
  ["work_mem '1mb' (units are case-sensitive)", () => statefulSet({ parameters: { work_mem: '1mb' } }),
    `${PSS} parameters.work_mem "1mb" has a unit PostgreSQL does not know ('mb'); use B, kB, MB, GB or TB (case matters, e.g. '256MB')`],
  ["work_mem '1GiB'", () => statefulSet({ parameters: { work_mem: '1GiB' } }),
    `${PSS} parameters.work_mem "1GiB" has a unit PostgreSQL does not know ('GiB'); use B, kB, MB, GB or TB (case matters, e.g. '256MB')`],
  ["work_mem ' 4MB'", () => statefulSet({ parameters: { work_mem: ' 4MB' } }), `${PSS} parameters.work_mem " 4MB" has spaces around it; write the number alone`],
  ["work_mem '2048GB' (beyond the integer range)", () => statefulSet({ parameters: { work_mem: '2048GB' } }), `${PSS} parameters.work_mem "2048GB" exceeds the integer range PostgreSQL accepts`],
  ["shared_buffers '-1'", () => statefulSet({ parameters: { shared_buffers: '-1' } }),
    `${PSS} parameters.shared_buffers "-1" is outside the range PostgreSQL accepts (16 × 8kB to 1073741823 × 8kB)`],
  ["shared_buffers '15'", () => statefulSet({ parameters: { shared_buffers: '15' } }),
    `${PSS} parameters.shared_buffers "15" is outside the range PostgreSQL accepts (16 × 8kB to 1073741823 × 8kB)`],
  ["wal_buffers '-2'", () => statefulSet({ parameters: { wal_buffers: '-2' } }), `${PSS} parameters.wal_buffers "-2" is outside the range PostgreSQL accepts (-1 × 8kB to 262143 × 8kB)`],
  ["effective_cache_size '0'", () => statefulSet({ parameters: { effective_cache_size: '0' } }),
    `${PSS} parameters.effective_cache_size "0" is outside the range PostgreSQL accepts (1 × 8kB to 2147483647 × 8kB)`],
  ["maintenance_work_mem '512kB' on 14 (its minimum is 1MB before 17)", () => statefulSet({ majorVersion: 14, parameters: { maintenance_work_mem: '512kB' } }),
    `${PSS} parameters.maintenance_work_mem "512kB" is outside the range PostgreSQL accepts (1024kB to 2147483647kB)`],
  // Patroni, the consumer on the Zalando backend, replaces values below its minimums with its defaults.
  ['ZalandoCluster max_connections 10', () => zalando({ parameters: { max_connections: 10 } }),
    `${ZAL} parameters.max_connections 10 is below 25, the least Patroni accepts; it would run the server with 100 instead`],
  ["ZalandoCluster max_connections '1e3'", () => zalando({ parameters: { max_connections: '1e3' } }),
    `${ZAL} parameters.max_connections "1e3" must be a whole number in digits on the Zalando backend; Patroni would replace anything else with 100`],
  ["ZalandoCluster wal_level 'minimal'", () => zalando({ parameters: { wal_level: 'minimal' } }),
    `${ZAL} parameters.wal_level "minimal" is set by Patroni on the Zalando backend, which replaces any other value; leave it out`],
  // The operator's password statements carry verifiers; Spilo keeps them out of pg_stat_statements.
  ...([true, 'on', 'Yes', '1'] as const).map((value): [string, () => unknown, string] => [`ZalandoCluster pg_stat_statements.track_utility ${JSON.stringify(value)}`,
    () => zalando({ parameters: { 'pg_stat_statements.track_utility': value } }),
    `${ZAL} parameters.pg_stat_statements.track_utility ${JSON.stringify(value)} would make pg_stat_statements keep the operator's password statements (ALTER ROLE … ENCRYPTED PASSWORD with the verifier), which pg_monitor members such as the exporter's login read; Spilo keeps it off, leave it out`]),
];

describe('input-postgres-values: hostile inputs get named errors', () => {
  test.each(HOSTILE)('%s', (_name, build, message) => {
    expect(build).toThrow(expect.objectContaining({ name: 'ValidationError', message }));
  });

  test("ZalandoCluster takes pg_stat_statements.track_utility off, as Spilo has it", () => {
    expect(() => zalando({ parameters: { 'pg_stat_statements.track_utility': 'off' } })).not.toThrow();
  });
});

/** postgresql.conf exactly as the ConfigMap carries it. */
function renderedConf(props: PostgresStatefulSetProps): string {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', ...props });
  return only(synth(chart), 'ConfigMap', server.configMapName).data['postgresql.conf'];
}

const MAJORS = [14, 17];

describe.each(MAJORS)('PostgreSQL %i reads back what the library wrote', (major) => {
  let reader: ConfigReader;
  beforeAll(() => { reader = new ConfigReader(major); });
  afterAll(() => reader?.dispose());
  const read = (conf: string, name: string) => reader.read(conf, name);

  test('a disposable environment writes durability switches the server reads as off', () => {
    const conf = renderedConf({ disposable: true, parameters: { fsync: 'of', synchronous_commit: 'NO', full_page_writes: 'n' } });
    expect(['fsync', 'synchronous_commit', 'full_page_writes'].map((name) => read(conf, name).value)).toEqual(['off', 'off', 'off']);
    const safe = renderedConf({ parameters: { fsync: 'Y', synchronous_commit: 'LOCAL', full_page_writes: 'tr' } });
    expect(['fsync', 'synchronous_commit', 'full_page_writes'].map((name) => read(safe, name).value)).toEqual(['on', 'local', 'on']);
  });

  const STRINGS = [
    "it's", "''", "'", '\\', 'ends with a backslash\\', 'C:\\new\\table', '\\n is not a newline here', 'line one\nline two', '\n', '\r\n', 'tab\there',
    "x'\nfsync = off\n#", "x' fsync = 'off",
    // Quoting that doubled quotes but kept backslashes let these two write `fsync = off` on a line of its own.
    "\\'\nfsync = off\n#", "\\''\nfsync = off\n#'", '# not a comment', 'a = b', '"double"', '$PGDATA ${HOME} $(id)', '%m [%p] %q%u@%d ',
    'é 한글 😀', '\u0001\u001f\u007f', '\u0085 next line', '\u2028\u2029', '\u00a0', ' leading and trailing ', '', '\\101', '\\0',
  ];
  /** Renders each string as its own setting, starts a backend on the file and compares every value. */
  function roundTrip(strings: string[]): { readonly sent: string[]; readonly read: (string | undefined)[]; readonly fsync?: string } {
    const names = strings.map((_s, i) => `cdk8s_test.s${i}`);
    const conf = renderedConf({ parameters: { ...Object.fromEntries(names.map((n, i) => [n, strings[i]])), log_line_prefix: strings[0] } });
    const values = reader.readAll(conf, [...names, 'log_line_prefix', 'fsync']);
    expect(values.log_line_prefix).toBe(strings[0]);
    return { sent: strings, read: names.map((n) => values[n]), fsync: values.fsync };
  }

  test('every string of the corpus comes back exactly and injects nothing', () => {
    const { sent, read: back, fsync } = roundTrip(STRINGS);
    expect(back).toEqual(sent);
    expect(fsync).toBe('on');
  });

  test('any string without NUL comes back exactly (property, 300 strings)', () => {
    const strings = fc.sample(fc.string({ unit: anyCodePoint, maxLength: 40 }).filter((v) => !/\0|[\uD800-\uDFFF]/.test(v)), { numRuns: 300, seed: 12 });
    const { sent, read: back } = roundTrip(strings);
    expect(back).toEqual(sent);
  });

  test("what Patroni writes (quotes and backslashes doubled) the server reads back: the Zalando backend's strings", () => {
    for (const value of ["it's", 'C:\\new\\table', '\\', "''", '%m [%p] ']) {
      const chart = testChart();
      new ZalandoCluster(chart, 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, parameters: { log_line_prefix: value } });
      const written: string = only(synth(chart), 'postgresql').spec.postgresql.parameters.log_line_prefix;
      const patroni = `log_line_prefix = '${written.replace(/(['\\])/g, '$1$1')}'\n`;
      expect(read(patroni, 'log_line_prefix').value).toBe(value);
    }
  });

  test('the memory check uses what the server will run with', () => {
    const parameters = { shared_buffers: '1.5GB', max_connections: '1e3', work_mem: '1 MB', maintenance_work_mem: '.5GB' };
    const conf = renderedConf({ resources: { memoryLimit: '8Gi', memoryRequest: '1Gi' }, parameters });
    expect(['shared_buffers', 'max_connections', 'work_mem', 'maintenance_work_mem'].map((n) => read(conf, n).value)).toEqual(['196608', '1000', '1024', '524288']);
    expect(() => statefulSet({ resources: { memoryLimit: '4Gi', memoryRequest: '1Gi' }, parameters })).toThrow(`${PSS} parameters ` +
      '{"shared_buffers":"1.5GB","max_connections":"1e3","work_mem":"1 MB","maintenance_work_mem":".5GB"} do not fit the memory limit 4Gi (4096 MiB): ' +
      'shared_buffers 1536 MiB + wal_buffers 16 MiB + max_connections 1000 × work_mem 1 MiB + (autovacuum_max_workers 3 + 1) × maintenance_work_mem 512 MiB = 4600 MiB');
  });

  test("the ranges the library enforces are the server's own (pg_settings min_val and max_val)", () => {
    for (const name of ['max_connections', 'autovacuum_max_workers', 'shared_buffers', 'effective_cache_size', 'wal_buffers', 'work_mem', 'maintenance_work_mem']) {
      const setting = integerSetting(name, major)!;
      const unit = setting.unitBytes === 8192 ? '' : setting.unitBytes === 1024 ? 'kB' : '';
      expect(`${name} min ${read(`${name} = '${setting.min}${unit}'\n`, name).ok}`).toBe(`${name} min true`);
      expect(`${name} below min ${read(`${name} = '${setting.min - 1}${unit}'\n`, name).ok}`).toBe(`${name} below min false`);
      expect(`${name} above max ${read(`${name} = '${setting.max + 1}${unit}'\n`, name).ok}`).toBe(`${name} above max false`);
    }
  });
});

/** The parsers of booleans and integers are the same code on every major: the corpora run on 17, the newest deployed. */
describe('PostgreSQL 17 reads every spelling as the library does', () => {
  const major = 17;
  let reader: ConfigReader;
  beforeAll(() => { reader = new ConfigReader(major); });
  afterAll(() => reader?.dispose());
  const read = (conf: string, name: string) => reader.read(conf, name);

  test('booleans: the library reads every spelling as the server does, and refuses what the server refuses', () => {
    const spellings = ['on', 'off', 'of', 'o', 'n', 'no', 'No', 'NO', 'nO', 'y', 'ye', 'yes', 't', 'tr', 'TRUE', 'true ', ' true', 'f', 'fa', 'FALS', 'false', 'falsey',
      '0', '1', '00', '01', '0.0', '2', '', 'offf', 'onn', 'of ', 'OFF', 'oN', 'ı'];
    for (const spelling of spellings) {
      const server = read(`fsync = '${spelling}'\n`, 'fsync');
      const library = readPostgresBoolean(spelling);
      expect(`${JSON.stringify(spelling)} → ${server.ok ? server.value : 'refused'}`).toBe(`${JSON.stringify(spelling)} → ${library === undefined ? 'refused' : library ? 'on' : 'off'}`);
    }
  });

  test('synchronous_commit: the library reads every spelling as the server does', () => {
    const spellings = ['on', 'off', 'OFF', 'of', 'n', 'no', 'false', 'f', 'local', 'LOCAL', 'loc', 'remote_write', 'Remote_Apply', 'remote_apply ', '1', '0', 'yes', 'true', 'TRUE', ''];
    for (const spelling of spellings) {
      const server = read(`synchronous_commit = '${spelling}'\n`, 'synchronous_commit');
      expect(`${JSON.stringify(spelling)} → ${server.ok ? server.value : 'refused'}`).toBe(`${JSON.stringify(spelling)} → ${readSynchronousCommit(spelling) ?? 'refused'}`);
    }
  });

  // Every text the integer reader sees, with what the server makes of it.
  const INTEGER_TEXTS: [string, string][] = [
    ['max_connections', '100'], ['max_connections', '1e3'], ['max_connections', '+7'], ['max_connections', '1.'], ['max_connections', '1.5'],
    ['max_connections', '010'], ['max_connections', '0x10'], ['max_connections', '08'], ['max_connections', 'lots'], ['max_connections', 'NaN'],
    ['max_connections', 'Infinity'], ['max_connections', '-5'], ['max_connections', '0'], ['max_connections', '100kB'], ['max_connections', ' 100'],
    ['max_connections', '.5e1'], ['max_connections', '-.5'],
    ['autovacuum_max_workers', '0'], ['autovacuum_max_workers', '3.5'],
    ['work_mem', '64'], ['work_mem', '63'], ['work_mem', '0'], ['work_mem', '-1'], ['work_mem', '4MB'], ['work_mem', '4 MB'], ['work_mem', '1mb'],
    ['work_mem', '1048576B'], ['work_mem', '1000B'], ['work_mem', '1.5MB'], ['work_mem', '.5MB'], ['work_mem', '0.5kB'], ['work_mem', '1e3kB'],
    ['work_mem', '010MB'], ['work_mem', '1TB'], ['work_mem', '2097151MB'], ['work_mem', '2048GB'], ['work_mem', '1GiB'], ['work_mem', '1.0001MB'],
    ['shared_buffers', '-1'], ['shared_buffers', '16'], ['shared_buffers', '15'], ['shared_buffers', '128kB'], ['shared_buffers', '127kB'],
    ['shared_buffers', '8193B'], ['shared_buffers', '12289B'], ['shared_buffers', '1.5GB'], ['shared_buffers', '256MB'], ['shared_buffers', '0.3MB'],
    ['wal_buffers', '-1'], ['wal_buffers', '-2'], ['wal_buffers', '16MB'], ['effective_cache_size', '3GB'], ['effective_cache_size', '0'],
    ['maintenance_work_mem', '512kB'], ['maintenance_work_mem', '64MB'],
  ];
  test('integers and memory sizes: what the library accepts, the server reads as the same number', () => {
    const lines: string[] = [];
    for (const [name, text] of INTEGER_TEXTS) {
      const server = read(`${name} = '${text}'\n`, name);
      const library = readPostgresInteger(text, integerSetting(name, major)!);
      // The library may refuse more than the server (octal, hex, spaces, fractions of a count), never less.
      if ('value' in library) lines.push(`${name} '${text}': ${server.ok ? server.value : 'refused'} = ${library.value}`);
      else if (!server.ok) lines.push(`${name} '${text}': refused by both`);
      else lines.push(`${name} '${text}': library refuses what the server reads as ${server.value}`);
    }
    expect(lines.filter((l) => / = /.test(l) && !/: (-?\d+) = \1$/.test(l))).toEqual([]);
    // The values the library refuses although the server reads them, and why that is safer:
    expect(lines.filter((l) => l.includes('library refuses'))).toEqual([
      "max_connections '1.5': library refuses what the server reads as 2",
      "max_connections '010': library refuses what the server reads as 8",
      "max_connections '0x10': library refuses what the server reads as 16",
      "max_connections ' 100': library refuses what the server reads as 100",
      "autovacuum_max_workers '3.5': library refuses what the server reads as 4",
      "work_mem '010MB': library refuses what the server reads as 8192",
    ]);
  });
});
