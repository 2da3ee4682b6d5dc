import { awsEfs } from '../environments/aws-efs';
import config from '../environments/aws-efs.config.json';
import { EnvironmentChart } from '../lib';
import { KubeObject, loadDist, only, synth, testApp } from './support/manifests';

/** Seed 003 on EFS, from dist/aws-efs.k8s.yaml. */
const objects = loadDist()['aws-efs'];

test('StatefulSet postgres (pod postgres-0) on the EFS claim', () => {
  const sts = only(objects, 'StatefulSet', 'postgres');
  expect(sts.spec.replicas).toBe(1);
  expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'postgres-pvc' } });
  only(objects, 'Service', 'postgres');
});

test('StorageClass, PersistentVolume and claim take the ids from aws-efs.config.json', () => {
  only(objects, 'StorageClass', 'efs-sc');
  expect(only(objects, 'PersistentVolume', 'postgres-pv').spec.csi.volumeHandle).toBe(`${config.fileSystemId}::${config.accessPointId}`);
  expect(only(objects, 'PersistentVolumeClaim', 'postgres-pvc').spec.volumeName).toBe('postgres-pv');
});

test('the PersistentVolume mounts through the access point with TLS and IAM authorization', () => {
  const pv = only(objects, 'PersistentVolume', 'postgres-pv');
  expect(pv.spec.csi.volumeHandle).toMatch(/^fs-[0-9a-f]+::fsap-[0-9a-f]{17}$/);
  expect(pv.spec.csi.volumeAttributes).toEqual({ encryptInTransit: 'true' });
  expect(pv.spec.mountOptions).toEqual(['iam']);
});

test('other ids give other manifests', () => {
  const chart = new EnvironmentChart(testApp(), 'aws-efs', awsEfs({ fileSystemId: 'fs-0aaaaaaaaaaaaaaaa', accessPointId: 'fsap-0bbbbbbbbbbbbbbbb', clientCidrs: ['192.168.0.0/16'], region: 'us-west-2', backupBucket: 'other-backups' }));
  const own: KubeObject[] = synth(chart);
  expect(only(own, 'PersistentVolume').spec.csi.volumeHandle).toBe('fs-0aaaaaaaaaaaaaaaa::fsap-0bbbbbbbbbbbbbbbb');
  expect(only(own, 'ConfigMap', 'postgres-cm').data['pg_hba.conf']).toContain('hostssl all all 192.168.0.0/16 scram-sha-256');
  const upload = only(own, 'CronJob', 'postgres-backup').spec.jobTemplate.spec.template.spec.containers[0];
  expect(Object.fromEntries(upload.env.map((e: { name: string; value: string }) => [e.name, e.value]))).toMatchObject({
    S3_ENDPOINT: 'https://other-backups.s3.us-west-2.amazonaws.com', S3_BUCKET: 'other-backups', S3_REGION: 'us-west-2', STS_ENDPOINT: 'https://sts.us-west-2.amazonaws.com',
  });
});

test("pg_hba admits the configured ranges over TLS with scram-sha-256, not the seed's every address", () => {
  const hba: string = only(objects, 'ConfigMap', 'postgres-cm').data['pg_hba.conf'];
  const hostLines = hba.split('\n').filter((l) => l.startsWith('host'));
  expect(hostLines).toEqual(['hostnossl all all 0.0.0.0/0 reject', 'hostnossl all all ::/0 reject', ...config.clientCidrs.map((c) => `hostssl all all ${c} scram-sha-256`)]);
});

// The schema Job from dist/ runs on a real server of every major in test/majors/suites/seeds.ts.

test('aws-efs snapshot', () => {
  expect(objects).toMatchSnapshot();
});
