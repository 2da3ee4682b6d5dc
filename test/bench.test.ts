import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesizeFleet } from '../bench/fleet';
import { parseManifest } from './support/manifests';
import { checkSecurityBaseline } from './support/policy';
import { validateObject } from './support/schema';

test('the benchmark fleet is real: every instance is a full, valid, policy-clean deployment', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'fleet-test-'));
  try {
    synthesizeFleet(3, outdir);
    const files = readdirSync(outdir).sort();
    expect(files).toEqual(['db-0000.k8s.yaml', 'db-0001.k8s.yaml', 'db-0002.k8s.yaml']);
    for (const file of files) {
      const objects = parseManifest(readFileSync(join(outdir, file), 'utf8'));
      expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'ConfigMap', 'CronJob', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'Service', 'Service', 'StatefulSet']);
      expect(objects.flatMap(validateObject)).toEqual([]);
      expect(checkSecurityBaseline(objects)).toEqual([]);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
