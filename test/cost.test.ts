import { costEstimate, renderCostTable } from '../apps/cost';

test("seed 004's §13 total of $2.90 follows from the environment's sizes", () => {
  const lines = costEstimate('aks-phonebill-dev');
  expect(lines.map((l) => [l.component, l.size, l.monthlyUsd?.toFixed(2)])).toEqual([
    ['Data disk of postgresql-product-change (managed-standard)', '20Gi', '2.40'],
    ['Compute of postgresql-product-change', 'requests 500m/1Gi, limits 1000m/2Gi', undefined],
    ['Backup storage postgresql-product-change-backup-pvc', '10Gi', '0.50'],
  ]);
  expect(renderCostTable(lines)).toContain('| **total** | | **2.90** |');
});

test('other sizes give other totals', () => {
  const minikube = costEstimate('minikube-dev');
  const total = minikube.reduce((s, l) => s + (l.monthlyUsd ?? 0), 0);
  // 1Gi + 5Gi of data at 0.12, 1Gi + 5Gi of backups at 0.05
  expect(total).toBeCloseTo(6 * 0.12 + 6 * 0.05, 5);
});

test('a Zalando cluster: a volume per pod priced, its compute in the node price, its logical backups named as not estimated', () => {
  const lines = costEstimate('prod-operator');
  expect(lines.map((l) => [l.component, l.size, l.monthlyUsd?.toFixed(2) ?? l.note])).toEqual([
    ['Data disks of postgres-cluster (default class)', '3 × 50Gi', '18.00'],
    ['Compute of postgres-cluster (3 pods)', 'requests 500m/2Gi, limits -/4Gi', undefined],
    ['Logical backups of postgres-cluster', '7 days kept', "not estimated: the operator's bucket, priced by what the dumps hold"],
  ]);
  expect(renderCostTable(lines)).toContain('| **total** (of the lines with a price) | | **18.00** |');
});

test('Amazon EFS is elastic: named, with why it has no price, never a 0.00 that looks like a price', () => {
  const lines = costEstimate('aws-efs');
  const efs = lines.find((l) => l.component.startsWith('EFS file system of postgres-pv'))!;
  expect([efs.size, efs.monthlyUsd, efs.note]).toEqual(['elastic', undefined, 'not estimated: Amazon EFS bills the data stored, which grows with the database']);
  // The total is the backup claim's alone: the EFS line adds nothing that looks like a price.
  const backup = lines.find((l) => l.component === 'Backup storage postgres-backup')!;
  expect(renderCostTable(lines)).toContain(`| **total** (of the lines with a price) | | **${backup.monthlyUsd!.toFixed(2)}** |`);
});
