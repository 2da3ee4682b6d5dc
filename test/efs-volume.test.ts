import { EfsVolume, PostgresStatefulSet, Warnings } from '../lib';
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

  test('ids Terraform fills in later are left to Terraform', () => {
    expect(() => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', fileSystemId: '${TfToken[TOKEN.1]}', accessPointId: '${TfToken[TOKEN.2]}' })).not.toThrow();
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
