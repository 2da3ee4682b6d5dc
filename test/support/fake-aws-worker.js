// Stand-ins for what the S3 backup upload talks to, in a worker thread (the Job scripts run with
// spawnSync, which blocks the test's own event loop):
// - S3 itself: s3rver (npm), path-style, behind an HTTPS front with a test certificate that checks
//   each request's AWS Signature Version 4 as S3 does (s3rver checks only the key id): the
//   signature AWS's own signer (@smithy/signature-v4, what the AWS SDK signs with) computes for
//   the same request, signed headers and date with the one key pair (S3RVER / S3RVER) and the
//   session token, must be the one sent, and the body must hash to x-amz-content-sha256;
// - the EKS Pod Identity agent (plain HTTP, as on a node's link-local address), which hands out
//   that key pair for the projected token;
// - STS, over HTTPS, which answers AssumeRoleWithWebIdentity for the projected token.
// Requests to the agent and STS are appended to a JSON-lines log the test reads afterwards.
const { appendFileSync, readFileSync } = require('fs');
const http = require('http');
const https = require('https');
const { createHash, createHmac } = require('crypto');
const S3rver = require('s3rver');
const { SignatureV4 } = require('@smithy/signature-v4');
const { parentPort, workerData } = require('worker_threads');

const { keyFile, certFile, logFile, directory, bucket, token } = workerData;
// The secret key the agent and STS hand out; S3 accepts only 'S3RVER'. A test sets another by a
// message ({ secretAccessKey }), answered with 'set' once in force.
let secretAccessKey = 'S3RVER';
parentPort.on('message', (message) => {
  secretAccessKey = message.secretAccessKey;
  parentPort.postMessage('set');
});
const KEY_ID = 'S3RVER';
const SESSION = 'FwoGZXIvYXdzEBYaDHN0YW5kLWluLXNlc3Npb24=';

function logged(handler) {
  return (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      appendFileSync(logFile, `${JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body })}\n`);
      handler(req, res, body);
    });
  };
}

const agent = http.createServer(logged((req, res) => {
  if (req.headers.authorization !== token) {
    res.writeHead(401, { 'content-type': 'application/json' });
    return res.end('{"code":"AccessDeniedException","message":"invalid token"}');
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ AccessKeyId: KEY_ID, SecretAccessKey: secretAccessKey, Token: SESSION, AccountId: '123456789012', Expiration: '2099-01-01T00:00:00Z' }));
}));

const sts = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, logged((req, res, body) => {
  const form = new URLSearchParams(body);
  if (form.get('Action') !== 'AssumeRoleWithWebIdentity' || form.get('WebIdentityToken') !== token) {
    res.writeHead(400, { 'content-type': 'text/xml' });
    return res.end('<ErrorResponse><Error><Code>InvalidIdentityToken</Code></Error></ErrorResponse>');
  }
  res.writeHead(200, { 'content-type': 'text/xml' });
  res.end([
    '<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
    '  <AssumeRoleWithWebIdentityResult>',
    '    <Credentials>',
    `      <AccessKeyId>${KEY_ID}</AccessKeyId>`,
    `      <SecretAccessKey>${secretAccessKey}</SecretAccessKey>`,
    `      <SessionToken>${SESSION}</SessionToken>`,
    '      <Expiration>2099-01-01T00:00:00Z</Expiration>',
    '    </Credentials>',
    '  </AssumeRoleWithWebIdentityResult>',
    '</AssumeRoleWithWebIdentityResponse>',
  ].join('\n'));
}));

/** The Hash interface @smithy/signature-v4 takes, on Node's crypto. */
class Sha256 {
  constructor(secret) { this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

/** Why S3 would refuse the request's signature, or undefined when it would take it. */
async function signatureProblem(req, body) {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!match) return `no AWS4-HMAC-SHA256 Authorization header: ${req.headers.authorization}`;
  const [, keyId, , region, signedHeaders, signature] = match;
  if (keyId !== KEY_ID) return `unknown access key ${keyId}`;
  if (req.headers['x-amz-security-token'] !== SESSION) return 'the session token is missing or wrong';
  if (req.headers['x-amz-content-sha256'] !== createHash('sha256').update(body).digest('hex')) return 'the body does not hash to x-amz-content-sha256';
  const names = signedHeaders.split(';');
  const url = new URL(req.url, `https://${req.headers.host}`);
  const request = {
    method: req.method, protocol: 'https:', hostname: url.hostname, port: Number(url.port), path: url.pathname,
    query: Object.fromEntries(url.searchParams), headers: Object.fromEntries(names.map((n) => [n, req.headers[n]])),
  };
  const amzDate = req.headers['x-amz-date'];
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const signer = new SignatureV4({ credentials: { accessKeyId: KEY_ID, secretAccessKey: 'S3RVER', sessionToken: SESSION }, region, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const signed = await signer.sign(request, { signingDate, signableHeaders: new Set(names) });
  const expected = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)[1];
  return expected === signature ? undefined : `signature ${signature}, S3 computes ${expected}`;
}

/** The HTTPS front of s3rver: refuses what S3 would refuse for its signature, forwards the rest. */
function s3Front(s3Port) {
  return https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const problem = await signatureProblem(req, body);
      if (problem) {
        res.writeHead(403, { 'content-type': 'application/xml' });
        return res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`);
      }
      const forward = http.request({ host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      forward.end(body);
    });
  });
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

(async () => {
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
  const { port } = await s3.run();
  parentPort.postMessage({ s3Port: await listen(s3Front(port)), agentPort: await listen(agent), stsPort: await listen(sts) });
})();
