import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { BackupPod, UPLOAD_SHELLS, UploadShell } from './support/backup-pod';
import { deployedMajor } from './support/deployed-major';
import { loadDist, only } from './support/manifests';
import { CLIENT_MAJOR, startPostgres, TestServer } from './support/postgres-server';
import { runJobScript, TestSecrets } from './support/run-job';

/**
 * aws-efs's backup pod as the kubelet runs it: the dump step (init container, login
 * postgres_backup) against a real server, then the upload step's script
 * from dist/ against s3rver (an S3-compatible server from npm that checks every request's
 * signature) over HTTPS, with the credentials of a stand-in EKS Pod Identity agent or of a
 * stand-in STS, and the variables EKS's webhooks inject.
 */
const efs = loadDist()['aws-efs'];
const CRON_JOB = 'postgres-backup';
const CLAIM = 'postgres-backup';
const BUCKET = 'postgres-backups-123456789012';
const PROJECTED_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpwb3N0Z3Jlcy1iYWNrdXAifQ.c2lnbmF0dXJl';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/postgres-backup-upload';

interface Logged { method: string; url: string; headers: Record<string, string>; body: string }
interface FakeAws { s3Port: number; agentPort: number; stsPort: number; store: string; log: () => Logged[]; handOut: (secretAccessKey: string) => Promise<void>; reset: () => Promise<void>; stop: () => Promise<number> }

let server: TestServer;
let pod: BackupPod;
let tokenFile: string;
let staleTokenFile: string;
let dumpFile: string;
let fake: FakeAws;

/**
 * Starts the stand-ins once for the file; `reset` empties the request log and the bucket and
 * has the right secret key handed out again, so each test starts from nothing.
 */
async function fakeAws(): Promise<FakeAws> {
  const dir = mkdtempSync(join(pod.work, 'fake-'));
  const logFile = join(dir, 'requests.jsonl');
  writeFileSync(logFile, '');
  const store = join(dir, 'store');
  const worker = new Worker(join(__dirname, 'support', 'fake-aws-worker.js'), {
    workerData: { keyFile: pod.keyFile, certFile: pod.certFile, logFile, directory: store, bucket: BUCKET, token: PROJECTED_TOKEN },
  });
  const ports = await new Promise<{ s3Port: number; agentPort: number; stsPort: number }>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  const handOut = (secretAccessKey: string) => new Promise<void>((resolve) => { worker.once('message', () => resolve()); worker.postMessage({ secretAccessKey }); });
  return {
    ...ports,
    store,
    log: () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    handOut,
    reset: async () => {
      writeFileSync(logFile, '');
      rmSync(join(store, BUCKET, 'default'), { recursive: true, force: true });
      await handOut('S3RVER');
    },
    stop: () => worker.terminate(),
  };
}

/** The object s3rver stored under `key`, or undefined. */
function stored(key: string): Buffer | undefined {
  const path = join(fake.store, BUCKET, `${key}._S3rver_object`);
  return existsSync(path) ? readFileSync(path) : undefined;
}

let shell: UploadShell = {};

/** What EKS Pod Identity injects into the pod, pointed at the stand-in agent. */
const podIdentity = () => ({
  AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${fake.agentPort}/v1/credentials`,
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
});

/** What IRSA's webhook injects into the pod. */
const irsa = () => ({ AWS_ROLE_ARN: ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_REGION: 'ap-northeast-2' });

function upload(env: Record<string, string>) {
  return pod.upload(server, shell, {
    S3_ENDPOINT: `https://127.0.0.1:${fake.s3Port}/${BUCKET}`,
    STS_ENDPOINT: `https://127.0.0.1:${fake.stsPort}`,
    ...env,
  });
}

beforeAll(async () => {
  pod = new BackupPod(efs, CRON_JOB, CLAIM, ['sh', 'cat', 'sed', 'wc', 'mkdir', 'rm', 'printf', '[', 'head', 'cut', 'sha256sum']);
  tokenFile = join(pod.work, 'eks-pod-identity-token');
  writeFileSync(tokenFile, PROJECTED_TOKEN);
  staleTokenFile = join(pod.work, 'stale-token');
  writeFileSync(staleTokenFile, 'not-the-projected-token');
  fake = await fakeAws();
  // The dump is only the upload's input: a server of the deployed major when the machine's pg_dump can dump it (see majors/backup-restore.pg17.test.ts).
  server = await startPostgres({ major: Math.min(deployedMajor(efs), CLIENT_MAJOR) });
  const secrets: TestSecrets = {
    'postgres-superuser': { password: server.superuserPassword },
    'postgres-logins': { 'manager-user-password': 'manager-pw', 'app-user-password': 'app-pw', 'backup-password': 'backup-pw' },
  };
  const init = runJobScript(efs, 'postgres-schema-init', server, secrets);
  if (init.status !== 0) throw new Error(init.stderr);
  pod.dump(server, secrets);
  const [file] = readdirSync(join(pod.claim, 'postgres'));
  dumpFile = `postgres/${file}`;
}, 120000);

afterAll(async () => {
  server?.stop();
  await fake?.stop();
  pod?.remove();
});

test('the dump step lists the verified dump for the upload step', () => {
  expect(readFileSync(join(pod.uploads, 'files'), 'utf8')).toBe(`${dumpFile}\n`);
});

describe.each(UPLOAD_SHELLS)('the upload step under %s', (_name, chosen) => {
  beforeAll(() => { shell = chosen(pod.busyboxBin); });
  afterAll(() => { shell = {}; });
  beforeEach(() => fake.reset());

  test('EKS Pod Identity: the agent hands out credentials for the projected token, S3 takes the signed PUT, the object is the dump', () => {
    const run = upload(podIdentity());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [credentials, ...rest] = fake.log();
    expect(rest).toEqual([]);
    expect([credentials.method, credentials.url, credentials.headers.authorization]).toEqual(['GET', '/v1/credentials', PROJECTED_TOKEN]);
    const key = `default/postgres/${dumpFile}`;
    expect(stored(key)?.equals(readFileSync(join(pod.claim, dumpFile)))).toBe(true);
    expect(run.stdout).toContain(`Uploaded ${dumpFile} to s3://${BUCKET}/${key} (${readFileSync(join(pod.claim, dumpFile)).length} bytes)`);
    // Neither the secret key nor the session token reaches the log.
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/S3RVER|FwoGZXIv/);
  });

  test('IRSA: the web identity token is exchanged at STS for the role, then the signed PUT', () => {
    const run = upload(irsa());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [exchange, ...rest] = fake.log();
    expect(rest).toEqual([]);
    expect([exchange.method, exchange.url]).toEqual(['POST', '/']);
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toEqual({
      Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ROLE_ARN, RoleSessionName: 'postgres-backup', WebIdentityToken: PROJECTED_TOKEN,
    });
    expect(stored(`default/postgres/${dumpFile}`)?.equals(readFileSync(join(pod.claim, dumpFile)))).toBe(true);
  });

  test('a wrong signature (S3 answers 403 SignatureDoesNotMatch) fails the step and names the file; nothing is stored', async () => {
    await fake.handOut('wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY');
    const run = upload(podIdentity());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Upload of ${dumpFile} failed (HTTP 403)`);
    expect(run.stderr).toContain('SignatureDoesNotMatch');
    expect(run.stderr).toContain('1 upload(s) failed');
    expect(stored(`default/postgres/${dumpFile}`)).toBeUndefined();
  });

  test('a token the agent refuses fails the step before any upload', () => {
    const run = upload({ ...podIdentity(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: staleTokenFile });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No backup was uploaded: the EKS Pod Identity agent refused the credentials (HTTP 401)');
    expect(existsSync(join(fake.store, BUCKET, 'default'))).toBe(false);
  });

  test('a token STS refuses fails the step before any upload', () => {
    const run = upload({ ...irsa(), AWS_WEB_IDENTITY_TOKEN_FILE: staleTokenFile });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No backup was uploaded: STS refused the web identity token (HTTP 400)');
    expect(run.stderr).toContain('InvalidIdentityToken');
  });

  test('without an AWS identity (no association, no role annotation) the step fails at once, saying what to do', () => {
    const run = upload({});
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('No backup was uploaded: the pod has no AWS identity. Associate ServiceAccount postgres-backup with an IAM role: an EKS Pod Identity association (Terraform: S3BackupUploadRole), or IRSA (upload.roleArn).\n');
    expect(fake.log()).toEqual([]);
  });
});

test('the pod: dump first, upload last under its own ServiceAccount; egress to HTTPS and to the node\'s Pod Identity agent only', () => {
  const template = only(efs, 'CronJob', CRON_JOB).spec.jobTemplate.spec.template;
  expect(template.spec.initContainers.map((c: { name: string }) => c.name)).toEqual(['backup']);
  expect(template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['upload']);
  expect(template.spec.serviceAccountName).toBe('postgres-backup');
  expect(template.metadata.labels['azure.workload.identity/use']).toBeUndefined();
  const account = only(efs, 'ServiceAccount', 'postgres-backup');
  expect([account.automountServiceAccountToken, account.metadata.annotations]).toEqual([false, undefined]);
  const policy = only(efs, 'NetworkPolicy', 'postgres-backup-upload');
  expect(policy.spec.egress.slice(1)).toEqual([
    { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }], ports: [{ protocol: 'TCP', port: 443 }] },
    { to: [{ ipBlock: { cidr: '169.254.170.23/32' } }, { ipBlock: { cidr: 'fd00:ec2::23/128' } }], ports: [{ protocol: 'TCP', port: 80 }] },
  ]);
});
