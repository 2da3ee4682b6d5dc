import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as cdk8s from 'cdk8s';
import { cliFloorProjects } from '../bench/cli-floor';
import { fleetApp } from '../bench/consumer/fleet';
import * as lib from '../lib';
import { synth } from './support/manifests';
import { checkSecurityBaseline } from './support/policy';
import { validateObject } from './support/schema';

/** The benchmark's fleet (bench/consumer/fleet.js, run against the packed package by `npm run bench`), with the library's sources. */
describe('the benchmark fleet is real', () => {
  test.each(['one-chart', 'chart-per-server'] as const)('%s: every server is a full, valid, policy-clean deployment with its schema Job', (layout) => {
    const app = fleetApp(cdk8s, lib, 3, layout, '/nonexistent');
    const objects = app.charts.flatMap((chart) => synth(chart));
    expect(app.charts).toHaveLength(layout === 'one-chart' ? 1 : 3);
    const kinds = objects.map((o) => o.kind).sort();
    expect(kinds).toEqual(['ConfigMap', 'ConfigMap', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'StatefulSet'].flatMap((k) => [k, k, k]).sort());
    expect(objects.flatMap(validateObject)).toEqual([]);
    expect(checkSecurityBaseline(objects)).toEqual([]);
  });
});

/** The floor projects of bench/cli-floor.ts: their apps leave what each CLI reads after the app. */
describe("the benchmark's CLI floors", () => {
  test('the cdk8s app makes its output folder; the cdktf app writes a manifest of cdktf\'s version without stacks', () => {
    const work = mkdtempSync(join(tmpdir(), 'cli-floor-'));
    try {
      const projects = cliFloorProjects(work, join(__dirname, '..'));
      const k8sOut = join(work, 'k8s-out');
      const tfOut = join(work, 'tf-out');
      execFileSync(process.execPath, ['app.js'], { cwd: projects.cdk8s, env: { ...process.env, CDK8S_OUTDIR: k8sOut } });
      execFileSync(process.execPath, ['app.js'], { cwd: projects.cdktf, env: { ...process.env, CDKTF_OUTDIR: tfOut } });
      expect(existsSync(k8sOut)).toBe(true);
      expect(JSON.parse(readFileSync(join(tfOut, 'manifest.json'), 'utf8'))).toEqual({ version: require('cdktf/package.json').version, stacks: {} });
      expect(readFileSync(join(projects.cdk8s, 'cdk8s.yaml'), 'utf8')).toContain('app: node app.js');
      expect(JSON.parse(readFileSync(join(projects.cdktf, 'cdktf.json'), 'utf8')).app).toBe('node app.js');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
