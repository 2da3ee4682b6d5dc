// A stand-in for Microsoft Entra ID's token endpoint and Azure Blob Storage, over HTTPS with a
// test certificate, in a worker thread: the Job scripts run with spawnSync, which blocks the
// test's own event loop. Every request is appended to a JSON-lines log the test reads afterwards.
const { appendFileSync, readFileSync } = require('fs');
const { createServer } = require('https');
const { parentPort, workerData } = require('worker_threads');

const { keyFile, certFile, logFile, assertion, accessToken, putStatus } = workerData;

const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    appendFileSync(logFile, `${JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString('base64') })}\n`);
    const reply = (status, json) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(req.url)) {
      const form = new URLSearchParams(body.toString('utf8'));
      if (form.get('client_assertion') !== assertion) return reply(400, { error: 'invalid_client', error_description: 'AADSTS700024: Client assertion is not within its valid time range.' });
      return reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: accessToken });
    }
    if (req.method === 'PUT') {
      if (req.headers.authorization !== `Bearer ${accessToken}`) return reply(401, { error: 'NoAuthenticationInformation' });
      res.writeHead(putStatus, { 'x-ms-request-id': 'fake' });
      return res.end(putStatus === 201 ? '' : '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code></Error>');
    }
    reply(404, { error: 'not found' });
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'stop') server.close(() => process.exit(0));
});
