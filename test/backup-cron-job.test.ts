import { BackupCronJob, BackupCronJobProps, BackupStorage, PostgresStatefulSet, RestoreJob, RestoreJobProps } from '../lib';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { BACKUP_SCRIPT, backupName } from '../lib/jobs/backup/scripts';
import { cronProblem } from '../lib/jobs/cron';
import { anyCodePoint } from './support/arbitraries';
import { only, synth, testChart } from './support/manifests';

function build(props: Partial<BackupCronJobProps> = {}) {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'shop-db', { namespace: 'shop' });
  const backup = new BackupCronJob(chart, 'backup', { server, storage: BackupStorage.newClaim({ size: '10Gi', storageClassName: 'standard' }), ...props });
  return { server, backup, objects: synth(chart) };
}

describe('BackupCronJob manifest', () => {
  const { server, backup, objects } = build({ timeZone: 'Asia/Seoul', databases: ['orders'] });
  const cronJob = only(objects, 'CronJob', 'shop-db-backup');
  const pod = cronJob.spec.jobTemplate.spec.template.spec;
  const env = Object.fromEntries(pod.containers[0].env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));

  test('daily at 02:00 by default, one run at a time, bounded history and deadlines', () => {
    expect(cronJob.spec).toMatchObject({
      schedule: '0 2 * * *', timeZone: 'Asia/Seoul', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3,
    });
    expect(cronJob.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 3600 });
  });

  test('7 days of retention by default, databases and mode passed to the script', () => {
    expect(backup.retention).toEqual({ days: 7 });
    expect(env).toMatchObject({ BACKUP_MODE: 'database', BACKUP_DATABASES: 'orders', RETENTION_DAYS: '7', RETENTION_COUNT: '', BACKUP_DIR: '/backup' });
  });

  test('credentials come from the superuser Secret', () => {
    expect(pod.containers[0].env).toContainEqual({ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db-superuser', key: 'password' } } });
    expect(cronJob.spec.jobTemplate.spec.template.metadata.labels[server.clientLabel.key]).toBe('true');
  });

  test('a new claim that GitOps tools and Helm keep', () => {
    const claim = only(objects, 'PersistentVolumeClaim', 'shop-db-backup');
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } });
    expect(claim.metadata.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep', 'argocd.argoproj.io/sync-options': 'Delete=false,Prune=false' });
    expect(pod.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'shop-db-backup' } });
  });

  test('an existing claim is used as it is', () => {
    const { objects: existing } = build({ storage: BackupStorage.existingClaim('nightly-dumps') });
    expect(existing.filter((o) => o.kind === 'PersistentVolumeClaim')).toEqual([]);
    expect(only(existing, 'CronJob').spec.jobTemplate.spec.template.spec.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'nightly-dumps' } });
  });

  test('snapshot', () => {
    expect(objects.filter((o) => o.kind === 'CronJob' || o.kind === 'PersistentVolumeClaim')).toMatchSnapshot();
  });
});

describe('BackupCronJob with a backup login and an upload', () => {
  const CLIENT = '6e5b1a5d-0f1a-4c1e-9d0b-3f2a1c4b5d6e';
  const { objects } = build({ mode: 'cluster', login: { name: 'backup_login', password: { name: 'backup-login', key: 'password' } }, upload: { accountName: 'shopbackups', clientId: CLIENT } });
  const pod = only(objects, 'CronJob', 'shop-db-backup').spec.jobTemplate.spec.template;

  test('the dump runs as the login, with no role verifiers by default', () => {
    const [dump] = pod.spec.initContainers;
    expect(dump.env).toContainEqual({ name: 'PGUSER', value: 'backup_login' });
    expect(dump.env).toContainEqual({ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'backup-login', key: 'password' } } });
    expect(dump.env).toContainEqual({ name: 'KEEP_ROLE_VERIFIERS', value: 'false' });
    expect(JSON.stringify(pod)).not.toContain('shop-db-superuser');
  });

  test('the ServiceAccount names the identity; only the upload container gets its token', () => {
    expect(only(objects, 'ServiceAccount', 'shop-db-backup').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': CLIENT });
    expect(pod.spec.serviceAccountName).toBe('shop-db-backup');
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(pod.metadata.annotations['azure.workload.identity/skip-containers']).toBe('backup');
    expect(pod.spec.containers.map((c: any) => c.name)).toEqual(['upload']);
  });

  test('the upload container meets the restricted profile and reads the claim read-only', () => {
    const [upload] = pod.spec.containers;
    expect(upload.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(upload.volumeMounts).toEqual(expect.arrayContaining([{ name: 'backup', mountPath: '/backup', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }]));
    expect(upload.resources.limits.memory).toBe('256Mi');
  });

  test('without an upload there is no ServiceAccount and the dump is the only container', () => {
    const { objects: plain } = build();
    expect(plain.filter((o) => o.kind === 'ServiceAccount')).toEqual([]);
    const spec = only(plain, 'CronJob').spec.jobTemplate.spec.template.spec;
    expect(spec.initContainers).toBeUndefined();
    expect(spec.serviceAccountName).toBeUndefined();
  });
});

describe('BackupCronJob with an S3 upload', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/shop-backup-upload';
  const { objects } = build({ upload: { bucket: 'shop-backups', region: 'eu-central-1', roleArn: ROLE } });
  const pod = only(objects, 'CronJob', 'shop-db-backup').spec.jobTemplate.spec.template;
  const env = (name: string) => pod.spec.containers[0].env.find((e: any) => e.name === name)?.value;

  test('the upload addresses the bucket in its region, under <namespace>/<server>, and STS in the same region', () => {
    expect([env('S3_ENDPOINT'), env('S3_BUCKET'), env('S3_REGION'), env('S3_PREFIX'), env('STS_ENDPOINT')])
      .toEqual(['https://shop-backups.s3.eu-central-1.amazonaws.com', 'shop-backups', 'eu-central-1', 'shop/shop-db', 'https://sts.eu-central-1.amazonaws.com']);
    const china = build({ upload: { bucket: 'shop-backups', region: 'cn-north-1' } }).objects;
    const chinaEnv = only(china, 'CronJob').spec.jobTemplate.spec.template.spec.containers[0].env;
    expect(chinaEnv.find((e: any) => e.name === 'S3_ENDPOINT').value).toBe('https://shop-backups.s3.cn-north-1.amazonaws.com.cn');
  });

  test('IRSA: the role on the ServiceAccount; nothing of Azure on the pod', () => {
    expect(only(objects, 'ServiceAccount', 'shop-db-backup').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': ROLE });
    expect(pod.spec.serviceAccountName).toBe('shop-db-backup');
    expect(pod.metadata.labels['azure.workload.identity/use']).toBeUndefined();
    // EKS's webhook gives the dump container no AWS credentials
    expect(pod.metadata.annotations).toEqual({ 'eks.amazonaws.com/skip-containers': 'backup' });
    expect(pod.spec.containers.map((c: any) => c.name)).toEqual(['upload']);
  });

  test('EKS Pod Identity: no annotation, the association names the account', () => {
    const pods = build({ upload: { bucket: 'shop-backups', region: 'eu-central-1' } }).objects;
    expect(only(pods, 'ServiceAccount', 'shop-db-backup').metadata.annotations).toBeUndefined();
  });
});

describe('BackupCronJob rejects bad input', () => {
  const cases: [string, Partial<BackupCronJobProps>, string][] = [
    ['a cron with four fields', { schedule: '0 2 * *' }, `BackupCronJob 'test/backup': schedule "0 2 * *" has 4 fields; a schedule has 5 (minute hour day-of-month month day-of-week)`],
    ['an hour out of range', { schedule: '0 24 * * *' }, `BackupCronJob 'test/backup': schedule "0 24 * * *" has an invalid hour field '24': '24' is outside 0-23`],
    ['a time zone inside the schedule', { schedule: 'CRON_TZ=Asia/Seoul 0 2 * * *' }, `BackupCronJob 'test/backup': schedule "CRON_TZ=Asia/Seoul 0 2 * * *" sets a time zone inside the schedule; use the timeZone property instead`],
    ['an unknown time zone', { timeZone: 'Seoul' }, `BackupCronJob 'test/backup': timeZone "Seoul" is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')`],
    ['retention of zero days', { retention: { days: 0 } }, `BackupCronJob 'test/backup': retention.days 0 must be an integer at least 1`],
    ['retention of a negative count', { retention: { count: -1 } }, `BackupCronJob 'test/backup': retention.count -1 must be an integer at least 1`],
    ['no retention at all', { retention: {} }, `BackupCronJob 'test/backup': retention {} needs days, count or both`],
    ['a size that is not a quantity', { storage: BackupStorage.newClaim({ size: '10 GB' }) }, `BackupCronJob 'test/backup': storage.size "10 GB" is not a Kubernetes quantity (e.g. '5Gi')`],
    ['databases in cluster mode', { mode: 'cluster', databases: ['x'] }, `BackupCronJob 'test/backup': databases ["x"] cannot be chosen in 'cluster' mode, which dumps everything`],
    ['role passwords in database mode', { rolePasswords: true }, `BackupCronJob 'test/backup': rolePasswords true applies to 'cluster' mode only (pg_dump never dumps roles)`],
    ['a login name PostgreSQL reserves', { login: { name: 'pg_backup', password: { name: 'backup-login', key: 'password' } } }, `BackupCronJob 'test/backup': login.name "pg_backup" `],
    ['a storage account name with capitals', { upload: { accountName: 'PhoneBill' } }, `BackupCronJob 'test/backup': upload.accountName "PhoneBill" is not a storage account name (3 to 24 lower-case letters and digits)`],
    ['a container name with a double hyphen', { upload: { accountName: 'phonebill', containerName: 'pg--backups' } }, `BackupCronJob 'test/backup': upload.containerName "pg--backups" is not a blob container name`],
    ['a client ID that is no GUID', { upload: { accountName: 'phonebill', clientId: 'backup-identity' } }, `BackupCronJob 'test/backup': upload.clientId "backup-identity" is not a client ID (a GUID such as 00000000-0000-0000-0000-000000000000)`],
    ['an upload image that is not pinned', { upload: { accountName: 'phonebill', image: 'curlimages/curl:latest' } }, `BackupCronJob 'test/backup': upload.image "curlimages/curl:latest" is not pinned to a full version`],
    ['a dotted name that would name the upload identity', { name: 'db.backup', upload: { accountName: 'phonebill' } }, `BackupCronJob 'test/backup': name "db.backup" names the upload's ServiceAccount, and through it an Azure federated credential, which takes letters, digits, '-' and '_' only; give upload.serviceAccountName`],
    ['a dotted upload ServiceAccount', { upload: { accountName: 'phonebill', serviceAccountName: 'db.uploader' } }, `BackupCronJob 'test/backup': upload.serviceAccountName "db.uploader" names an Azure federated credential (\`<namespace>-<account>\`), which takes letters, digits, '-' and '_' only: leave out the '.'`],
    ['a bucket name with dots', { upload: { bucket: 'shop.backups', region: 'eu-central-1' } }, `BackupCronJob 'test/backup': upload.bucket "shop.backups" is not an S3 bucket name the upload can address`],
    ['a bucket name with capitals', { upload: { bucket: 'ShopBackups', region: 'eu-central-1' } }, `BackupCronJob 'test/backup': upload.bucket "ShopBackups" is not an S3 bucket name`],
    ['a region that is no region', { upload: { bucket: 'shop-backups', region: 'Frankfurt' } }, `BackupCronJob 'test/backup': upload.region "Frankfurt" is not an AWS region (such as ap-northeast-2)`],
    ['a role ARN that is a user', { upload: { bucket: 'shop-backups', region: 'eu-central-1', roleArn: 'arn:aws:iam::123456789012:user/backup' } }, `BackupCronJob 'test/backup': upload.roleArn "arn:aws:iam::123456789012:user/backup" is not an IAM role ARN`],
    ['an account name too long for the STS session', { name: 'b'.repeat(50), upload: { bucket: 'shop-backups', region: 'eu-central-1', serviceAccountName: 'u'.repeat(65) } }, `upload.serviceAccountName "${'u'.repeat(65)}" names the upload's STS session (IRSA), which takes 2 to 64 characters, not 65`],
    ['the default ServiceAccount for the S3 upload', { upload: { bucket: 'shop-backups', region: 'eu-central-1', serviceAccountName: 'default' } }, `BackupCronJob 'test/backup': upload.serviceAccountName "default" is the namespace's default ServiceAccount`],
    ['an upload of both clouds at once', { upload: { bucket: 'shop-backups', region: 'eu-central-1', accountName: 'shopbackups' } as any }, `BackupCronJob 'test/backup': upload.accountName "shopbackups" is not a property (known: bucket, region, roleArn, serviceAccountName, image)`],
    ['a name too long for its Jobs', { name: 'b'.repeat(53) }, `BackupCronJob 'test/backup': name "${'b'.repeat(53)}" is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most 52 characters)`],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('a rejected CronJob leaves no claim behind', () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db');
    expect(() => new BackupCronJob(chart, 'backup', { server, storage: BackupStorage.newClaim({ size: '1Gi' }), schedule: 'daily' })).toThrow();
    expect(synth(chart).filter((o) => o.kind === 'PersistentVolumeClaim' || o.kind === 'CronJob')).toEqual([]);
  });
});

describe('cron expressions', () => {
  test.each(['0 2 * * *', '*/15 * * * *', '0 0 1,15 * MON-FRI', '30 3 * JAN,JUL 0', '0 22 * * 1-5', '@daily'])('%s is valid', (e) => {
    expect(cronProblem(e)).toBeUndefined();
  });
  test.each(['', '* * * * * *', '60 * * * *', '0 0 0 * *', '0 0 * 13 *', '0 0 * * 8', '5 4 * * 7', '*/0 * * * *', '5-1 * * * *', 'a b c d e', '1/2/3 * * * *'])('%s is not', (e) => {
    expect(cronProblem(e)).toBeDefined();
  });
});

describe('RestoreJob', () => {
  function restore(props: Partial<RestoreJobProps> = {}) {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'shop-db', { namespace: 'shop' });
    new RestoreJob(chart, 'restore', { server, claimName: 'shop-db-backup', sourceDatabase: 'orders', ...props });
    return synth(chart);
  }

  test('reads the backup claim read-only and refuses to overwrite by default', () => {
    const job = only(restore(), 'Job', 'shop-db-restore');
    const container = job.spec.template.spec.containers[0];
    expect(job.spec.template.spec.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'shop-db-backup', readOnly: true } });
    expect(container.env).toEqual(expect.arrayContaining([
      { name: 'SOURCE_DATABASE', value: 'orders' }, { name: 'TARGET_DATABASE', value: 'orders' },
      { name: 'BACKUP_FILE', value: 'latest' }, { name: 'OVERWRITE', value: 'false' },
    ]));
    expect(job.spec.backoffLimit).toBe(0);
  });

  test('rejects a backup name that is not a backup file', () => {
    expect(() => restore({ backup: '../../etc/passwd' })).toThrow(`RestoreJob 'test/restore': backup "../../etc/passwd" is neither 'latest' nor a backup file name such as 'orders_20261125T020000Z.dump'`);
  });

  test.each<[string, string, string]>([
    ['another database\'s file', 'orders', 'customers_20261125T020000Z.dump'],
    ['the file of a database whose name differs in a character a file name cannot hold', 'a/b', 'a_b_20261125T020000Z.dump'],
    ['a file named after the raw name', 'a b', 'a b_20261125T020000Z.dump'],
  ])('rejects %s', (_name, sourceDatabase, backup) => {
    expect(() => restore({ sourceDatabase, backup })).toThrow(`RestoreJob 'test/restore': backup ${JSON.stringify(backup)} is neither 'latest' nor a backup file name such as '${backupName(sourceDatabase)}_20261125T020000Z.dump'`);
  });

  test('accepts the encoded name of a hostile database', () => {
    expect(() => restore({ sourceDatabase: 'a/b', backup: 'a%2Fb_20261125T020000Z.dump' })).not.toThrow();
  });
});

describe('backup file names', () => {
  test.each<[string, string]>([
    ['titanium', 'titanium'], ['a_b', 'a_b'], ['a/b', 'a%2Fb'], ['a b', 'a%20b'], ['a.b', 'a%2Eb'], ['..', '%2E%2E'], ['.', '%2E'],
    ['Shop', 'Shop'], ['%41', '%2541'], ['é', '%C3%A9'], ['x\ny', 'x%0Ay'],
  ])('%j is kept under %s', (database, name) => {
    expect(backupName(database)).toBe(name);
  });

  test('distinct names give distinct file names, within 255 bytes with the time stamp (property)', () => {
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => Buffer.byteLength(s) <= 63 && !s.includes('\0'));
    fc.assert(fc.property(name, name, (a, b) => {
      expect(backupName(a) === backupName(b)).toBe(a === b);
      expect(Buffer.byteLength(`${backupName(a)}_20261125T020000Z.dump.partial`)).toBeLessThanOrEqual(255);
    }));
  });

  test("the scripts' bash encoder gives the same names (property, one bash run)", () => {
    const names = fc.sample(fc.string({ unit: anyCodePoint, minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\0')), 300);
    names.push('a/b', '..', 'x\ny', '한국어', ' lead', 'trail ', '*?[', '$(id)', "it's", '\\', '%');
    const script = BACKUP_SCRIPT.slice(BACKUP_SCRIPT.indexOf('encode_name() {'), BACKUP_SCRIPT.indexOf('\n}\n') + 3);
    const out = execFileSync('bash', ['-c', `${script}\nwhile IFS= read -r -d '' n; do encode_name "$n"; printf '\\n'; done`], { input: names.map((n) => `${n}\0`).join(''), encoding: 'utf8' });
    expect(out.split('\n').slice(0, -1)).toEqual(names.map(backupName));
  });
});
