// Synchronous child processes started by a small helper process instead of the Jest worker.
//
// Starting a program forks the process that starts it, and the kernel copies that process's page
// tables: measured here, a spawnSync costs 1.7 ms of CPU from a 50 MB process and 26 ms from a
// 450 MB one, and Jest's workers grow to 200–550 MB while the suites start some two thousand
// programs (psql, openssl, kubectl, the servers). The helper stays small, so each start costs what
// it costs from a small process. The worker waits for the answer synchronously, as spawnSync does,
// on a pair of named pipes.
//
// Plain JavaScript: the helper runs without a TypeScript loader.
'use strict';
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

/** Reads exactly `length` bytes from a blocking descriptor, or undefined at end of file. */
function readExactly(fd, length) {
  const buffer = Buffer.alloc(length);
  for (let at = 0; at < length;) {
    const read = fs.readSync(fd, buffer, at, length - at, null);
    if (read === 0) return undefined;
    at += read;
  }
  return buffer;
}

function readFrame(fd) {
  const header = readExactly(fd, 4);
  if (header === undefined) return undefined;
  const body = readExactly(fd, header.readUInt32BE(0));
  if (body === undefined) return undefined;
  return JSON.parse(body.toString('utf8'));
}

function writeFrame(fd, message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  const frame = Buffer.concat([header, body]);
  for (let at = 0; at < frame.length;) at += fs.writeSync(fd, frame, at, frame.length - at);
}

const toBase64 = (data) => (data === null || data === undefined ? null : Buffer.from(data).toString('base64'));
const fromBase64 = (text) => (text === null ? null : Buffer.from(text, 'base64'));

// ---- the helper: `node spawn-helper.js <requests fifo> <answers fifo>` ----

function serve(requestsPath, answersPath) {
  const requests = fs.openSync(requestsPath, 'r');
  const answers = fs.openSync(answersPath, 'w');
  for (;;) {
    const request = readFrame(requests);
    // The worker is gone: so is the reason to exist.
    if (request === undefined) process.exit(0);
    const options = { ...request.options, input: fromBase64(request.input), encoding: 'buffer' };
    const result = childProcess.spawnSync(request.file, request.args, options);
    const error = result.error && {
      message: result.error.message, code: result.error.code, errno: result.error.errno, syscall: result.error.syscall, path: result.error.path, spawnargs: result.error.spawnargs,
    };
    writeFrame(answers, { pid: result.pid, status: result.status, signal: result.signal, stdout: toBase64(result.stdout), stderr: toBase64(result.stderr), error });
  }
}

// ---- the client, in the Jest worker ----

let channel;

function openChannel(root) {
  const dir = fs.mkdtempSync(path.join(root, 'spawn-helper-'));
  const requestsPath = path.join(dir, 'requests');
  const answersPath = path.join(dir, 'answers');
  // the one program the worker itself starts, besides the helper
  const made = original.spawnSync('mkfifo', ['-m', '600', requestsPath, answersPath], { stdio: 'ignore' });
  if (made.status !== 0) throw new Error(`mkfifo failed in ${dir}`);
  const helper = original.spawn(process.execPath, [__filename, requestsPath, answersPath], { stdio: 'ignore' });
  helper.unref();
  // Opening a named pipe waits for its other end: the helper opens requests, then answers.
  const requests = fs.openSync(requestsPath, 'w');
  const answers = fs.openSync(answersPath, 'r');
  return { requests, answers };
}

/**
 * `env` without libfaketime: a run under a faked clock (docs/development.md, "Tests") preloads it into every
 * process, but its shared memory (libfaketime 0.9.10) belongs to the user that started the run,
 * and a process of another user (the servers, as user postgres) fails to start with it. Those keep
 * the real clock: the suite then also shows that a clock differing between processes breaks
 * nothing.
 */
function withoutFakedClock(env) {
  const preload = (env.LD_PRELOAD ?? '').split(/[:\s]+/).filter((lib) => lib !== '' && !lib.includes('libfaketime')).join(':');
  const rest = Object.entries(env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME'));
  return Object.fromEntries(preload ? [...rest, ['LD_PRELOAD', preload]] : rest);
}

/** Programs that run what follows them as another user. */
const USER_SWITCHES = new Set(['runuser', 'setpriv', 'su']);

/** child_process.spawnSync, run by the helper; the same arguments and result. */
function spawnSync(file, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { ...options };
  const encoding = options.encoding;
  const input = options.input;
  delete options.encoding;
  delete options.input;
  options.env = options.env ?? { ...spawnSync.environmentOfFile };
  options.cwd = options.cwd ?? process.cwd();
  if ((options.uid !== undefined && options.uid !== process.getuid?.()) || USER_SWITCHES.has(path.basename(file))) options.env = withoutFakedClock(options.env);
  channel ??= openChannel(process.env.CDK8S_POSTGRES_TEST_ROOT);
  writeFrame(channel.requests, { file, args, options, input: toBase64(typeof input === 'string' ? Buffer.from(input, options.inputEncoding ?? 'utf8') : input) });
  const answer = readFrame(channel.answers);
  if (answer === undefined) throw new Error(`the spawn helper stopped while running ${file}`);
  const decode = (data) => (data === null || !encoding || encoding === 'buffer' ? data : data.toString(encoding));
  const stdout = decode(fromBase64(answer.stdout));
  const stderr = decode(fromBase64(answer.stderr));
  const result = { pid: answer.pid, output: [null, stdout, stderr], stdout, stderr, status: answer.status, signal: answer.signal };
  if (answer.error) result.error = Object.assign(new Error(answer.error.message), answer.error);
  return result;
}

/** child_process.execFileSync on {@link spawnSync}, failing as Node's does. */
function execFileSync(file, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { ...options };
  const inheritStderr = !options.stdio;
  const result = spawnSync(file, args, options);
  if (inheritStderr && result.stderr) process.stderr.write(result.stderr);
  if (result.error) throw Object.assign(result.error, result);
  if (result.status !== 0) {
    let message = `Command failed: ${[options.argv0 ?? file, ...args].join(' ')}`;
    if (result.stderr && result.stderr.length > 0) message += `\n${result.stderr.toString()}`;
    throw Object.assign(new Error(message), result);
  }
  return result.stdout;
}

const original = { spawnSync: childProcess.spawnSync, spawn: childProcess.spawn };

/**
 * Puts the helper in place of child_process's synchronous functions. child_process is one module
 * for every test file a worker runs, so the first file's setup replaces them; every file's setup
 * then names its own `process.env` (Jest gives each file a copy), which the programs a file starts
 * get when it passes no `env`: a file's changes to it reach its own programs, and no later file's.
 */
function install() {
  if (!childProcess.spawnSync.throughHelper) {
    spawnSync.throughHelper = true;
    childProcess.spawnSync = spawnSync;
    childProcess.execFileSync = execFileSync;
  }
  childProcess.spawnSync.environmentOfFile = process.env;
}

module.exports = { install };

if (require.main === module) serve(process.argv[2], process.argv[3]);
