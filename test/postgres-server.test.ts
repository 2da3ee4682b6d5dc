import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { CLIENT_BIN_DIR, CLIENT_MAJOR, serverBinDir, SERVER_MAJORS, startPostgres, TestServer, WireClient } from './support/postgres-server';

/** The test helper that starts servers of every major from npm packages. */
const isRoot = process.getuid?.() === 0;

test('the majors the suites run are the supported ones, 14 to 18', () => {
  expect(SERVER_MAJORS).toEqual([14, 15, 16, 17, 18]);
});

test.each(SERVER_MAJORS.map((m) => [m]))('node_modules/pg%i holds a server of that major', (major) => {
  const version = execFileSync(join(serverBinDir(major), 'postgres'), ['--version'], { encoding: 'utf8' });
  expect(version).toMatch(new RegExp(`^postgres \\(PostgreSQL\\) ${major}\\.\\d+`));
});

test("the clients are the machine's, and their major is known", () => {
  expect(execFileSync(join(CLIENT_BIN_DIR, 'psql'), ['--version'], { encoding: 'utf8' })).toContain(`psql (PostgreSQL) ${CLIENT_MAJOR}.`);
  expect(CLIENT_MAJOR).toBeGreaterThanOrEqual(14);
});

test(isRoot
  ? 'as root: binaries under a directory the OS user postgres cannot enter are linked where it can run them'
  : 'as a plain user: binaries run from node_modules as they are', () => {
  const privateDir = mkdtempSync(join(tmpdir(), 'private-checkout-'));
  try {
    chmodSync(privateDir, 0o700);
    const native = join(privateDir, 'node_modules', 'pg14', 'native');
    mirror(join(serverBinDir(14), '..'), native);
    mirror(join(serverBinDir(14), '..', '..', 'package.json'), join(privateDir, 'node_modules', 'pg14', 'package.json'));
    const dir = serverBinDir(14, join(privateDir, 'node_modules'));
    if (isRoot) {
      expect(dir.startsWith(privateDir)).toBe(false);
      const run = spawnSync('runuser', ['-u', 'postgres', '--', join(dir, 'initdb'), '--version'], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/^initdb \(PostgreSQL\) 14\./);
    } else {
      expect(dir).toBe(join(native, 'bin'));
    }
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
});

/** Copies a file or tree, modes and symlinks kept (the test's stand-in for a checkout under a private directory). */
function mirror(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  execFileSync('cp', ['-a', from, to]);
}

describe("the in-process test client answers as psql does (psql is the oracle)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPostgres({ major: 14 });
    server.query("CREATE ROLE reader LOGIN PASSWORD 'reader-pw'");
    server.query('CREATE DATABASE "a b=c"');
  });
  afterAll(() => server?.stop());

  const cases: [string, string, { user?: string; password?: string; database?: string }][] = [
    ['rows, NULL, booleans, several results', "SELECT 1, NULL, true; SELECT 'a|b', E'two\\nlines'; CREATE TEMP TABLE t (a int); SELECT 3 WHERE false", {}],
    ['an error after a result', 'SELECT 1; SELECT no_such_column; SELECT 2', {}],
    ['notices and warnings', "DO $$ BEGIN RAISE NOTICE 'hello %', 1; RAISE WARNING 'careful'; END $$; SELECT 5", {}],
    ['an error with detail and hint', "DO $$ BEGIN RAISE EXCEPTION 'broken' USING DETAIL = 'the detail', HINT = 'the hint'; END $$", {}],
    ['a permission error', 'SELECT * FROM pg_authid', { user: 'reader', password: 'reader-pw' }],
    ['a wrong password', 'SELECT 1', { password: 'wrong' }],
    ['a database that does not exist', 'SELECT 1', { database: 'nope' }],
    ['a database name holding = and a space', 'SELECT current_database()', { database: 'a b=c' }],
    ['Unicode', "SELECT '한국어 é'", {}],
  ];
  test('a reply that comes after its caller stopped waiting is not read as the next query\'s', () => {
    const client = new WireClient();
    try {
      const connection = { host: '127.0.0.1', port: server.port, user: 'postgres', password: server.superuserPassword, database: 'postgres', timeoutMs: 60000 };
      expect(() => client.run({ ...connection, sql: "SELECT 'late' FROM pg_sleep(0.5)", waitMs: 50 })).toThrow('no answer from the test client');
      // the late reply arrives while this query runs
      expect(client.run({ ...connection, sql: "SELECT 'next' FROM pg_sleep(1)" }).stdout).toBe('next\n');
      expect(client.run({ ...connection, sql: "SELECT 'last'" }).stdout).toBe('last\n');
    } finally {
      client.close();
    }
  });

  test.each(cases)('%s', (_name, sql, options) => {
    const inProcess = server.psql(sql, options);
    const psql = server.psql(sql, { ...options, args: ['-X'] });
    const messages = (stderr: string) => stderr.split('\n').filter((l) => !/^(LINE \d+:| +\^)/.test(l)).join('\n');
    expect({ status: inProcess.status, stdout: inProcess.stdout, stderr: messages(inProcess.stderr) })
      .toEqual({ status: psql.status, stdout: psql.stdout, stderr: messages(psql.stderr) });
  });
});
