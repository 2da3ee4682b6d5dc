'use strict';
/**
 * A minimal PostgreSQL client for the tests, in a worker thread so that the test helper can wait
 * for it synchronously (Atomics.wait): one connection per request, authenticated with
 * SCRAM-SHA-256, MD5, a clear-text password or not at all, one simple-protocol query, and the
 * result written as `psql -X -q -At -v ON_ERROR_STOP=1 -c <sql>` (psql 15) writes it: every
 * result's rows, fields joined by '|', NULL as an empty string; notices and errors as
 * `SEVERITY:  message` on stderr; exit status 0, 1 for a failed query, 2 for a failed connection.
 * Starting psql costs about 40 ms of CPU a call; the suites make a thousand of them.
 */
const { parentPort, workerData } = require('worker_threads');
const net = require('net');
const crypto = require('crypto');

const { signal, port: replyPort } = workerData;

parentPort.on('message', (request) => {
  run(request).then((reply) => {
    // the request's id: a reply to a request the caller stopped waiting for is not taken for another's
    replyPort.postMessage({ ...reply, id: request.id });
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});

function run({ host, port, user, password, database, sql, timeoutMs }) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let buffer = Buffer.alloc(0);
    let connected = false;
    let failed = false;
    let done = false;
    let scram;
    const where = `connection to server at "${host}", port ${port} failed`;
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => finish(2, `psql: error: ${where}: timeout expired\n`), timeoutMs);
    function finish(status, message = '') {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, stdout, stderr: stderr + message });
    }
    function send(type, body) {
      const length = Buffer.alloc(4);
      length.writeInt32BE(body.length + 4);
      socket.write(Buffer.concat([type ? Buffer.from(type) : Buffer.alloc(0), length, body]));
    }
    socket.on('connect', () => {
      const version = Buffer.alloc(4);
      version.writeInt32BE(196608);
      send(null, Buffer.concat([version, cstrings('user', user, 'database', database, 'client_encoding', 'UTF8'), Buffer.from([0])]));
    });
    socket.on('error', (error) => finish(2, `psql: error: ${where}: ${error.message}\n`));
    socket.on('close', () => finish(2, `psql: error: ${where}: server closed the connection unexpectedly\n`));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
        const type = String.fromCharCode(buffer[0]);
        const end = 1 + buffer.readInt32BE(1);
        const body = buffer.subarray(5, end);
        buffer = buffer.subarray(end);
        handle(type, body);
      }
    });

    function handle(type, body) {
      switch (type) {
        case 'R': return authenticate(body);
        case 'E': {
          const fields = parseFields(body);
          if (!connected) return finish(2, `psql: error: ${where}: ${report(fields)}`);
          failed = true;
          stderr += report(fields);
          return undefined;
        }
        case 'N': stderr += report(parseFields(body), false); return undefined;
        case 'D': {
          const count = body.readInt16BE(0);
          const values = [];
          for (let i = 0, at = 2; i < count; i++) {
            const length = body.readInt32BE(at);
            at += 4;
            values.push(length < 0 ? '' : body.toString('utf8', at, at + length));
            if (length > 0) at += length;
          }
          stdout += `${values.join('|')}\n`;
          return undefined;
        }
        case 'Z':
          if (!connected) {
            connected = true;
            send('Q', cstrings(sql));
          } else {
            send('X', Buffer.alloc(0));
            finish(failed ? 1 : 0);
          }
          return undefined;
        default: return undefined; // ParameterStatus, BackendKeyData, RowDescription, CommandComplete, EmptyQueryResponse
      }
    }

    function authenticate(body) {
      const code = body.readInt32BE(0);
      if (code === 0) return;
      if (code === 3) return send('p', cstrings(password));
      if (code === 5) {
        const inner = crypto.createHash('md5').update(password + user).digest('hex');
        return send('p', cstrings(`md5${crypto.createHash('md5').update(inner).update(body.subarray(4, 8)).digest('hex')}`));
      }
      if (code === 10) {
        const nonce = crypto.randomBytes(18).toString('base64');
        scram = { nonce, clientFirstBare: `n=,r=${nonce}` };
        const first = Buffer.from(`n,,${scram.clientFirstBare}`);
        const length = Buffer.alloc(4);
        length.writeInt32BE(first.length);
        return send('p', Buffer.concat([cstrings('SCRAM-SHA-256'), length, first]));
      }
      if (code === 11) {
        const serverFirst = body.toString('utf8', 4);
        const attributes = Object.fromEntries(serverFirst.split(',').map((a) => [a[0], a.slice(2)]));
        if (!attributes.r.startsWith(scram.nonce)) return finish(2, `psql: error: ${where}: invalid SCRAM nonce\n`);
        const salted = saltedPassword(password, attributes.s, Number(attributes.i));
        const clientKey = hmac(salted, 'Client Key');
        const withoutProof = `c=biws,r=${attributes.r}`;
        const signature = hmac(crypto.createHash('sha256').update(clientKey).digest(), `${scram.clientFirstBare},${serverFirst},${withoutProof}`);
        const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]));
        return send('p', Buffer.from(`${withoutProof},p=${proof.toString('base64')}`));
      }
      if (code === 12) return;
      return finish(2, `psql: error: ${where}: authentication method ${code} not supported by the test client\n`);
    }
  });
}

/**
 * SCRAM's SaltedPassword, remembered per password, salt and iteration count as RFC 5802 lets a
 * client do: the suites log in with the same logins (4096 iterations each) hundreds of times.
 */
const saltedPasswords = new Map();
function saltedPassword(password, salt, iterations) {
  const key = JSON.stringify([password, salt, iterations]);
  let salted = saltedPasswords.get(key);
  if (salted === undefined) saltedPasswords.set(key, salted = crypto.pbkdf2Sync(password, Buffer.from(salt, 'base64'), iterations, 32, 'sha256'));
  return salted;
}

function cstrings(...values) {
  return Buffer.concat(values.map((v) => Buffer.from(`${v}\0`, 'utf8')));
}

function hmac(key, text) {
  return crypto.createHmac('sha256', key).update(text).digest();
}

function parseFields(body) {
  const fields = {};
  for (let at = 0; at < body.length && body[at] !== 0;) {
    const code = String.fromCharCode(body[at]);
    const end = body.indexOf(0, at + 1);
    fields[code] = body.toString('utf8', at + 1, end);
    at = end + 1;
  }
  return fields;
}

/** A notice or error as psql writes it (with its default SHOW_CONTEXT=errors). */
function report(fields, isError = true) {
  const context = isError && fields.W ? `CONTEXT:  ${fields.W}\n` : '';
  return `${fields.S}:  ${fields.M}\n${fields.D ? `DETAIL:  ${fields.D}\n` : ''}${fields.H ? `HINT:  ${fields.H}\n` : ''}${context}`;
}
