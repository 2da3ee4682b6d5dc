import { codeBlocks } from './documentation';
import { isNamed, parseManifest } from './manifests';

/** The TypeScript blocks (```ts) of the README and docs/, in order. */
export function documentedExamples(): string[] {
  return codeBlocks('ts').map((block) => block.text);
}

/**
 * What an example says it prints: the comment after each top-level `console.log(…);` line, in
 * order. The printed line must start with that comment (the comment may go on to explain it).
 */
export function documentedOutput(example: string): string[] {
  return [...example.matchAll(/^console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
}

/** The lines an example printed that match its documented output, in order; throws naming the first that is missing. */
export function expectDocumentedOutput(example: string, printed: string): void {
  const lines = printed.split('\n');
  let at = 0;
  for (const comment of documentedOutput(example)) {
    const found = lines.findIndex((line, i) => i >= at && line !== '' && comment.startsWith(line));
    if (found < 0) throw new Error(`the documentation says an example prints "${comment}"; it printed:\n${printed}`);
    at = found + 1;
  }
}

type KubeObject = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

/** The one object of `kind` named `name` (see isNamed). */
function object(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && isNamed(o, name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found[0];
}

/**
 * What each documented example must synthesize, by the file it writes (relative to the directory it
 * runs in). Every example must write at least one of these files and every file must be written
 * by some example, so a new example needs an entry here and a removed one fails.
 */
export const EXAMPLE_OUTPUTS: Record<string, (read: (file: string) => string, printed: string) => void> = {
  'dist/orders-review.k8s.yaml': (read, printed) => {
    const objects = parseManifest(read('dist/orders-review.k8s.yaml')) as KubeObject[];
    expect(object(objects, 'ConfigMap', 'orders-db-config').data['postgresql.conf']).toContain('max_connections = 150');
    // the review's findings, highest risk first: the restart, and the reload-only work_mem as safe
    expect(printed.split('\n').slice(0, 3)).toEqual([
      'downtime ConfigMap/shop/orders-db-config data["postgresql.conf"].max_connections',
      'downtime StatefulSet/shop/orders-db spec.template.metadata.annotations["cdk8s-postgres.io/config-checksum"]',
      'safe ConfigMap/shop/orders-db-config data["postgresql.conf"].work_mem',
    ]);
  },
  'dist/orders.k8s.yaml': (read, printed) => {
    const objects = parseManifest(read('dist/orders.k8s.yaml')) as KubeObject[];
    const server = object(objects, 'StatefulSet', 'orders-db');
    expect(server.metadata.namespace).toBe('shop');
    expect(server.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'gp3', resources: { requests: { storage: '20Gi' } } });
    expect(object(objects, 'Certificate', 'orders-db-tls').spec.issuerRef.name).toBe('internal-ca');
    expect(object(objects, 'VolumeSnapshotClass', 'snapshots')).toMatchObject({ driver: 'ebs.csi.aws.com', deletionPolicy: 'Retain' });
    expect(printed).toContain('orders-db.shop.svc.cluster.local\n');
  },
  'dist/orders-efs.k8s.yaml': (read) => {
    const objects = parseManifest(read('dist/orders-efs.k8s.yaml')) as KubeObject[];
    expect(object(objects, 'PersistentVolume', 'data-pv').spec.csi.volumeHandle).toBe('fs-0123456789abcdef0::fsap-0123456789abcdef0');
    const claim = object(objects, 'PersistentVolumeClaim', 'data-pvc');
    expect(claim.spec.volumeName).toBe('data-pv');
    const pod = object(objects, 'StatefulSet', 'postgres').spec.template.spec;
    expect(pod.volumes.map((v: any) => v.persistentVolumeClaim?.claimName)).toContain('data-pvc');
  },
  'cdktf.out/stacks/orders-data/cdk.tf.json': (read) => {
    const synthesized = JSON.parse(read('cdktf.out/stacks/orders-data/cdk.tf.json'));
    expect(Object.keys(synthesized.resource.aws_efs_file_system)).toHaveLength(1);
    expect(Object.keys(synthesized.resource.aws_efs_access_point)).toHaveLength(1);
    expect(synthesized.terraform.required_version).toBe('>= 1.11');
    expect(synthesized.terraform.backend.s3).toMatchObject({ bucket: 'orders-state', key: 'cdk8s-postgres/orders-data.tfstate', encrypt: true });
  },
  'cdktf.out/stacks/orders-workload/cdk.tf.json': (read) => {
    const synthesized = JSON.parse(read('cdktf.out/stacks/orders-workload/cdk.tf.json'));
    const manifests = Object.values<any>(synthesized.resource.kubernetes_manifest).map((m) => `${m.manifest.kind}/${m.manifest.metadata.name}`);
    expect(manifests).toEqual(expect.arrayContaining(['StatefulSet/orders-db', 'Service/orders-db', 'ConfigMap/orders-db-config']));
    expect(Object.values<any>(synthesized.resource.kubernetes_secret_v1).map((x) => x.metadata)).toEqual([expect.objectContaining({ name: 'orders-db-superuser', namespace: 'shop' })]);
    expect(synthesized.variable.orders_db_superuser__password.sensitive).toBe(true);
    expect(synthesized.terraform.required_version).toBe('>= 1.11');
    expect(synthesized.terraform.backend.azurerm).toMatchObject({ storage_account_name: 'ordersstate' });
  },
  'dist/orders-schema.k8s.yaml': (read) => {
    const objects = parseManifest(read('dist/orders-schema.k8s.yaml')) as KubeObject[];
    expect(Object.values(object(objects, 'ConfigMap', 'orders-db-schema').data).join('\n')).toContain('CREATE TABLE orders');
    const job = object(objects, 'Job', 'orders-db-schema-init').spec.template.spec;
    const secretKeys = [...job.initContainers ?? [], ...job.containers].flatMap((c: any) => c.env ?? []).map((e: any) => e.valueFrom?.secretKeyRef?.key).filter(Boolean);
    expect(secretKeys).toEqual(expect.arrayContaining(['admin', 'app', 'analyst', 'dba']));
  },
  'dist/orders-backup.k8s.yaml': (read) => {
    const objects = parseManifest(read('dist/orders-backup.k8s.yaml')) as KubeObject[];
    expect(object(objects, 'CronJob', 'orders-db-backup').spec).toMatchObject({ schedule: '0 2 * * *', timeZone: 'Asia/Seoul' });
    expect(object(objects, 'PersistentVolumeClaim', 'orders-db-backup').spec.resources.requests.storage).toBe('10Gi');
  },
  'dist/orders-restore.k8s.yaml': (read) => {
    const objects = parseManifest(read('dist/orders-restore.k8s.yaml')) as KubeObject[];
    const pod = object(objects, 'Job', 'orders-db-restore').spec.template.spec;
    expect(pod.volumes.map((v: any) => v.persistentVolumeClaim?.claimName)).toContain('orders-db-backup');
  },
  'dist/orders-operator.k8s.yaml': (read) => {
    const objects = parseManifest(read('dist/orders-operator.k8s.yaml')) as KubeObject[];
    expect(object(objects, 'postgresql', 'acid-orders').spec).toMatchObject({ teamId: 'acid', numberOfInstances: 3, volume: { size: '50Gi' } });
    object(objects, 'Job', 'acid-orders-schema-init');
  },
  'dist/orders-cnpg.k8s.yaml': (read) => {
    const objects = parseManifest(read('dist/orders-cnpg.k8s.yaml')) as KubeObject[];
    expect(object(objects, 'Cluster', 'orders').spec).toMatchObject({ instances: 3, storage: { size: '50Gi' }, enableSuperuserAccess: true });
    expect(objects.filter((o) => o.kind === 'DatabaseRole').map((o) => o.spec.passwordSecret.name)).toEqual(['orders-owner', 'orders-app']);
    expect(object(objects, 'Database', 'orders-orders').spec).toMatchObject({ name: 'orders', owner: 'orders_owner' });
    object(objects, 'Job', 'orders-schema-init');
  },
  'dist/orders-monitoring.k8s.yaml': (read) => {
    const objects = parseManifest(read('dist/orders-monitoring.k8s.yaml')) as KubeObject[];
    object(objects, 'ServiceMonitor', 'orders-db-postgres');
    const rules = object(objects, 'PrometheusRule', 'orders-db-postgres').spec.groups.flatMap((g: any) => g.rules);
    expect(rules.find((r: any) => r.alert === 'PostgresTooManyConnections').expr).toMatch(/> 150\b/);
    expect(rules.find((r: any) => r.alert === 'PostgresCpuHigh').expr).toMatch(/ > 80$/);
    // The schema Job alone, with no user listed, creates what the exporter reads.
    const sql = Object.values(object(objects, 'ConfigMap', 'orders-db-schema').data).join('\n');
    expect(sql).toContain('GRANT pg_monitor TO "orders_exporter";');
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS "pg_stat_statements";');
  },
  'dist/orders-staging.k8s.yaml': (read, printed) => {
    const objects = parseManifest(read('dist/orders-staging.k8s.yaml')) as KubeObject[];
    object(objects, 'Namespace', 'orders-staging');
    object(objects, 'CronJob', 'orders-db-backup');
    expect(printed).toContain('orders-staging/orders-logins: app-password\n');
  },
};
