import { ChildProcessWithoutNullStreams, execFileSync, spawn } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PASSWORD_STEP_FILE } from '../../../lib/sql/plan';
import { deployedMajor } from '../../support/deployed-major';
import { KubeObject, loadDist, only, podSpecOf } from '../../support/manifests';
import { CLIENT_BIN_DIR, clientPath, startPostgres, TestServer } from '../../support/postgres-server';
import { JobScriptResult, startJobScript, TestSecrets } from '../../support/run-job';

/**
 * Every environment's schema Jobs, run as written against a server that keeps everything a
 * password could leak into: pg_stat_statements preloaded and tracking utility statements, every
 * statement logged (log_statement = all, log_min_duration_statement = 0, statements with any
 * message, parse and plan trees). The password step is held on a lock while the monitoring-style login reads
 * pg_stat_activity; afterwards the log file, pg_stat_statements and the Jobs' output are searched
 * for every password the Jobs were given and every verifier the server stored.
 */
const ENVIRONMENTS = ['minikube-dev', 'solid-cloud', 'aks-phonebill-dev', 'aws-efs', 'prod-operator', 'prod-cnpg'];
/** Environments whose operator makes the logins: their Jobs set no password. */
const OPERATED = ['prod-operator', 'prod-cnpg'];
const WATCHER = { user: 'secrecy_watcher', password: 'watcher-pw', database: 'postgres' };
const SERVER_ARGS = [
  'shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all', 'pg_stat_statements.track_utility=on',
  'log_statement=all', 'log_min_duration_statement=0', 'log_min_error_statement=debug5', 'log_connections=on',
  'debug_print_parse=on', 'debug_print_rewritten=on', 'debug_print_plan=on',
].flatMap((setting) => ['-c', setting]);

/** A password with every character a shell, psql or SQL quote could trip on. */
function hostilePassword(i: number): string {
  return `p'w"$HOME\`x\\ ;${i}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Lines of passwords.tsv: the logins whose passwords a Job sets. */
function loginsOf(objects: KubeObject[], jobName: string): { variable: string; secret: string; key: string; login: string }[] {
  const configMap = podSpecOf(only(objects, 'Job', jobName)).volumes.find((v: any) => v.configMap).configMap.name;
  const tsv: string = only(objects, 'ConfigMap', configMap).data['passwords.tsv'];
  return tsv.split('\n').filter(Boolean).map((line) => {
    const [variable, secret, key, login] = line.split('\t');
    return { variable, secret, key, login };
  });
}

function hasPasswordStep(objects: KubeObject[], jobName: string): boolean {
  const configMap = podSpecOf(only(objects, 'Job', jobName)).volumes.find((v: any) => v.configMap).configMap.name;
  return PASSWORD_STEP_FILE in only(objects, 'ConfigMap', configMap).data;
}

/**
 * psql and perl on PATH in front of the real ones. Each writes its arguments, and the names of
 * the password variables left in its environment, to `programs.log` in `gate`; psql, for the
 * password step, says so (file `ready`) and waits for file `go` (at most a minute) before running.
 */
function gatedPrograms(gate: string, binParent: string): string {
  const bin = join(binParent, 'bin');
  mkdirSync(bin);
  const record = (program: string) => `printf '%s' ${program} >> "${gate}/programs.log"
printf ' [%s]' "$@" >> "${gate}/programs.log"
printf ' env:%s' $(compgen -e | grep '^CDK8S_PG_PASSWORD_' || true) >> "${gate}/programs.log"
echo >> "${gate}/programs.log"`;
  writeFileSync(join(bin, 'psql'), `#!/bin/bash
${record('psql')}
for arg in "$@"; do
  if [[ "\${arg}" == */${PASSWORD_STEP_FILE} ]]; then
    : > "${gate}/ready"
    for _ in $(seq 3000); do [ -e "${gate}/go" ] && break; sleep 0.02; done
  fi
done
exec "${CLIENT_BIN_DIR}/psql" "$@"
`);
  writeFileSync(join(bin, 'perl'), `#!/bin/bash
${record('perl')}
exec "${realPerl()}" "$@"
`);
  for (const program of ['psql', 'perl']) chmodSync(join(bin, program), 0o755);
  return `${bin}:${clientPath()}`;
}

function realPerl(): string {
  return execFileSync('sh', ['-c', 'command -v perl'], { encoding: 'utf8' }).trim();
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A psql session holding SHARE on pg_authid, which ALTER ROLE (ROW EXCLUSIVE) waits for, until released. */
async function lockRoles(server: TestServer): Promise<{ release: () => Promise<void> }> {
  const session: ChildProcessWithoutNullStreams = spawn(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', '-d', 'postgres'], {
    env: { ...process.env, PGPASSWORD: server.superuserPassword },
  });
  let out = '';
  session.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const closed = new Promise<void>((resolve) => session.on('close', () => resolve()));
  session.stdin.write("BEGIN;\nLOCK TABLE pg_catalog.pg_authid IN SHARE MODE;\nSELECT 'locked';\n");
  await until('the lock on pg_authid', () => (out.includes('locked') ? true : undefined));
  return {
    release: async () => {
      session.stdin.end('COMMIT;\n');
      await closed;
    },
  };
}

interface ActivitySample {
  /** Backends waiting for the lock on pg_authid: the password step's. */
  readonly waiting: string[];
  /** pg_stat_activity as the monitoring-style login reads it, every column as text. */
  readonly asWatcher: string;
  /** The same as the superuser. */
  readonly asSuperuser: string;
  /** The waiting backend's row: state and query. */
  readonly waitingRow: string;
  /** pg_stat_statements' texts at that moment, as the watcher reads them. */
  readonly statements: string;
}

/**
 * Every environment's schema Jobs on the major it deploys; minikube-dev's (two servers, every
 * login kind) on every major, since what a session may turn off differs between majors.
 */
export function passwordSecrecySuite(major: number): void {
  const dist = loadDist();
  // prod-cnpg's also on the major after the one it deploys: CloudNativePG's logins against the Job on both.
  const environments = ENVIRONMENTS.filter((e) => e === 'minikube-dev' || deployedMajor(dist[e]) === major || (e === 'prod-cnpg' && major === deployedMajor(dist[e]) + 1));
  describe.each(environments)(`no password or verifier in a view or log: %s's schema Jobs on PostgreSQL ${major}`, (environment) => {
    const objects = dist[environment];
    const jobs = objects.filter((o) => o.kind === 'Job' && o.metadata.labels?.['app.kubernetes.io/component'] === 'schema-init').map((o) => o.metadata.name);
    let server: TestServer;
    let gateDir: string;
    const secrets: TestSecrets = {};
    const runs: JobScriptResult[] = [];
    const samples: ActivitySample[] = [];
    let log = '';
    let programs = '';
    let statements = '';
    let verifiers: string[] = [];
    let canary = '';

    /** Every password a Job was given. */
    const passwords = (): string[] => Object.values(secrets).flatMap((keys) => Object.values(keys));
    /** Every verifier the server stored for the Jobs' logins, whole and in parts (salt, StoredKey, ServerKey). */
    const verifierTexts = (): string[] => verifiers.flatMap((v) => [v, ...v.split(/[$:]/).filter((part) => part.length >= 20)]);

    beforeAll(async () => {
      server = await startPostgres({ major, serverArgs: () => SERVER_ARGS });
      gateDir = mkdtempSync(join(tmpdir(), 'secrecy-'));
      chmodSync(gateDir, 0o755);
      server.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      server.query(`CREATE ROLE ${WATCHER.user} LOGIN PASSWORD '${WATCHER.password}'; GRANT pg_monitor TO ${WATCHER.user}; GRANT CONNECT ON DATABASE postgres TO ${WATCHER.user}`);
      if (environment === 'prod-operator') {
        // What the operator makes from the resource before the Job runs: logins and databases.
        const cluster = only(objects, 'postgresql');
        server.query("CREATE ROLE postgres_exporter LOGIN PASSWORD 'operator-set'");
        for (const [db, owner] of Object.entries<string>(cluster.spec.databases)) {
          server.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'operator-set'`);
          server.query(`CREATE DATABASE ${db} OWNER ${owner}`);
        }
      }
      if (environment === 'prod-cnpg') {
        // What CloudNativePG makes before the Job runs: a login per DatabaseRole (with a SCRAM verifier of
        // its Secret's password), a database per Database with its owner (the first at bootstrap).
        for (const role of objects.filter((o) => o.kind === 'DatabaseRole')) {
          server.query(`CREATE ROLE ${role.spec.name} LOGIN${role.spec.createdb ? ' CREATEDB' : ''} PASSWORD 'operator-set'`);
        }
        for (const db of objects.filter((o) => o.kind === 'Database')) server.query(`CREATE DATABASE ${db.spec.name} OWNER ${db.spec.owner}`);
      }
      let n = 0;
      for (const job of jobs) {
        const container = podSpecOf(only(objects, 'Job', job)).containers[0];
        const database = container.env.find((e: any) => e.name === 'PGDATABASE').value;
        // The image creates the database named by POSTGRES_DB.
        if (server.query(`SELECT count(*) FROM pg_database WHERE datname = '${database}'`) === '0') server.query(`CREATE DATABASE ${database}`);
        for (const e of container.env.filter((v: any) => v.valueFrom)) {
          const { name, key } = e.valueFrom.secretKeyRef;
          secrets[name] ??= {};
          secrets[name][key] ??= e.name === 'PGPASSWORD' ? server.superuserPassword : hostilePassword(++n);
        }
      }
      server.query('SELECT pg_stat_statements_reset()');
      for (const job of jobs) {
        rmSync(join(gateDir, 'ready'), { force: true });
        rmSync(join(gateDir, 'go'), { force: true });
        let finished: JobScriptResult | undefined;
        const run = startJobScript(objects, job, server, secrets, { env: { PATH: gatedPrograms(gateDir, mkdtempSync(join(gateDir, 'programs-'))) } });
        void run.then((result) => (finished = result));
        if (hasPasswordStep(objects, job)) {
          await until(`${job}'s password step`, () => {
            if (finished) throw new Error(`${job} ended before its password step: ${finished.stderr}`);
            return existsSync(join(gateDir, 'ready')) ? true : undefined;
          });
          const lock = await lockRoles(server);
          try {
            writeFileSync(join(gateDir, 'go'), '');
            const waiting = await until('the password step to wait for the lock', () => {
              const pids = server.query("SELECT string_agg(pid::text, ',') FROM pg_locks WHERE relation = 'pg_catalog.pg_authid'::regclass AND NOT granted");
              return pids ? pids.split(',') : undefined;
            });
            samples.push({
              waiting,
              asWatcher: server.query('SELECT a::text FROM pg_stat_activity a', WATCHER),
              asSuperuser: server.query('SELECT a::text FROM pg_stat_activity a'),
              waitingRow: server.query(`SELECT coalesce(state, '<null>') || '|' || coalesce(query, '<null>') FROM pg_stat_activity WHERE pid = ${waiting[0]}`),
              statements: server.query("SELECT string_agg(query, E'\\n') FROM pg_stat_statements", WATCHER),
            });
          } finally {
            await lock.release();
          }
        } else {
          writeFileSync(join(gateDir, 'go'), '');
        }
        runs.push(await run);
      }
      verifiers = jobs.flatMap((job) => loginsOf(objects, job)).map((l) => server.query(`SELECT rolpassword FROM pg_authid WHERE rolname = '${l.login}'`));
      // A password set the ordinary way, to show that this server would have kept one.
      canary = `canary-${Math.random().toString(36).slice(2)}`;
      server.query(`ALTER ROLE ${WATCHER.user} PASSWORD '${canary}'`);
      statements = server.query("SELECT string_agg(query, E'\\n') FROM pg_stat_statements", { ...WATCHER, password: canary });
      log = readFileSync(join(server.workDir, 'server.log'), 'utf8');
      programs = existsSync(join(gateDir, 'programs.log')) ? readFileSync(join(gateDir, 'programs.log'), 'utf8') : '';
    }, 120000);
    afterAll(() => {
      server?.stop();
      if (gateDir) rmSync(gateDir, { recursive: true, force: true });
    });

    test('the Jobs complete', () => {
      expect(runs.map((r) => r.stderr)).toEqual(jobs.map(() => ''));
      expect(runs.map((r) => r.status)).toEqual(jobs.map(() => 0));
    });

    test('every login the Jobs set logs in with its password, and not with another', () => {
      const logins = jobs.flatMap((job) => loginsOf(objects, job));
      // An operator's logins are its own: the Job sets no password.
      expect(logins.length > 0).toBe(!OPERATED.includes(environment));
      for (const { secret, key, login } of logins) {
        // Authentication comes first: a database closed to the login still tells the two apart.
        const right = server.psql('SELECT 1', { user: login, password: secrets[secret][key], database: 'postgres' });
        expect(right.stderr).not.toContain('password authentication failed');
        expect(right.status === 0 || right.stderr.includes('permission denied for database')).toBe(true);
        const wrong = server.psql('SELECT 1', { user: login, password: `${secrets[secret][key]}x`, database: 'postgres' });
        expect(wrong.stderr).toContain(`password authentication failed for user "${login}"`);
      }
    });

    test('the server stored SCRAM-SHA-256 verifiers of 4096 iterations, each with its own salt', () => {
      for (const verifier of verifiers) expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
      expect(new Set(verifiers.map((v) => v.split('$')[1])).size).toBe(verifiers.length);
    });

    test('the watchers see what they would leak: the Jobs\' other statements and an ordinary password change', () => {
      expect(log).toContain('statement: GRANT ');
      expect(log).toContain(`statement: ALTER ROLE ${WATCHER.user} PASSWORD '${canary}'`);
      expect(statements).toContain('GRANT ');
      expect(statements).toContain(canary);
    });

    test('no log line holds a password or a verifier', () => {
      expect(log.length).toBeGreaterThan(0);
      for (const secret of [...passwords(), ...verifierTexts()]) expect(log).not.toContain(secret);
      expect(log).not.toMatch(/SCRAM-SHA-256\$/);
    });

    test('pg_stat_statements, as a pg_monitor login reads it, holds none', () => {
      for (const secret of [...passwords(), ...verifierTexts()]) expect(statements).not.toContain(secret);
      expect(statements).not.toMatch(/SCRAM-SHA-256\$|PASSWORD\s+'(?!canary-)/i);
      for (const sample of samples) expect(sample.statements).not.toMatch(/SCRAM-SHA-256\$/);
    });

    test('pg_stat_activity, read while the password statement waited, shows no text for it and holds none', () => {
      const setsPasswords = jobs.some((job) => hasPasswordStep(objects, job));
      expect(samples.length).toBe(setsPasswords ? jobs.filter((job) => hasPasswordStep(objects, job)).length : 0);
      for (const sample of samples) {
        expect(sample.waiting).toHaveLength(1);
        // track_activities off: the row says 'disabled' and carries no query text.
        expect(sample.waitingRow).toBe('disabled|');
        for (const view of [sample.asWatcher, sample.asSuperuser]) {
          // Other sessions' statements are visible to it: the lock holder's last one.
          expect(view).toContain("SELECT 'locked'");
          for (const secret of [...passwords(), ...verifierTexts()]) expect(view).not.toContain(secret);
          expect(view).not.toMatch(/SCRAM-SHA-256\$/);
        }
      }
    });

    test('no program the Jobs start gets a password in its arguments, and psql none in its environment', () => {
      const lines = programs.split('\n').filter(Boolean);
      const logins = jobs.flatMap((job) => loginsOf(objects, job));
      // perl once per login, given the name of the variable only.
      expect(lines.filter((l) => l.startsWith('perl ')).map((l) => l.replace(/ env:.*$/, ''))).toEqual(logins.map((l) => `perl [-] [${l.variable}]`));
      expect(lines.filter((l) => l.startsWith('psql ')).length).toBeGreaterThan(jobs.length);
      for (const line of lines.filter((l) => l.startsWith('psql '))) expect(line).not.toContain('env:CDK8S_PG_PASSWORD_');
      for (const secret of [...passwords().filter((p) => p !== server.superuserPassword), ...verifierTexts()]) expect(programs).not.toContain(secret);
    });

    test("the Jobs' output holds none", () => {
      const output = runs.map((r) => r.stdout + r.stderr).join('\n');
      for (const secret of [...passwords(), ...verifierTexts()]) expect(output).not.toContain(secret);
    });
  });
}
