import { PostgresStatefulSet, PostgresStatefulSetProps, ZalandoCluster } from '../lib';
import { ParameterValue } from '../lib/config/postgres-values';
import { only, synth, testChart } from './support/manifests';
import { ConfigReader } from './support/postgres-conf';

/**
 * Class "a setting the server refuses never reaches a pod": every key of `parameters` is checked
 * against what a real server of the major says of it (lib/config/pg-settings.json): a name it
 * knows, a value of its type, unit, range and enum, combinations it starts with. The oracle is
 * the server itself: `postgres -C` for single settings, a real start for combinations.
 */

const PSS = "PostgresStatefulSet 'test/db':";
const ZAL = "ZalandoCluster 'test/acid-db':";
const statefulSet = (props: PostgresStatefulSetProps) => new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop', ...props });
const LOGS_STATEMENTS = "writes the text of statements to the server log, and with it what applications send (passwords in ALTER ROLE … PASSWORD '…' included); set logsStatements: true to declare that choice";

const NAMED_ERRORS: [string, () => unknown, string][] = [
  ['a misspelt name', () => statefulSet({ parameters: { shared_buffer: '128MB' } }),
    `${PSS} parameters.shared_buffer "128MB" is not a setting PostgreSQL 17 knows, and the server refuses to start with it; did you mean 'shared_buffers'?`],
  ['a name in mixed case', () => statefulSet({ parameters: { TimeZone: 'UTC' } }),
    `${PSS} parameters key "TimeZone" must be written in lower case ('timezone'): PostgreSQL ignores the case of names, and two spellings of one setting would override each other unseen`],
  ['a name of a later major', () => statefulSet({ majorVersion: 14, parameters: { io_method: 'worker' } }),
    `${PSS} parameters.io_method "worker" is not a setting PostgreSQL 14 knows, and the server refuses to start with it`],
  ['a setting fixed at build time', () => statefulSet({ parameters: { block_size: 16384 } }),
    `${PSS} parameters.block_size 16384 cannot be set: PostgreSQL fixes it when it is built or the cluster is made (pg_settings context internal)`],
  ['an enum value the major does not have', () => statefulSet({ parameters: { wal_level: 'replicas' } }),
    `${PSS} parameters.wal_level "replicas" is not one of the values PostgreSQL 17 accepts: 'minimal', 'replica', 'logical'`],
  ['a real outside its range', () => statefulSet({ parameters: { checkpoint_completion_target: 1.5 } }),
    `${PSS} parameters.checkpoint_completion_target 1.5 is outside the range PostgreSQL accepts (0 to 1)`],
  ['a duration with an unknown unit', () => statefulSet({ parameters: { statement_timeout: '5 sec' } }),
    `${PSS} parameters.statement_timeout "5 sec" has a unit PostgreSQL does not know ('sec'); use us, ms, s, min, h or d (case matters, e.g. '30s')`],
  ['a duration beyond its range', () => statefulSet({ parameters: { checkpoint_timeout: '2d' } }),
    `${PSS} parameters.checkpoint_timeout "2d" is outside the range PostgreSQL accepts (30s to 86400s)`],
  ['a misspelt time zone', () => statefulSet({ parameters: { timezone: 'Asia/Seol' } }),
    `${PSS} parameters.timezone "Asia/Seol" is not a time zone name of the IANA database (e.g. 'Asia/Seoul', 'UTC'), and the server refuses to start with it; did you mean 'Asia/Seoul'?`],
  ['a boolean that is not one', () => statefulSet({ parameters: { jit: 'maybe' } }),
    `${PSS} parameters.jit "maybe" is not a boolean PostgreSQL accepts (on, off, true, false, yes, no, 1 or 0, or a unique prefix of one, without spaces)`],
  ['wal_level minimal with WAL senders', () => statefulSet({ parameters: { wal_level: 'minimal' } }),
    `${PSS} parameters.wal_level "minimal" needs max_wal_senders 0 (it is 10): PostgreSQL refuses to start with WAL streaming on and wal_level minimal`],
  ['wal_level minimal while archiving', () => statefulSet({ parameters: { wal_level: 'minimal', max_wal_senders: 0, archive_mode: 'on' } }),
    `${PSS} parameters.wal_level "minimal" needs archive_mode off: PostgreSQL refuses to start archiving WAL with wal_level minimal`],
  ['a TLS ceiling below the floor the library sets', () => statefulSet({ parameters: { ssl_max_protocol_version: 'TLSv1.1' } }),
    `${PSS} parameters.ssl_max_protocol_version "TLSv1.1" is below ssl_min_protocol_version TLSv1.2: no TLS version is left, and PostgreSQL refuses to start with TLS on`],
  ['huge pages required', () => statefulSet({ parameters: { huge_pages: 'on' } }),
    `${PSS} parameters.huge_pages "on" requires huge pages the pod does not request (resources hugepages-2Mi), so PostgreSQL refuses to start; use 'try' (the default) or 'off'`],
  ['every connection reserved', () => statefulSet({ parameters: { max_connections: 10, superuser_reserved_connections: 5, reserved_connections: 5 } }),
    `${PSS} parameters.max_connections 10 must exceed the connections reserved for superusers and pg_use_reserved_connections (10), or PostgreSQL refuses to start`],
  ['every statement logged', () => statefulSet({ parameters: { log_statement: 'all' } }), `${PSS} parameters.log_statement "all" ${LOGS_STATEMENTS}`],
  ['DDL logged', () => statefulSet({ parameters: { log_statement: 'ddl' } }), `${PSS} parameters.log_statement "ddl" ${LOGS_STATEMENTS}`],
  ['parse trees logged', () => statefulSet({ parameters: { debug_print_parse: 'yes' } }), `${PSS} parameters.debug_print_parse "yes" ${LOGS_STATEMENTS}`],
  ['pg_stat_statements keeping utility statements', () => statefulSet({ monitoring: { login: { name: 'exporter', password: { name: 'm', key: 'password' } } }, parameters: { 'pg_stat_statements.track_utility': 'on' } }),
    `${PSS} parameters.pg_stat_statements.track_utility "on" must be off: pg_stat_statements would keep utility statements verbatim, an application's ALTER ROLE … PASSWORD '…' included, for every pg_monitor member to read`],
  ['ZalandoCluster: a misspelt name', () => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, parameters: { work_men: '4MB' } }),
    `${ZAL} parameters.work_men "4MB" is not a setting PostgreSQL 17 knows, and the server refuses to start with it; did you mean 'work_mem'?`],
  ['ZalandoCluster: every statement logged', () => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, parameters: { log_statement: 'mod' } }),
    `${ZAL} parameters.log_statement "mod" ${LOGS_STATEMENTS}`],
];

describe('input-server-settings: settings the server would refuse get named errors', () => {
  test.each(NAMED_ERRORS)('%s', (_name, build, message) => {
    expect(build).toThrow(expect.objectContaining({ name: 'ValidationError', message }));
  });

  test('statement logging is a declared choice, and slow statements may be logged without it', () => {
    expect(() => statefulSet({ logsStatements: true, parameters: { log_statement: 'all', debug_print_plan: true } })).not.toThrow();
    expect(() => statefulSet({ parameters: { log_statement: 'none', debug_print_parse: false, log_min_duration_statement: '250ms' } })).not.toThrow();
  });

  test('every server logs who connects and leaves, with who and from where on each line', () => {
    const conf = renderedConf({});
    expect(conf).toContain('log_connections = on\n');
    expect(conf).toContain('log_disconnections = on\n');
    expect(conf).toContain("log_line_prefix = '%m [%p] %q%u@%d %r '\n");
    expect(renderedConf({ parameters: { log_connections: false } })).toContain('log_connections = off\n');
  });

  test("the values the deployed images' builds add are accepted (LZ4, Zstandard, io_uring)", () => {
    expect(() => statefulSet({ majorVersion: 14, parameters: { default_toast_compression: 'lz4' } })).not.toThrow();
    expect(() => statefulSet({ majorVersion: 17, parameters: { wal_compression: 'zstd' } })).not.toThrow();
    expect(() => statefulSet({ majorVersion: 18, parameters: { io_method: 'io_uring' } })).not.toThrow();
    expect(() => statefulSet({ majorVersion: 14, parameters: { wal_compression: 'zstd' } })).toThrow(`${PSS} parameters.wal_compression "zstd" is not a boolean PostgreSQL accepts`);
  });
});

function renderedConf(props: PostgresStatefulSetProps): string {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', ...props });
  return only(synth(chart), 'ConfigMap', server.configMapName).data['postgresql.conf'];
}

/** The library's verdict on one setting: accepted, or the message of its error. */
function libraryVerdict(major: number, name: string, value: ParameterValue): string {
  try {
    statefulSet({ majorVersion: major, logsStatements: true, disposable: true, parameters: { [name]: value } });
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Single settings, right and wrong; the server reads each alone with `postgres -C`. */
const CORPUS: [string, ParameterValue][] = [
  ['shared_buffer', '128MB'], ['Shared_Buffers', '128MB'], ['work_men', '4MB'], ['io_method', 'worker'], ['enable_seqscan', 'off'],
  ['wal_level', 'replicas'], ['wal_level', 'logical'], ['wal_level', 'REPLICA'], ['log_statement', 'everything'], ['log_statement', 'mod'],
  ['checkpoint_completion_target', 1.5], ['checkpoint_completion_target', '0.9'], ['checkpoint_completion_target', '.9e0'], ['random_page_cost', '-1'],
  ['random_page_cost', '1.1'], ['random_page_cost', 'fast'], ['statement_timeout', '5 sec'], ['statement_timeout', '5s'], ['statement_timeout', '5 s'],
  ['statement_timeout', '1.5s'], ['statement_timeout', '5S'], ['statement_timeout', '-1'], ['checkpoint_timeout', '2d'], ['checkpoint_timeout', '1h'],
  ['checkpoint_timeout', '29s'], ['checkpoint_timeout', 90], ['log_rotation_age', '1d'], ['log_rotation_age', '30s'], ['autovacuum_vacuum_cost_delay', '2ms'],
  ['autovacuum_vacuum_cost_delay', '500us'], ['autovacuum_vacuum_cost_delay', '1s'], ['timezone', 'Asia/Seoul'], ['timezone', 'Asia/Seol'], ['TimeZone', 'UTC'],
  ['log_timezone', 'Europe/Berlin'], ['timezone', 'asia/seoul'], ['jit', 'maybe'], ['jit', 'of'], ['jit', 'YES'], ['track_io_timing', 1], ['track_io_timing', 2],
  ['block_size', 16384], ['server_version', '99'], ['max_wal_size', '2GB'], ['max_wal_size', '1MB'], ['max_wal_size', '2gb'], ['wal_keep_size', '1TB'],
  ['effective_io_concurrency', 2000], ['effective_io_concurrency', 200], ['log_min_messages', 'debug1'], ['log_min_messages', 'verbose'],
  ['default_transaction_isolation', 'repeatable read'], ['default_transaction_isolation', 'repeatable_read'], ['huge_pages', 'try'], ['huge_pages', 'maybe'],
  ['ssl_max_protocol_version', 'TLSv1.3'], ['ssl_max_protocol_version', 'TLSv1.4'], ['ssl_max_protocol_version', ''], ['log_min_duration_statement', '250ms'],
  ['temp_buffers', '800kB'], ['temp_buffers', '799kB'], ['pg_stat_statements.max', 5000], ['auto_explain.log_min_duration', '1s'], ['cdk8s_test.anything', 'x'],
];

/** What the library refuses although the npm server reads it alone, and why that is right. */
const LIBRARY_STRICTER: Record<string, string> = {
  'timezone asia/seoul': 'the server matches zone names ignoring case; the library asks for the IANA spelling, so that a review compares one spelling',
  'shared_buffers 128mb': 'names are written in lower case: PostgreSQL ignores case, and two spellings of one setting would override each other unseen',
  'timezone utc': 'the same: TimeZone is written timezone',
};

describe.each([14, 17])('PostgreSQL %i refuses what the library refuses, and reads what it accepts', (major) => {
  let reader: ConfigReader;
  beforeAll(() => { reader = new ConfigReader(major); });
  afterAll(() => reader?.dispose());

  test('single settings: the library never accepts what the server refuses', () => {
    const disagreements: string[] = [];
    const stricter: string[] = [];
    for (const [name, value] of CORPUS) {
      const library = libraryVerdict(major, name, value);
      const text = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
      const server = reader.read(`${name} = '${text.replace(/'/g, "''")}'\n`, name);
      const label = `${name} ${text}`;
      if (library === 'accepted' && !server.ok) disagreements.push(`${label}: the library accepts, the server refuses (${server.error})`);
      if (library !== 'accepted' && server.ok) stricter.push(label);
    }
    expect(disagreements).toEqual([]);
    expect(stricter.map((label) => label.toLowerCase()).sort()).toEqual(Object.keys(LIBRARY_STRICTER).sort());
  });

  /** Combinations only a real start checks: the library's own file with the user's lines after it. */
  const COMBINATIONS: [string, Record<string, ParameterValue>][] = [
    ['wal_level minimal with WAL senders', { wal_level: 'minimal' }],
    ['wal_level minimal while archiving', { wal_level: 'minimal', max_wal_senders: 0, archive_mode: 'on', archive_command: '/bin/true' }],
    ['every connection reserved for superusers', { max_connections: 10, superuser_reserved_connections: 10 }],
  ];
  test.each(COMBINATIONS)('%s: the library refuses it and the server does not start', (_name, parameters) => {
    expect(() => statefulSet({ majorVersion: major, disposable: true, parameters })).toThrow(expect.objectContaining({ name: 'ValidationError' }));
    const base = renderedConf({ majorVersion: major, disposable: true, tls: { enabled: false } });
    const lines = Object.entries(parameters).map(([name, value]) => `${name} = '${String(value)}'\n`).join('');
    expect(reader.starts(base + lines)).toEqual(expect.objectContaining({ ok: false, error: expect.stringMatching(/WAL|wal_level|connections/) }));
  });

  test('the fixed combination starts: wal_level minimal without senders or archiving, connections left over', () => {
    const parameters = { wal_level: 'minimal', max_wal_senders: 0, archive_mode: 'off', max_connections: 10, superuser_reserved_connections: 9 };
    const conf = renderedConf({ majorVersion: major, disposable: true, tls: { enabled: false }, parameters });
    expect(reader.starts(conf)).toEqual({ ok: true, value: '', error: '' });
  });
});
