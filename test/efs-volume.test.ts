import { App, Chart } from 'cdk8s';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { BackupCronJob, BackupStorage, EfsVolume, IDataVolume, PostgresStatefulSet, Warnings } from '../lib';
import { refused } from './support/errors';
import { only, synth, testChart } from './support/manifests';

describe('EfsVolume.fromFileSystemId (static)', () => {
  const chart = testChart();
  const volume = EfsVolume.fromFileSystemId(chart, 'postgres', { namespace: 'db', fileSystemId: 'fs-0123456789abcdef0', accessPointId: 'fsap-0123456789abcdef0' });
  const objects = synth(chart);

  test('a Retain StorageClass for efs.csi.aws.com', () => {
    expect(only(objects, 'StorageClass', 'efs-sc')).toMatchObject({ provisioner: 'efs.csi.aws.com', reclaimPolicy: 'Retain' });
  });

  test('a Retain PersistentVolume on file system and access point, with TLS, reserved for its claim', () => {
    const pv = only(objects, 'PersistentVolume', 'postgres-pv');
    expect(pv.spec).toMatchObject({
      persistentVolumeReclaimPolicy: 'Retain',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '20Gi' },
      storageClassName: 'efs-sc',
      claimRef: { namespace: 'db', name: 'postgres-pvc' },
      csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-0123456789abcdef0::fsap-0123456789abcdef0', volumeAttributes: { encryptInTransit: 'true' } },
    });
    expect(volume.volumeHandle).toBe('fs-0123456789abcdef0::fsap-0123456789abcdef0');
  });

  test('mounts with IAM authorization; TLS comes from encryptInTransit and the access point, not a deprecated tls option', () => {
    const pv = only(objects, 'PersistentVolume', 'postgres-pv');
    expect(pv.spec.mountOptions).toEqual(['iam']);
    expect(pv.spec.csi.volumeAttributes).toEqual({ encryptInTransit: 'true' });
  });

  test('without IAM authorization: no mount options; with TLS off as well: plain NFS', () => {
    const c = testChart();
    EfsVolume.fromFileSystemId(c, 'plain', { namespace: 'db', fileSystemId: 'fs-01234567', accessPointId: 'fsap-0123456789abcdef0', iamAuthorization: false, encryptInTransit: false });
    const pv = only(synth(c), 'PersistentVolume');
    expect(pv.spec).not.toHaveProperty('mountOptions');
    expect(pv.spec.csi.volumeAttributes).toEqual({ encryptInTransit: 'false' });
  });

  test('a claim bound to that volume', () => {
    expect(only(objects, 'PersistentVolumeClaim', 'postgres-pvc').spec).toEqual({
      accessModes: ['ReadWriteOnce'], storageClassName: 'efs-sc', volumeName: 'postgres-pv', resources: { requests: { storage: '20Gi' } },
    });
    expect(volume.claimName).toBe('postgres-pvc');
  });

  test('no access point: a warning that PostgreSQL cannot own its directory', () => {
    const c = testChart();
    const bare = EfsVolume.fromFileSystemId(c, 'bare', { namespace: 'db', fileSystemId: 'fs-01234567' });
    expect(bare.volumeHandle).toBe('fs-01234567');
    expect(Warnings.collect(c)).toEqual([expect.stringContaining('EFS volume without an access point')]);
  });
});

describe('EfsVolume.dynamic', () => {
  test('provisioningMode efs-ap with the postgres uid/gid and a claim', () => {
    const chart = testChart();
    EfsVolume.dynamic(chart, 'data', { namespace: 'db', fileSystemId: 'fs-0123456789abcdef0' });
    const objects = synth(chart);
    expect(only(objects, 'StorageClass').parameters).toEqual({
      provisioningMode: 'efs-ap', fileSystemId: 'fs-0123456789abcdef0', directoryPerms: '700', uid: '999', gid: '999', basePath: '/postgresql',
    });
    expect(only(objects, 'StorageClass').mountOptions).toEqual(['iam']);
    expect(only(objects, 'PersistentVolumeClaim', 'data-pvc').spec).not.toHaveProperty('volumeName');
    expect(objects.filter((o) => o.kind === 'PersistentVolume')).toEqual([]);
  });
});

describe('EfsVolume rejects bad ids', () => {
  const cases: [string, () => unknown, string][] = [
    ['a file system id without fs-', () => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', fileSystemId: '0123456789abcdef0' }),
      `EfsVolume 'test/v': fileSystemId "0123456789abcdef0" is not an EFS file system id ('fs-' and 8 or 17 hexadecimal digits, e.g. 'fs-0123456789abcdef0')`],
    ['an access point id of the wrong length', () => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', fileSystemId: 'fs-01234567', accessPointId: 'fsap-123' }),
      `EfsVolume 'test/v': accessPointId "fsap-123" is not an EFS access point id ('fsap-' and 17 hexadecimal digits, e.g. 'fsap-0123456789abcdef0')`],
    ['a volume handle given as the file system id', () => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', fileSystemId: 'fs-01234567::fsap-0123456789abcdef0' }),
      `EfsVolume 'test/v': fileSystemId "fs-01234567::fsap-0123456789abcdef0" is not an EFS file system id`],
    ['IAM authorization without TLS', () => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', fileSystemId: 'fs-01234567', encryptInTransit: false }),
      `EfsVolume 'test/v': encryptInTransit false turns TLS off, which IAM authorization (iamAuthorization) needs; turn both off or neither`],
    ['directory permissions that are not octal', () => EfsVolume.dynamic(testChart(), 'v', { namespace: 'db', fileSystemId: 'fs-01234567', directoryPerms: 'rwx' }),
      `EfsVolume 'test/v': directoryPerms "rwx" is not an octal mode such as '700'`],
  ];
  test.each(cases)('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  test('ids Terraform fills in later (cdktf tokens) are left to Terraform, which checks them (test/tokens-deploy-time.test.ts)', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const id = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    expect(() => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', fileSystemId: id('fs'), accessPointId: id('ap') })).not.toThrow();
  });

  test('text that only looks like a token is checked as text', () => {
    expect(refused(() => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', fileSystemId: '${TfToken[TOKEN.987654321]}' })))
      .toBe(`EfsVolume 'test/v': fileSystemId "\${TfToken[TOKEN.987654321]}" is not an EFS file system id ('fs-' and 8 or 17 hexadecimal digits, e.g. 'fs-0123456789abcdef0'); a Terraform token is taken only as the whole value, so that its value can be checked`);
  });
});

describe('PostgresStatefulSet on an EfsVolume', () => {
  test('mounts the claim instead of a claim template', () => {
    const chart = testChart();
    const efs = EfsVolume.fromFileSystemId(chart, 'postgres-efs', { namespace: 'db', fileSystemId: 'fs-01234567', accessPointId: 'fsap-1234567890abcdef0', claimName: 'postgres-pvc' });
    new PostgresStatefulSet(chart, 'postgres', { namespace: 'db', dataVolume: efs });
    const sts = only(synth(chart), 'StatefulSet');
    expect(sts.spec).not.toHaveProperty('volumeClaimTemplates');
    expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'postgres-pvc' } });
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
  });

  test('refuses storage settings beside it, and a claim from another namespace', () => {
    const chart = testChart();
    const efs = EfsVolume.fromFileSystemId(chart, 'postgres', { namespace: 'db', fileSystemId: 'fs-01234567', accessPointId: 'fsap-1234567890abcdef0' });
    expect(() => new PostgresStatefulSet(chart, 'a', { namespace: 'db', dataVolume: efs, storage: { size: '5Gi' } }))
      .toThrow(`PostgresStatefulSet 'test/a': storage {"size":"5Gi"} cannot be combined with dataVolume, which brings its own claim`);
    expect(() => new PostgresStatefulSet(chart, 'b', { namespace: 'other', dataVolume: efs }))
      .toThrow(`PostgresStatefulSet 'test/b': dataVolume "postgres-pvc" is a claim in namespace 'db', not 'other'`);
  });
});

describe('one data volume, one server', () => {
  const ids = { fileSystemId: 'fs-01234567', accessPointId: 'fsap-1234567890abcdef0' };
  const TWO = 'two servers on one data directory corrupt it; give each server a volume of its own';

  test('one EfsVolume given to two servers: the second fails, naming both', () => {
    const chart = testChart();
    const efs = EfsVolume.fromFileSystemId(chart, 'postgres', { namespace: 'db', ...ids });
    new PostgresStatefulSet(chart, 'a', { namespace: 'db', dataVolume: efs });
    expect(refused(() => new PostgresStatefulSet(chart, 'b', { namespace: 'db', dataVolume: efs })))
      .toBe(`PostgresStatefulSet 'test/b': dataVolume "postgres-pvc" is the data volume of PostgresStatefulSet 'test/a' (claim 'postgres-pvc' in namespace 'db'): ${TWO}`);
    // The refused server left nothing behind.
    expect(chart.node.tryFindChild('b')).toBeUndefined();
  });

  test('the same claim by name, in another chart of the app (a plain IDataVolume)', () => {
    const app = new App({ outdir: '/nonexistent' });
    const storage = new Chart(app, 'storage');
    EfsVolume.fromFileSystemId(storage, 'postgres', { namespace: 'db', ...ids, claimName: 'shared' });
    new PostgresStatefulSet(new Chart(app, 'one'), 'a', { namespace: 'db', dataVolume: { claimName: 'shared', namespace: 'db' } });
    const byName: IDataVolume = { claimName: 'shared', namespace: 'db' };
    expect(refused(() => new PostgresStatefulSet(new Chart(app, 'two'), 'b', { namespace: 'db', dataVolume: byName })))
      .toBe(`PostgresStatefulSet 'two/b': dataVolume "shared" is the data volume of PostgresStatefulSet 'one/a' (claim 'shared' in namespace 'db'): ${TWO} (the charts of one app are taken for one cluster: if 'one' and 'two' go to different clusters, name the claims apart)`);
  });

  test("another server's claim template claim", () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'orders', { namespace: 'db' });
    expect(refused(() => new PostgresStatefulSet(chart, 'copy', { namespace: 'db', dataVolume: { claimName: 'data-orders-0', namespace: 'db' } })))
      .toBe(`PostgresStatefulSet 'test/copy': dataVolume "data-orders-0" is the data claim of PostgresStatefulSet 'test/orders', made by its claim template (claim 'data-orders-0' in namespace 'db'): ${TWO}`);
  });

  test('a server named after a claim another server already mounts', () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'first', { namespace: 'db', dataVolume: { claimName: 'data-orders-0', namespace: 'db' } });
    expect(refused(() => new PostgresStatefulSet(chart, 'orders', { namespace: 'db' })))
      .toBe(`PostgresStatefulSet 'test/orders': name "orders" is the data volume of PostgresStatefulSet 'test/first' (claim 'data-orders-0' in namespace 'db'): ${TWO}`);
  });

  test('one EfsVolume object mounted by servers of two apps', () => {
    const chart = testChart();
    const efs = EfsVolume.fromFileSystemId(chart, 'postgres', { namespace: 'db', ...ids });
    new PostgresStatefulSet(chart, 'a', { namespace: 'db', dataVolume: efs });
    expect(refused(() => new PostgresStatefulSet(new Chart(new App({ outdir: '/nonexistent' }), 'elsewhere'), 'b', { namespace: 'db', dataVolume: efs })))
      .toBe(`PostgresStatefulSet 'elsewhere/b': dataVolume "postgres-pvc" is the data volume of PostgresStatefulSet 'test/a' (the same volume object, in another app): ${TWO}`);
  });

  test('backups on a data claim', () => {
    const chart = testChart();
    const efs = EfsVolume.fromFileSystemId(chart, 'postgres', { namespace: 'db', ...ids });
    const server = new PostgresStatefulSet(chart, 'a', { namespace: 'db', dataVolume: efs });
    const backup = (storage: BackupStorage) => new BackupCronJob(chart, 'backup', { server, storage });
    const why = 'a backup pod would write into the volume of a running server, and the backups would be lost with it; give the backups a claim of their own';
    expect(refused(() => backup(BackupStorage.existingClaim('postgres-pvc'))))
      .toBe(`BackupCronJob 'test/backup': storage "postgres-pvc" is the data volume of PostgresStatefulSet 'test/a' (claim 'postgres-pvc' in namespace 'db'): ${why}`);
    const other = new PostgresStatefulSet(chart, 'b', { namespace: 'db' });
    expect(refused(() => new BackupCronJob(chart, 'backup', { server: other, storage: BackupStorage.newClaim({ name: 'data-b-0', size: '1Gi' }) })))
      .toBe(`BackupCronJob 'test/backup': storage.name "data-b-0" is the data claim of PostgresStatefulSet 'test/b', made by its claim template (claim 'data-b-0' in namespace 'db'): ${why}`);
  });

  test('what may share: separate apps (separate clusters), other namespaces, a failed server, backups of two servers on one claim', () => {
    const volume = (chart: Chart) => EfsVolume.fromFileSystemId(chart, 'postgres', { namespace: 'db', ...ids });
    const first = testChart();
    new PostgresStatefulSet(first, 'a', { namespace: 'db', dataVolume: volume(first) });
    const second = testChart();
    expect(() => new PostgresStatefulSet(second, 'a', { namespace: 'db', dataVolume: volume(second) })).not.toThrow();

    const chart = testChart();
    new PostgresStatefulSet(chart, 'a', { namespace: 'db', dataVolume: { claimName: 'shared', namespace: 'db' } });
    expect(() => new PostgresStatefulSet(chart, 'b', { namespace: 'other', dataVolume: { claimName: 'shared', namespace: 'other' } })).not.toThrow();
    // A server refused for another reason (here its settings, checked after its claim) holds no claim.
    expect(() => new PostgresStatefulSet(chart, 'c', { namespace: 'db', dataVolume: { claimName: 'later', namespace: 'db' }, parameters: { no_such_setting: 1 } }))
      .toThrow("PostgresStatefulSet 'test/c': parameters");
    expect(() => new PostgresStatefulSet(chart, 'd', { namespace: 'db', dataVolume: { claimName: 'later', namespace: 'db' } })).not.toThrow();

    const x = new PostgresStatefulSet(chart, 'x', { namespace: 'db' });
    const y = new PostgresStatefulSet(chart, 'y', { namespace: 'db' });
    new BackupCronJob(chart, 'backup-x', { server: x, storage: BackupStorage.existingClaim('dumps') });
    expect(() => new BackupCronJob(chart, 'backup-y', { server: y, storage: BackupStorage.existingClaim('dumps') })).not.toThrow();
  });
});
