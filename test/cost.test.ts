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
