import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { join } from 'path';
import { runReview } from '../lib/cli/review-command';
import { toYaml } from '../lib/core/yaml-text';
import { KubeObject, loadDist } from './support/manifests';
import { RUN_ROOT_ENV } from './support/run-root-env';

// The package's review over output folders as a consumer has them: a manifest file and a Terraform
// stack named after it (`aws-efs-workload` deploys `aws-efs`), holding the same objects.

const dir = mkdtempSync(join(process.env[RUN_ROOT_ENV]!, 'review-bin-'));
const config = (objects: KubeObject[]) => objects.find((o) => o.kind === 'ConfigMap' && typeof o.data?.['postgresql.conf'] === 'string')!;

/** A folder with `aws-efs.k8s.yaml` and stack `aws-efs-workload` deploying its objects, work_mem set to `workMem`. */
function folder(name: string, workMem: string): string {
  const objects = structuredClone(loadDist()['aws-efs']);
  const conf = config(objects);
  conf.data['postgresql.conf'] = conf.data['postgresql.conf'].replace(/^work_mem = .*$/m, `work_mem = '${workMem}'`);
  const path = join(dir, name);
  mkdirSync(join(path, 'stacks', 'aws-efs-workload'), { recursive: true });
  writeFileSync(join(path, 'aws-efs.k8s.yaml'), toYaml(objects));
  const resources = Object.fromEntries(objects.map((o, i) => [`Workload_${o.kind}_${i}`, { manifest: o }]));
  writeFileSync(join(path, 'stacks', 'aws-efs-workload', 'cdk.tf.json'), JSON.stringify({ resource: { kubernetes_manifest: resources } }));
  return name;
}

test('a stack named after a manifest file is its environment: the change is said once, with both ways to apply it', () => {
  expect(config(loadDist()['aws-efs']).data['postgresql.conf']).toMatch(/^work_mem = /m);
  const [before, after] = [folder('before', '4MB'), folder('after', '8MB')];
  let out = '';
  expect(runReview(['--before', before, '--after', after, '--format', 'json'], dir, (text) => { out += text; })).toBe(0);
  const findings = JSON.parse(out).findings as Array<{ environment: string; target: string; path: string; steps: string[] }>;
  expect(findings.map((f) => `${f.environment} ${f.target} ${f.path}`)).toEqual([`aws-efs ConfigMap/${config(loadDist()['aws-efs']).metadata.namespace}/${config(loadDist()['aws-efs']).metadata.name} data["postgresql.conf"].work_mem`]);
  expect(findings[0].steps[0]).toBe('kubectl apply -f after/aws-efs.k8s.yaml   (or npx cdktf deploy aws-efs-workload)');
});
