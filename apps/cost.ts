import { App } from 'cdk8s';
import { environmentNamed } from '../environments';
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
  readonly monthlyUsd?: number;
}

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
  const rows = lines.map((l) => `| ${l.component} | ${l.size} | ${l.monthlyUsd === undefined ? 'in the node price' : l.monthlyUsd.toFixed(2)} |`);
  return ['| component | size | USD per month |', '|---|---|---|', ...rows, `| **total** | | **${total.toFixed(2)}** |`, ''].join('\n');
}

if (require.main === module) {
  try {
    process.stdout.write(renderCostTable(costEstimate(process.argv[2] ?? 'aks-phonebill-dev')));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
