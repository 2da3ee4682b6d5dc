import { spawnSync } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CloudNativePgCluster, CloudNativePgClusterProps } from '../lib';
import { POOLER_HBA } from '../lib/cloudnativepg/cnpg-pooler';
import { reviewObjects } from '../lib/review';
import { selfSignedCertificate } from './support/certificates';
import { CLOUDNATIVEPG_PROBLEMS } from './support/crd-schema';
import { refused } from './support/errors';
import { KubeObject, loadDist, only, testChart } from './support/manifests';
import { CLIENT_BIN_DIR, freePort, SERVER_USER, sleep, startPostgres, TestServer } from './support/postgres-server';

/**
 * prod-cnpg's Pooler: what the library renders, checked against the vendored CRD, and the
 * PgBouncer it configures run for real (Debian's pgbouncer) in front of a real server, with the
 * pgbouncer.ini and pg_hba.conf the operator writes from it (pkg/management/pgbouncer/config/
 * config.go of CloudNativePG 1.30: its settings, then the Pooler's parameters; the Pooler's
 * pg_hba lines between its own `local pgbouncer pgbouncer peer` and `host all all 0.0.0.0/0 md5`,
 * `::/0 md5`), and the auth_query login and user_search function it creates
 * (docs/src/connection_pooling.md).
 */
const cnpg = loadDist()['prod-cnpg'];
const pooler = only(cnpg, 'Pooler');

describe('the Pooler prod-cnpg renders', () => {
  test('valid against the vendored CRD; TLS-only, scram-sha-256 logins, read before the operator\'s MD5 lines', () => {
    expect(CLOUDNATIVEPG_PROBLEMS['postgresql.cnpg.io/v1/Pooler'](pooler)).toEqual([]);
    expect(pooler.metadata).toMatchObject({ name: 'postgres-cluster-pooler-rw', namespace: 'microservices' });
    expect(pooler.spec).toMatchObject({ cluster: { name: 'postgres-cluster' }, instances: 2, type: 'rw' });
    expect(pooler.spec.pgbouncer).toEqual({
      poolMode: 'transaction',
      parameters: { auth_type: 'hba', client_tls_sslmode: 'require', server_tls_sslmode: 'verify-ca', log_connections: '1', log_disconnections: '1' },
      pg_hba: [...POOLER_HBA],
    });
    // PgBouncer serves the cluster's certificate: the pooler's Service is named in it
    expect(only(cnpg, 'Certificate').spec.dnsNames).toContain('postgres-cluster-pooler-rw.microservices.svc');
  });

  const render = (props: Partial<CloudNativePgClusterProps>) => () => new CloudNativePgCluster(testChart(), 'orders', { namespace: 'shop', ...props });
  test.each([
    [{ pooler: { parameters: { client_tls_sslmode: 'prefer' } } }, "pooler.parameters['client_tls_sslmode'] \"prefer\" is set by the library (client_tls_sslmode = require), so that the pooler admits only TLS logins with scram-sha-256 and logs them"],
    [{ pooler: { parameters: { auth_type: 'md5' } } }, "pooler.parameters['auth_type'] \"md5\" is set by the library (auth_type = hba)"],
    [{ pooler: { parameters: { listen_port: '6432' } } }, "pooler.parameters['listen_port'] \"6432\" is not a PgBouncer setting the operator lets one set"],
    [{ pooler: { instances: 0 } }, 'pooler.instances 0 must be an integer at least 1'],
    [{ pooler: { mode: 'statement' as never } }, "pooler.mode \"statement\" must be one of 'transaction', 'session'"],
    [{ pooler: { parameters: { toString: 'x' } } }, "pooler.parameters['toString'] \"x\" is not a PgBouncer setting the operator lets one set"],
  ])('refuses %j', (props, message) => {
    expect(refused(render(props))).toContain(message);
  });

  test('the review: another cluster is refused (the field is immutable), a new pool mode reloads, a removed pooler takes its Service away', () => {
    const withSpec = (spec: object) => ({ ...pooler, spec: { ...pooler.spec, ...spec } });
    const say = (before: KubeObject[], after: KubeObject[]) => reviewObjects(before, after).map((f) => `${f.risk} ${f.path}`);
    expect(say([pooler], [withSpec({ cluster: { name: 'other' } })])).toEqual(['refused spec.cluster.name']);
    expect(say([pooler], [withSpec({ pgbouncer: { ...pooler.spec.pgbouncer, poolMode: 'session' } })])).toEqual(['safe spec.pgbouncer.poolMode']);
    expect(say([pooler], [withSpec({ pgbouncer: { ...pooler.spec.pgbouncer, pg_hba: ['host all all 0.0.0.0/0 md5'] } })])).toEqual(['security spec.pgbouncer.pg_hba']);
    expect(say([pooler], [])).toEqual(['downtime ']);
    // the settings the library keeps strict
    const parameters = (p: object) => withSpec({ pgbouncer: { ...pooler.spec.pgbouncer, parameters: { ...pooler.spec.pgbouncer.parameters, ...p } } });
    expect(say([pooler], [parameters({ auth_type: 'trust' })])).toEqual(['security spec.pgbouncer.parameters.auth_type']);
    expect(say([pooler], [parameters({ server_tls_sslmode: 'disable' })])).toEqual(['security spec.pgbouncer.parameters.server_tls_sslmode']);
    expect(say([pooler], [parameters({ client_tls_sslmode: 'prefer' })])).toEqual(['security spec.pgbouncer.parameters.client_tls_sslmode']);
    expect(say([pooler], [parameters({ max_client_conn: '500' })])).toEqual(['safe spec.pgbouncer.parameters.max_client_conn']);
  });
});

describe('PgBouncer as the operator configures it from the Pooler, in front of a real server', () => {
  let server: TestServer;
  let work: string;
  let port: number;
  /** The same PgBouncer with the operator's defaults alone (no parameters, no pg_hba lines): what the Pooler's settings change. */
  let defaultsPort: number;
  const psqlAt = (at: () => number) => (user: string, password: string, sslmode: string) => spawnSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-At', '-c', 'SELECT current_user', `host=127.0.0.1 port=${at()} dbname=postgres user=${user} sslmode=${sslmode}`], {
    encoding: 'utf8', env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
  });
  const psql = psqlAt(() => port);
  const outcome = (r: ReturnType<typeof psql>) => [r.status, r.stdout, r.stderr.replace(/^.*failed: /, '').trim()];
  const pidFiles: string[] = [];

  /** Starts PgBouncer in `dir` with the operator's configuration and `spec` (a Pooler's pgbouncer section); returns its port. */
  async function startPgbouncer(dir: string, spec: { parameters?: Record<string, string>; pg_hba?: string[]; poolMode: string }): Promise<number> {
    const listen = await freePort();
    const pair = selfSignedCertificate('postgres-cluster-pooler-rw', 'DNS:postgres-cluster-pooler-rw,IP:127.0.0.1');
    // the operator's defaults (defaultPgBouncerParameters), then the Pooler's parameters
    const settings = { log_stats: '0', auth_type: 'hba', client_tls_sslmode: 'prefer', server_tls_sslmode: 'verify-ca', ...spec.parameters };
    const files: Record<string, string> = {
      'tls.key': pair.key,
      'tls.crt': pair.certificate,
      'userlist.txt': '"cnpg_pooler_pgbouncer" "pooler-pw"\n',
      'pg_hba.conf': ['local pgbouncer pgbouncer peer', '', ...spec.pg_hba ?? [], '', 'host all all 0.0.0.0/0 md5', 'host all all ::/0 md5', ''].join('\n'),
      'pgbouncer.ini': [
        '[databases]',
        `* = host=127.0.0.1 port=${server.port}`,
        '[pgbouncer]',
        `pool_mode = ${spec.poolMode}`,
        'auth_user = cnpg_pooler_pgbouncer',
        'auth_query = SELECT usename, passwd FROM public.user_search($1)',
        // auth_dbname = postgres: Debian's PgBouncer (1.18) has no such setting (1.21 added it) and runs auth_query in the database asked for, postgres here
        // the test server has no TLS: the server side is the TLS suite's
        ...Object.entries({ ...settings, server_tls_sslmode: 'disable' }).map(([k, v]) => `${k} = ${v}`),
        'listen_addr = 127.0.0.1',
        `listen_port = ${listen}`,
        `unix_socket_dir = ${dir}`,
        `auth_hba_file = ${dir}/pg_hba.conf`,
        `auth_file = ${dir}/userlist.txt`,
        `client_tls_cert_file = ${dir}/tls.crt`,
        `client_tls_key_file = ${dir}/tls.key`,
        `logfile = ${dir}/pgbouncer.log`,
        `pidfile = ${dir}/pgbouncer.pid`,
        'ignore_startup_parameters = extra_float_digits,options',
      ].join('\n'),
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text, { mode: 0o600 });
      if (SERVER_USER) chownSync(join(dir, name), SERVER_USER.uid, SERVER_USER.gid);
    }
    if (SERVER_USER) chownSync(dir, SERVER_USER.uid, SERVER_USER.gid);
    const started = spawnSync('pgbouncer', ['-d', join(dir, 'pgbouncer.ini')], { encoding: 'utf8', ...SERVER_USER });
    if (started.status !== 0) throw new Error(`pgbouncer did not start: ${started.stderr}`);
    pidFiles.push(join(dir, 'pgbouncer.pid'));
    for (let waited = 0; waited < 5000 && !existsSync(join(dir, 'pgbouncer.pid')); waited += 20) sleep(20);
    return listen;
  }

  beforeAll(async () => {
    server = await startPostgres({ major: 17 });
    // What the operator makes for the pooler (a password here instead of its client certificate).
    server.query([
      'CREATE ROLE cnpg_pooler_pgbouncer WITH LOGIN PASSWORD \'pooler-pw\'',
      'GRANT CONNECT ON DATABASE postgres TO cnpg_pooler_pgbouncer',
      "CREATE FUNCTION public.user_search(uname TEXT) RETURNS TABLE (usename name, passwd text) LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS 'SELECT usename, passwd FROM pg_catalog.pg_shadow WHERE usename=$1;'",
      'REVOKE ALL ON FUNCTION public.user_search(text) FROM public',
      'GRANT EXECUTE ON FUNCTION public.user_search(text) TO cnpg_pooler_pgbouncer',
      "CREATE ROLE app LOGIN PASSWORD 'app-pw'",
      "SET password_encryption = 'md5'",
      "CREATE ROLE legacy LOGIN PASSWORD 'legacy-pw'",
    ].join('; '));
    work = mkdtempSync(join(tmpdir(), 'pgbouncer-'));
    chmodSync(work, 0o755);
    port = await startPgbouncer(mkdtempSync(join(work, 'pooler-')), pooler.spec.pgbouncer);
    defaultsPort = await startPgbouncer(mkdtempSync(join(work, 'defaults-')), { poolMode: 'session' });
  }, 60000);

  afterAll(() => {
    for (const file of pidFiles) if (existsSync(file)) process.kill(Number(readFileSync(file, 'utf8')), 'SIGTERM');
    server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('a login over TLS with scram-sha-256 passes, checked against the server\'s own verifier', () => {
    const login = psql('app', 'app-pw', 'require');
    expect(login.stderr).toBe('');
    expect(login.stdout).toBe('app\n');
  });

  test('without TLS, with a wrong password, or with only an MD5 verifier, the pooler refuses the login', () => {
    expect(outcome(psql('app', 'app-pw', 'disable'))).toEqual([2, '', 'FATAL:  SSL required']);
    expect(outcome(psql('app', 'wrong-pw', 'require'))).toEqual([2, '', 'FATAL:  SASL authentication failed']);
    // PgBouncer cannot check scram-sha-256 against an MD5 verifier: the operator's md5 lines below are never reached
    expect(outcome(psql('legacy', 'legacy-pw', 'require'))).toEqual([2, '', 'FATAL:  SASL authentication failed']);
    expect(outcome(psql('legacy', 'legacy-pw', 'disable'))).toEqual([2, '', 'FATAL:  SSL required']);
  });

  test("with the operator's defaults alone, the same PgBouncer takes a login without TLS (its md5 line): what the Pooler's settings shut", () => {
    const loose = psqlAt(() => defaultsPort);
    expect(outcome(loose('app', 'app-pw', 'disable'))).toEqual([0, 'app\n', '']);
  });
});
