import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { toYaml } from '../lib/core/yaml-text';
import { runGrowCommand } from '../lib/cli/grow-command';
import { byConsumer, CONSUMER_APP } from './review-corpus/paths';
import { writeStandIn } from './support/stand-in';
import { KubeObject, REPO_ROOT } from './support/manifests';
import { RUN_ROOT_ENV } from './support/run-root-env';

// `npx cdk8s-postgres grow` on a consumer's synthesized file (docs/library.md, "SchemaInitJob"'s app), and
// its script run by sh against stand-ins: kubectl answers from a claim file it patches offline,
// `npx cdk8s synth` writes the app's output with the new size, and the script's own
// `npx cdk8s-postgres grow … --check-declared` is the package's command.

/** `npx cdk8s-postgres grow <args>` from the sources: main.ts's handling of the grow command's result. */
const RUN_COMMAND = 'const r = require(process.argv[1]).runGrowCommand(process.argv.slice(2)); process.stdout.write(r.stdout); process.stderr.write(r.stderr); process.exitCode = r.status;';
const scratch = mkdtempSync(join(process.env[RUN_ROOT_ENV]!, 'grow-bin-'));
const rendered = (size: string) => byConsumer({ ...CONSUMER_APP, server: { ...CONSUMER_APP.server, storage: { size } } }).manifests.get('shop')! as KubeObject[];
const before = toYaml(rendered('10Gi'));
const after = toYaml(rendered('20Gi'));
const file = 'dist/shop.k8s.yaml';
mkdirSync(join(scratch, 'dist'));
const grow = (...args: string[]) => {
  const cwd = process.cwd();
  process.chdir(scratch);
  try {
    return runGrowCommand(args);
  } finally {
    process.chdir(cwd);
  }
};

test('prints the script for the StatefulSet of a manifest file; --check-declared reads the file', () => {
  writeFileSync(join(scratch, file), before);
  const { stdout, status } = grow(file, 'orders-db', '20Gi');
  expect(status).toBe(0);
  const lines = stdout.split('\n');
  expect(lines).toContain(`kubectl patch pvc data-orders-db-0 -n shop --type merge -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`);
  expect(lines).toContain(`if ! (npx cdk8s synth && npx --no-install cdk8s-postgres grow ${file} orders-db 20Gi --check-declared); then`);
  expect(lines.slice(-5)).toEqual(['npx cdk8s synth', 'kubectl delete statefulset orders-db -n shop --cascade=orphan --ignore-not-found', `kubectl apply -f ${file}`, 'kubectl rollout status statefulset/orders-db -n shop --timeout=10m', '']);
  expect(grow(file, 'orders-db', '20Gi', '--check-declared')).toEqual({ stdout: '', stderr: `StatefulSet shop/orders-db in ${file} declares 10Gi, not 20Gi: set storage.size to '20Gi' in the code of the app that writes ${file}\n`, status: 1 });
  expect(grow(file, 'orders-db', '10Gi', '--check-declared')).toEqual({ stdout: '', stderr: `StatefulSet shop/orders-db in ${file} declares 10Gi\n`, status: 0 });
});

test.each([
  [[file, 'orders', '20Gi'], 1, `${file} has no StatefulSet, postgresql or CloudNativePG Cluster named orders (it has: StatefulSet shop/orders-db)`],
  [[file, 'orders-db', '5Gi'], 1, `StatefulSet shop/orders-db in ${file} declares 10Gi; 5Gi is smaller, and Kubernetes never shrinks a claim (move the data to a smaller claim with a backup and a restore instead)`],
  [[file, 'orders-db', '20Gi', '--namespace', 'default'], 1, `${file} has no StatefulSet, postgresql or CloudNativePG Cluster named orders-db in namespace default (it has: StatefulSet shop/orders-db)`],
  [[file, 'orders-db'], 2, 'give the manifest file, the name and the size (got 2 of them); usage: npx cdk8s-postgres grow'],
  [['dist/none.k8s.yaml', 'orders-db', '20Gi'], 2, 'cannot read dist/none.k8s.yaml'],
  [['dist/my shop.k8s.yaml', 'orders-db', '20Gi'], 2, "the manifest file 'dist/my shop.k8s.yaml' is not a plain path (letters, digits, '.', '_', '-' and '/')"],
])('%j: exit %i', (args, status, message) => {
  writeFileSync(join(scratch, file), before);
  const result = grow(...args);
  expect([result.status, result.stdout]).toEqual([status, '']);
  expect(result.stderr.startsWith(message)).toBe(true);
});

test('the script, run by sh: checks the class, patches and waits, stops until the app declares the size, then creates the StatefulSet again', () => {
  const bin = join(scratch, 'bin');
  const log = join(scratch, 'calls.log');
  const claim = join(scratch, 'claim.json');
  mkdirSync(bin, { recursive: true });
  const kubectl = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
  const sts = rendered('10Gi').find((o) => o.kind === 'StatefulSet')!;
  const template = sts.spec.volumeClaimTemplates[0];
  writeFileSync(claim, JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { ...template.metadata, name: 'data-orders-db-0', namespace: 'shop' }, spec: template.spec }));
  const fake = (name: string, body: string) => writeStandIn(bin, log, name, body);
  fake('kubectl', `
case "$1 $2" in
  "get pvc") printf standard ;;
  "get storageclass") printf true ;;
  "patch pvc") "${kubectl}" patch -f "${claim}" --local --type merge -p "$9" -o json > "${claim}.next" && mv "${claim}.next" "${claim}" ;;
  "wait --for=jsonpath={.status.capacity.storage}="*) [ "\${2##*=}" = "$("${kubectl}" patch -f "${claim}" --local --type merge -p '{}' -o 'jsonpath={.spec.resources.requests.storage}')" ] ;;
esac
`);
  // npx cdk8s synth writes what the app renders now (the file "next"); npx cdk8s-postgres is the package's command
  fake('npx', `
case "$1 $2" in
  "cdk8s synth") cp next ${file} ;;
  "--no-install cdk8s-postgres") shift 3; exec node -r "${join(REPO_ROOT, 'scripts', 'register-ts.js')}" -e "${RUN_COMMAND}" "${join(REPO_ROOT, 'lib', 'cli', 'grow-command.ts')}" "$@" ;;
esac
`);
  writeFileSync(join(scratch, file), before);
  const script = grow(file, 'orders-db', '20Gi').stdout;
  const run = () => spawnSync('sh', ['-c', script], { cwd: scratch, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, KUBECONFIG: join(scratch, 'no-kubeconfig') } });
  const calls = () => readFileSync(log, 'utf8').trim().split('\n');

  // the app still declares 10Gi: the claims grow, then the script stops before the StatefulSet is touched
  writeFileSync(join(scratch, 'next'), before);
  const first = run();
  expect([first.status, first.stderr.trim().split('\n').pop()]).toEqual([1, `The claims have grown to 20Gi. Declare it in the code of the app that writes ${file} and run this script again.`]);
  expect(JSON.parse(readFileSync(claim, 'utf8')).spec.resources.requests.storage).toBe('20Gi');
  expect(calls().some((c) => c.startsWith('kubectl delete'))).toBe(false);

  // declared: the second run creates the StatefulSet again
  writeFileSync(join(scratch, 'next'), after);
  writeFileSync(log, '');
  const second = run();
  expect([second.status, second.stderr]).toEqual([0, `StatefulSet shop/orders-db in ${file} declares 20Gi\n`]);
  expect(calls().slice(-4)).toEqual([
    'npx cdk8s synth',
    'kubectl delete statefulset orders-db -n shop --cascade=orphan --ignore-not-found',
    `kubectl apply -f ${file}`,
    'kubectl rollout status statefulset/orders-db -n shop --timeout=10m',
  ]);
});

test("a CloudNativePG Cluster of a manifest file: the operator's plan, and --check-declared reads the Cluster's storage.size", () => {
  writeFileSync(join(scratch, 'dist', 'orders-cnpg.k8s.yaml'), readFileSync(join(REPO_ROOT, 'dist', 'prod-cnpg.k8s.yaml'), 'utf8'));
  const { stdout, status } = grow('dist/orders-cnpg.k8s.yaml', 'postgres-cluster', '80Gi');
  expect(status).toBe(0);
  expect(stdout).toContain("claims=$(kubectl get pvc -n microservices -l cnpg.io/cluster=postgres-cluster -o jsonpath='{.items[*].metadata.name}')\n");
  expect(stdout.split('\n').filter((l) => l.startsWith('kubectl patch'))).toEqual([]);
  expect(grow('dist/orders-cnpg.k8s.yaml', 'postgres-cluster', '50Gi', '--check-declared').status).toBe(0);
  expect(grow('dist/orders-cnpg.k8s.yaml', 'postgres-cluster', '40Gi').stderr).toContain("can't shrink existing storage");
  // a Cluster the operator would not resize, and one whose claims come from a template: refused, not planned
  const text = readFileSync(join(REPO_ROOT, 'dist', 'prod-cnpg.k8s.yaml'), 'utf8');
  writeFileSync(join(scratch, 'dist', 'orders-cnpg.k8s.yaml'), text.replace('    size: 50Gi\n', '    size: 50Gi\n    resizeInUseVolumes: false\n'));
  expect(grow('dist/orders-cnpg.k8s.yaml', 'postgres-cluster', '80Gi')).toMatchObject({ status: 1, stderr: expect.stringContaining('sets storage.resizeInUseVolumes false: the operator does not resize its claims') });
  writeFileSync(join(scratch, 'dist', 'orders-cnpg.k8s.yaml'), text.replace('    size: 50Gi\n', '    pvcTemplate: { resources: { requests: { storage: 50Gi } } }\n'));
  expect(grow('dist/orders-cnpg.k8s.yaml', 'postgres-cluster', '80Gi')).toMatchObject({ status: 1, stderr: expect.stringContaining('declares no storage.size (its claims come from storage.pvcTemplate)') });
});
