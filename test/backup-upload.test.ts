import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { BackupPod, UPLOAD_SHELLS, UploadShell } from './support/backup-pod';
import { deployedMajor } from './support/deployed-major';
import { loadDist, only } from './support/manifests';
import { startPostgres, TestServer } from './support/postgres-server';
import { runJobScript, TestSecrets } from './support/run-job';

/**
 * aks-phonebill-dev's backup pod as the kubelet runs it: the dump step (init container, login
 * product_change_backup) against a real server of the deployed major, then the upload step's
 * script from dist/ against a local HTTPS stand-in for Microsoft Entra ID and Blob Storage, with
 * the variables the workload identity webhook injects.
 */
const aks = loadDist()['aks-phonebill-dev'];
const CRON_JOB = 'postgresql-product-change-backup';
const CLAIM = 'postgresql-product-change-backup-pvc';
const ASSERTION = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6cGhvbmViaWxsLWRldjpwb3N0Z3Jlc3FsLXByb2R1Y3QtY2hhbmdlLWJhY2t1cCJ9.c2lnbmF0dXJl';
const ACCESS_TOKEN = 'fake-storage-access-token';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6e5b1a5d-0f1a-4c1e-9d0b-3f2a1c4b5d6e';

interface Logged { method: string; url: string; headers: Record<string, string>; body: string }

let server: TestServer;
let pod: BackupPod;
let tokenFile: string;
let dumpPath: string;

/** Starts the stand-in; PUTs answer `putStatus`. */
async function fakeAzure(putStatus: number): Promise<{ port: number; log: () => Logged[]; stop: () => Promise<number> }> {
  const logFile = join(mkdtempSync(join(pod.work, 'fake-')), 'requests.jsonl');
  writeFileSync(logFile, '');
  const worker = new Worker(join(__dirname, 'support', 'fake-azure-worker.js'), {
    workerData: { keyFile: pod.keyFile, certFile: pod.certFile, logFile, assertion: ASSERTION, accessToken: ACCESS_TOKEN, putStatus },
  });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  return {
    port,
    log: () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    stop: () => worker.terminate(),
  };
}

let shell: UploadShell = {};

function upload(port: number, env: Record<string, string> = {}) {
  return pod.upload(server, shell, {
    // What the workload identity webhook injects, pointed at the stand-in.
    AZURE_CLIENT_ID: CLIENT,
    AZURE_TENANT_ID: TENANT,
    AZURE_AUTHORITY_HOST: `https://127.0.0.1:${port}/`,
    AZURE_FEDERATED_TOKEN_FILE: tokenFile,
    BLOB_ENDPOINT: `https://127.0.0.1:${port}`,
    ...env,
  });
}

beforeAll(async () => {
  pod = new BackupPod(aks, CRON_JOB, CLAIM, ['sh', 'cat', 'sed', 'wc', 'mkdir', 'rm', 'printf', '[']);
  tokenFile = join(pod.work, 'azure-identity-token');
  writeFileSync(tokenFile, ASSERTION);
  server = await startPostgres({ major: deployedMajor(aks) });
  const secrets: TestSecrets = {
    'postgresql-product-change-superuser': { password: server.superuserPassword },
    'postgresql-product-change-secret': { password: 'app-pw' },
    'postgresql-product-change-logins': { 'admin-password': 'admin-pw', 'readonly-password': 'readonly-pw', 'exporter-password': 'exporter-pw', 'backup-password': 'backup-pw' },
  };
  server.query('CREATE DATABASE product_change_db');
  const init = runJobScript(aks, 'postgresql-product-change-schema-init', server, secrets);
  if (init.status !== 0) throw new Error(init.stderr);
  pod.dump(server, secrets);
  const [file] = readdirSync(join(pod.claim, 'product_change_db'));
  dumpPath = join(pod.claim, 'product_change_db', file);
}, 120000);

afterAll(() => {
  server?.stop();
  pod?.remove();
});

test('the dump step lists the verified dump for the upload step', () => {
  const [file] = readdirSync(join(pod.claim, 'product_change_db'));
  expect(readFileSync(join(pod.uploads, 'files'), 'utf8')).toBe(`product_change_db/${file}\n`);
});

describe.each(UPLOAD_SHELLS)('the upload step under %s', (_name, chosen) => {
  beforeAll(() => { shell = chosen(pod.busyboxBin); });
  afterAll(() => { shell = {}; });

  test('the upload exchanges the federated token for a Storage token, then PUTs a block blob equal to the dump', async () => {
    const fake = await fakeAzure(201);
    try {
      const run = upload(fake.port);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const [token, put, ...rest] = fake.log();
      expect(rest).toEqual([]);
      expect(token.method).toBe('POST');
      expect(token.url).toBe(`/${TENANT}/oauth2/v2.0/token`);
      expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(Buffer.from(token.body, 'base64').toString('utf8')))).toEqual({
        client_id: CLIENT,
        scope: 'https://storage.azure.com/.default',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: ASSERTION,
        grant_type: 'client_credentials',
      });
      const file = dumpPath.slice(pod.claim.length + 1);
      expect(put.method).toBe('PUT');
      expect(put.url).toBe(`/postgresql-backups/phonebill-dev/postgresql-product-change/${file}`);
      expect(put.headers).toMatchObject({
        authorization: `Bearer ${ACCESS_TOKEN}`,
        'x-ms-blob-type': 'BlockBlob',
        'x-ms-version': '2023-11-03',
        'if-none-match': '*',
        'content-length': String(readFileSync(dumpPath).length),
      });
      expect(Buffer.from(put.body, 'base64').equals(readFileSync(dumpPath))).toBe(true);
      expect(run.stdout).toContain(`Uploaded ${file} to postgresql-backups/phonebill-dev/postgresql-product-change/${file}`);
      // The bearer token never reaches the log.
      expect(run.stdout).not.toContain(ACCESS_TOKEN);
    } finally {
      await fake.stop();
    }
  });

  test('a refused upload (403) fails the step and names the file', async () => {
    const fake = await fakeAzure(403);
    try {
      const run = upload(fake.port);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`Upload of ${dumpPath.slice(pod.claim.length + 1)} failed (HTTP 403)`);
      expect(run.stderr).toContain('AuthorizationPermissionMismatch');
      expect(run.stderr).toContain('1 upload(s) failed');
      expect(fake.log().map((r) => r.method)).toEqual(['POST', 'PUT']);
    } finally {
      await fake.stop();
    }
  });

  test('a refused token exchange fails the step before any upload', async () => {
    const fake = await fakeAzure(201);
    const stale = join(pod.work, 'stale-token');
    writeFileSync(stale, 'not-the-projected-token');
    try {
      const run = upload(fake.port, { AZURE_FEDERATED_TOKEN_FILE: stale });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('No backup was uploaded: the token exchange was refused (HTTP 400)');
      expect(fake.log().map((r) => r.method)).toEqual(['POST']);
    } finally {
      await fake.stop();
    }
  });

  test('an unreachable endpoint fails the step', () => {
    const run = upload(1);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No backup was uploaded: could not reach https://127.0.0.1:1');
  });

  test.each([
    ['AZURE_CLIENT_ID', 'AZURE_CLIENT_ID is empty. Annotate ServiceAccount postgresql-product-change-backup with azure.workload.identity/client-id=<client ID of the upload identity> (terraform output -raw backup_upload_client_id)'],
    ['AZURE_TENANT_ID', 'AZURE_TENANT_ID is empty. Is the cluster\'s workload identity webhook on'],
    ['AZURE_FEDERATED_TOKEN_FILE', "no federated token file ('')"],
  ])('without %s (ServiceAccount not annotated, or no webhook) the step fails at once, saying what to do', async (variable, message) => {
    const fake = await fakeAzure(201);
    try {
      const run = upload(fake.port, { [variable]: '' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`No backup was uploaded: ${message}`);
      expect(fake.log()).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});

test("the upload is the pod's only container, after the dump, with restartPolicy Never: its exit decides the pod, and a failed pod fails the Job after backoffLimit", () => {
  const job = only(aks, 'CronJob', CRON_JOB).spec.jobTemplate.spec;
  expect(job.backoffLimit).toBe(2);
  expect(job.template.spec.restartPolicy).toBe('Never');
  expect(job.template.spec.initContainers.map((c: any) => c.name)).toEqual(['backup']);
  expect(job.template.spec.containers.map((c: any) => c.name)).toEqual(['upload']);
});

test('a dump step that cannot record its dump for the upload fails', () => {
  const dir = mkdtempSync(join(pod.work, 'claim-'));
  const run = runJobScript(aks, CRON_JOB, server, {
    'postgresql-product-change-logins': { 'backup-password': 'backup-pw' },
  }, { container: 'backup', claims: { [CLAIM]: dir }, env: { UPLOAD_LIST: join(pod.work, 'missing', 'files') } });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('No such file or directory');
});
