import { App } from 'cdk8s';
import { environmentNamed, UnknownEnvironmentError } from '../environments';
import { EnvironmentChart } from '../lib';
import { parseQuantity } from '../lib/private/quantity';

/**
 * Monthly prices per GiB that seed 004's §13 table implies (Azure Standard HDD $2.40 for 20 GB,
 * backup storage $0.50 for 10 GB). Assumptions for an estimate, not a price list.
 */
export const MONTHLY_USD_PER_GIB = { dataDisk: 0.12, backup: 0.05 };

/** One line of the estimate. */
export interface CostLine {
  readonly component: string;
  readonly size: string;
  /** Undefined where the estimate has no price: `note` says why. */
  readonly monthlyUsd?: number;
  /** @default 'in the node price' */
  readonly note?: string;
}

/** The CSI driver of Amazon EFS volumes. */
const EFS_DRIVER = 'efs.csi.aws.com';

export const COST_USAGE = 'usage: npm run --silent cost -- [<environment>]   (default aks-phonebill-dev)';

/** Seed 004 §13's monthly cost table, computed from an environment's volumes and containers. */
export function costEstimate(environmentName: string): CostLine[] {
  const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), environmentName, environmentNamed(environmentName));
  const objects = chart.toJson();
  const gib = (q: string) => (parseQuantity(q) ?? 0) / 2 ** 30;
  const lines: CostLine[] = [];
  for (const sts of objects.filter((o) => o.kind === 'StatefulSet')) {
    for (const claim of sts.spec.volumeClaimTemplates ?? []) {
      const size = claim.spec.resources.requests.storage;
      lines.push({ component: `Data disk of ${sts.metadata.name} (${claim.spec.storageClassName ?? 'default class'})`, size, monthlyUsd: gib(size) * MONTHLY_USD_PER_GIB.dataDisk });
    }
    const r = sts.spec.template.spec.containers[0].resources;
    lines.push({ component: `Compute of ${sts.metadata.name}`, size: `requests ${r.requests.cpu}/${r.requests.memory}, limits ${r.limits.cpu ?? '-'}/${r.limits.memory}` });
  }
  // Zalando clusters: a volume per pod, the pods' compute, and logical backups in the operator's bucket
  for (const cluster of objects.filter((o) => o.kind === 'postgresql')) {
    const { numberOfInstances: pods, volume, resources } = cluster.spec;
    lines.push({ component: `Data disks of ${cluster.metadata.name} (${volume.storageClass ?? 'default class'})`, size: `${pods} × ${volume.size}`, monthlyUsd: pods * gib(volume.size) * MONTHLY_USD_PER_GIB.dataDisk });
    if (resources) lines.push({ component: `Compute of ${cluster.metadata.name} (${pods} pods)`, size: `requests ${resources.requests.cpu}/${resources.requests.memory}, limits ${resources.limits.cpu ?? '-'}/${resources.limits.memory}` });
    if (cluster.spec.enableLogicalBackup) {
      lines.push({ component: `Logical backups of ${cluster.metadata.name}`, size: `${cluster.spec.logicalBackupRetention ?? 'all'} kept`, note: "not estimated: the operator's bucket, priced by what the dumps hold" });
    }
  }
  // Amazon EFS: elastic, priced by the data stored; a claim's size is a number Kubernetes requires, not a limit
  for (const pv of objects.filter((o) => o.kind === 'PersistentVolume' && o.spec.csi?.driver === EFS_DRIVER)) {
    lines.push({ component: `EFS file system of ${pv.metadata.name} (${pv.spec.csi.volumeHandle})`, size: 'elastic', note: 'not estimated: Amazon EFS bills the data stored, which grows with the database' });
  }
  const backupClaims = objects.filter((o) => o.kind === 'CronJob')
    .flatMap((c) => c.spec.jobTemplate.spec.template.spec.volumes.map((v: any) => v.persistentVolumeClaim?.claimName));
  for (const claim of objects.filter((o) => o.kind === 'PersistentVolumeClaim' && backupClaims.includes(o.metadata.name))) {
    const size = claim.spec.resources.requests.storage;
    lines.push({ component: `Backup storage ${claim.metadata.name}`, size, monthlyUsd: gib(size) * MONTHLY_USD_PER_GIB.backup });
  }
  return lines;
}

/** The estimate as a Markdown table with a total. */
export function renderCostTable(lines: readonly CostLine[]): string {
  const total = lines.reduce((sum, l) => sum + (l.monthlyUsd ?? 0), 0);
  const rows = lines.map((l) => `| ${l.component} | ${l.size} | ${l.monthlyUsd === undefined ? l.note ?? 'in the node price' : l.monthlyUsd.toFixed(2)} |`);
  const unpriced = lines.some((l) => l.monthlyUsd === undefined && l.note !== undefined);
  return ['| component | size | USD per month |', '|---|---|---|', ...rows, `| **total**${unpriced ? ' (of the lines with a price)' : ''} | | **${total.toFixed(2)}** |`, ''].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write(`${COST_USAGE}\n`);
    process.exit(2);
  }
  try {
    process.stdout.write(renderCostTable(costEstimate(args[0] ?? 'aks-phonebill-dev')));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof UnknownEnvironmentError ? 2 : 1);
  }
}
