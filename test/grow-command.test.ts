import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { canonicalSize, GROW_USAGE, parseGrowArgs, runGrow, TERRAFORM_STACKS } from '../apps/grow';
import { writeStandIn } from './support/stand-in';
import { KubeObject, loadDist, REPO_ROOT } from './support/manifests';
import { shellcheck } from './support/shellcheck';

const dist = loadDist();

/** The command in this process; `npmRunGrow` runs it as a user does, for the wiring of its output and exit status. */
function grow(...args: string[]) {
  return runGrow(args);
}
function npmRunGrow(...args: string[]) {
  return spawnSync('npm', ['run', '--silent', 'grow', '--', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

const KUBECTL = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
const scratch = mkdtempSync(join(tmpdir(), 'grow-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// kubectl reads no kubeconfig: everything below runs offline.
const OFFLINE = { ...process.env, KUBECONFIG: join(scratch, 'no-kubeconfig') };

function statefulSet(environment: string, name: string): KubeObject {
  const found = dist[environment].find((o) => o.kind === 'StatefulSet' && o.metadata.name === name);
  if (!found) throw new Error(`no StatefulSet ${name} in dist/${environment}.k8s.yaml`);
  return found;
}

/** Each claim as the StatefulSet controller creates it from the volumeClaimTemplates in dist/. */
function renderedClaims(sts: KubeObject): KubeObject[] {
  return sts.spec.volumeClaimTemplates.flatMap((t: KubeObject) => Array.from({ length: sts.spec.replicas ?? 1 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { ...t.metadata, name: `${t.metadata.name}-${sts.metadata.name}-${i}`, namespace: sts.metadata.namespace },
    spec: t.spec,
  })));
}

const PATCH_LINE = /^kubectl patch pvc (\S+) -n (\S+) --type merge -p '([^']*)'$/;

/** The claim after kubectl applies the patch body of a printed `kubectl patch` line (offline, --local). */
function kubectlPatched(claim: KubeObject, body: string): KubeObject {
  const file = join(scratch, `${claim.metadata.name}.json`);
  writeFileSync(file, JSON.stringify(claim));
  return JSON.parse(execFileSync(KUBECTL, ['patch', '-f', file, '--local', '--type', 'merge', '-p', body, '-o', 'json'], { encoding: 'utf8', env: OFFLINE }));
}

describe('npm run grow: StatefulSet servers', () => {
  const cases = [
    {
      args: ['minikube-dev', 'microservices', '10Gi'], sts: 'postgresql', ns: 'microservices', size: '10Gi', from: '5Gi', claims: ['data-postgresql-0'],
      warnings: ["WARNING: the claims declare no StorageClass, so they have the class that was the cluster's default when they were created; minikube's cannot grow: minikube's default class 'standard' (provisioner k8s.io/minikube-hostpath) sets no allowVolumeExpansion and its provisioner cannot resize; move the data to a larger claim of another class with a backup and a restore (docs/backups-and-restores.md). The script checks the live class before changing anything."],
      deploy: ['npx cdk8s synth --no-check-upgrade', 'kubectl delete statefulset postgresql -n microservices --cascade=orphan --ignore-not-found', 'kubectl apply -f dist/minikube-dev.k8s.yaml'],
    },
    {
      args: ['minikube-dev', 'dbaas-metadata', '2048Mi'], sts: 'dbaas-metadata-postgresql-local', ns: 'dbaas-dbaas-metadata', size: '2Gi', from: '1Gi', claims: ['data-dbaas-metadata-postgresql-local-0'],
      warnings: ["WARNING: StorageClass 'csi-hostpath-sc' is known not to allow expansion: minikube's csi-hostpath-driver addon creates 'csi-hostpath-sc' without allowVolumeExpansion (the driver itself can resize: the addon runs its csi-resizer); allow it first: kubectl patch storageclass csi-hostpath-sc -p '{\"allowVolumeExpansion\":true}'. The script checks the live class before changing anything."],
      deploy: ['npx cdk8s synth --no-check-upgrade', 'kubectl delete statefulset dbaas-metadata-postgresql-local -n dbaas-dbaas-metadata --cascade=orphan --ignore-not-found', 'kubectl apply -f dist/minikube-dev.k8s.yaml'],
    },
    {
      args: ['solid-cloud', 'titanium', '20Gi'], sts: 'postgresql', ns: 'titanium-prod', size: '20Gi', from: '10Gi', claims: ['data-postgresql-0'],
      warnings: ["WARNING: StorageClass 'local-path' is known not to allow expansion: 'local-path' (rancher.io/local-path) cannot resize claims (rancher/local-path-provisioner#190); its volumes are directories on the node without a quota, so the data can already use the node's free disk; leave the claims as they are (the size is not enforced) or move the data to a larger claim of another class with a backup and a restore (docs/backups-and-restores.md). The script checks the live class before changing anything."],
      deploy: ['npx cdk8s synth --no-check-upgrade', 'kubectl delete statefulset postgresql -n titanium-prod --cascade=orphan --ignore-not-found', 'kubectl apply -f dist/solid-cloud.k8s.yaml'],
    },
    {
      args: ['aks-phonebill-dev', 'product-change', '40Gi', '--terraform'], sts: 'postgresql-product-change', ns: 'phonebill-dev', size: '40Gi', from: '20Gi', claims: ['data-postgresql-product-change-0'],
      warnings: [],
      deploy: ['npx cdk8s synth --no-check-upgrade', 'kubectl delete statefulset postgresql-product-change -n phonebill-dev --cascade=orphan --ignore-not-found', expect.stringMatching(/^# Terraform creates it again \(stack aks-phonebill-dev\)/), 'npx cdktf deploy aks-phonebill-dev'],
    },
  ];
  const runs = cases.map((c) => ({ ...c, result: grow(...c.args) }));

  test.each(runs.map((r) => [r.args.join(' '), r]))('%s: prints the steps, warnings on stderr', (_, r) => {
    expect(r.result.status).toBe(0);
    expect(r.result.stderr.split('\n').filter(Boolean)).toEqual(r.warnings);
    const lines = r.result.stdout.split('\n');
    expect(lines[0]).toBe('#!/bin/sh');
    expect(lines).toContain('set -eu');
    // Every claim: checked, patched, waited for, in this order.
    const patches = lines.filter((l) => l.startsWith('kubectl patch'));
    expect(patches).toEqual(r.claims.map((claim) => `kubectl patch pvc ${claim} -n ${r.ns} --type merge -p '{"spec":{"resources":{"requests":{"storage":"${r.size}"}}}}'`));
    expect(lines.filter((l) => l.startsWith('kubectl wait'))).toEqual(r.claims.map((claim) => `kubectl wait --for=jsonpath='{.status.capacity.storage}'=${r.size} pvc/${claim} -n ${r.ns} --timeout=10m`));
    expect(lines.filter((l) => l.startsWith('allows_expansion '))).toEqual(r.claims.map((claim) => `allows_expansion ${claim}`));
    expect(lines).toContain(`#    environments/${r.args[0]}.ts, server '${r.args[1]}', storage.size: '${r.from}' -> '${r.size}'.`);
    expect(lines).toContain(`if ! npm run --silent grow -- ${r.args[0]} ${r.args[1]} ${r.size} --check-declared; then`);
    const first = lines.indexOf(r.deploy[0] as string);
    expect(lines.slice(first, first + r.deploy.length)).toEqual(r.deploy);
    expect(lines.indexOf(patches[0])).toBeGreaterThan(lines.indexOf(`allows_expansion ${r.claims[0]}`));
    expect(first).toBeGreaterThan(lines.indexOf(`if ! npm run --silent grow -- ${r.args[0]} ${r.args[1]} ${r.size} --check-declared; then`));
    expect(lines).toContain(`kubectl rollout status statefulset/${r.sts} -n ${r.ns} --timeout=10m`);
  });

  test.each(runs.map((r) => [r.args.join(' '), r]))('%s: shellcheck finds nothing', (_, r) => {
    const checked = shellcheck('sh', r.result.stdout);
    expect(checked.stdout).toBe('');
    expect(checked.status).toBe(0);
  });

  test.each(runs.map((r) => [r.args.join(' '), r]))('%s: kubectl applies each patch body to the claim the StatefulSet in dist/ creates, changing only its size', (_, r) => {
    const claims = renderedClaims(statefulSet(r.args[0], r.sts));
    expect(claims.map((c) => c.metadata.name)).toEqual(r.claims);
    const patches = r.result.stdout.split('\n').map((l) => PATCH_LINE.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(patches).toHaveLength(claims.length);
    for (const [, name, namespace, body] of patches) {
      const claim = claims.find((c) => c.metadata.name === name)!;
      expect(namespace).toBe(claim.metadata.namespace);
      expect(claim.spec.resources.requests.storage).toBe(r.from);
      const patched = kubectlPatched(claim, body);
      expect(patched).toEqual({ ...claim, spec: { ...claim.spec, resources: { ...claim.spec.resources, requests: { storage: r.size } } } });
    }
  });

  test('solid-cloud without --terraform names its stack as the other way', () => {
    expect(runs[2].result.stdout).toContain('# Deployed with Terraform (stack solid-cloud)? Print the script with --terraform instead.');
    expect(runs[0].result.stdout).not.toContain('Deployed with Terraform');
  });
});

describe('the printed script, run by sh against a stand-in for the cluster', () => {
  // kubectl answers from files: get (the class and whether it expands), patch (applied by the real
  // kubectl, offline, to the claim rendered from dist/), wait (the capacity follows the request, as
  // a resizer sets it); everything else is logged. npm and npx are the real ones unless replaced.
  const bin = join(scratch, 'bin');
  const state = join(scratch, 'cluster');
  const log = join(scratch, 'calls.log');
  const fake = (name: string, body: string) => writeStandIn(bin, log, name, body);
  const script = grow('minikube-dev', 'microservices', '10Gi').stdout;

  beforeEach(() => {
    rmSync(bin, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
    rmSync(log, { force: true });
    mkdirSync(bin, { recursive: true });
    mkdirSync(state, { recursive: true });
    for (const claim of renderedClaims(statefulSet('minikube-dev', 'postgresql'))) writeFileSync(join(state, `${claim.metadata.name}.json`), JSON.stringify(claim));
    fake('kubectl', `
case "$1 $2" in
  "get pvc") cat "${state}/class" ;;
  "get storageclass") cat "${state}/expands" ;;
  "patch pvc")
    [ "$6 $7 $8" = "--type merge -p" ] || exit 9
    "${KUBECTL}" patch -f "${state}/$3.json" --local --type merge -p "$9" -o json > "${state}/next" && mv "${state}/next" "${state}/$3.json" ;;
  "wait --for=jsonpath={.status.capacity.storage}="*)
    claim=\${3#pvc/}
    want=\${2##*=}
    have=$("${KUBECTL}" patch -f "${state}/$claim.json" --local --type merge -p '{}' -o 'jsonpath={.spec.resources.requests.storage}')
    [ "$want" = "$have" ] ;;
esac
`);
    writeFileSync(join(state, 'class'), 'standard');
  });

  const run = () => spawnSync('sh', ['-c', script], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...OFFLINE, PATH: `${bin}:${process.env.PATH}` } });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  const claimSize = () => JSON.parse(readFileSync(join(state, 'data-postgresql-0.json'), 'utf8')).spec.resources.requests.storage;

  test('a class without expansion: stops before any change', () => {
    writeFileSync(join(state, 'expands'), '');
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("StorageClass 'standard' of claim data-postgresql-0 does not allow volume expansion (allowVolumeExpansion is not true); nothing was changed\n");
    expect(calls()).toEqual(['kubectl get pvc data-postgresql-0 -n microservices -o jsonpath={.spec.storageClassName}', 'kubectl get storageclass standard -o jsonpath={.allowVolumeExpansion}']);
    expect(claimSize()).toBe('5Gi');
  });

  test('first run: grows the claim, then stops until the environment declares the size (the real check)', () => {
    writeFileSync(join(state, 'expands'), 'true');
    const result = run();
    expect(result.status).toBe(1);
    expect(claimSize()).toBe('10Gi');
    expect(result.stderr).toBe([
      "environment 'minikube-dev' server 'microservices' declares 5Gi, not 10Gi: set storage.size to '10Gi' in environments/minikube-dev.ts",
      'The claims have grown to 10Gi. Declare it in environments/minikube-dev.ts and run this script again.',
      '',
    ].join('\n'));
    expect(calls().slice(2)).toEqual([
      `kubectl patch pvc data-postgresql-0 -n microservices --type merge -p {"spec":{"resources":{"requests":{"storage":"10Gi"}}}}`,
      'kubectl wait --for=jsonpath={.status.capacity.storage}=10Gi pvc/data-postgresql-0 -n microservices --timeout=10m',
    ]);
  });

  test('second run, the size declared: deletes the StatefulSet without its pods, then applies dist/', () => {
    writeFileSync(join(state, 'expands'), 'true');
    fake('npm', '');
    fake('npx', '');
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(calls().slice(2)).toEqual([
      `kubectl patch pvc data-postgresql-0 -n microservices --type merge -p {"spec":{"resources":{"requests":{"storage":"10Gi"}}}}`,
      'kubectl wait --for=jsonpath={.status.capacity.storage}=10Gi pvc/data-postgresql-0 -n microservices --timeout=10m',
      'npm run --silent grow -- minikube-dev microservices 10Gi --check-declared',
      'npx cdk8s synth --no-check-upgrade',
      'kubectl delete statefulset postgresql -n microservices --cascade=orphan --ignore-not-found',
      'kubectl apply -f dist/minikube-dev.k8s.yaml',
      'kubectl rollout status statefulset/postgresql -n microservices --timeout=10m',
    ]);
  });
});

describe('npm run grow: other backends', () => {
  test('EFS: elastic, nothing to grow, exit 0', () => {
    const result = grow('aws-efs', 'postgres', '40Gi');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('EFS is elastic: it grows with the data and');
    expect(result.stdout).toContain("# enforces no capacity (the claim's 20Gi is a number Kubernetes requires, not a limit).");
    expect(result.stdout.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
    expect(shellcheck('sh', result.stdout).status).toBe(0);
  });

  test('Zalando: the operator resizes; the script declares and applies, and patches no claim', () => {
    const result = grow('prod-operator', 'microservices', '100Gi');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => /^kubectl (patch|delete|wait)/.test(l))).toEqual([]);
    const prose = result.stdout.replace(/\n# /g, ' ');
    expect(prose).toContain('The operator resizes them: change volume.size in the postgresql resource and it patches each claim pgdata-postgres-cluster-<n> itself');
    expect(prose).toContain('as its setting storage_resize_mode says (default "pvc": it changes the claims and leaves the resize to Kubernetes and the StorageClass;');
    expect(prose).toContain('It can only enlarge volumes.');
    expect(lines.filter((l) => l.startsWith('allows_expansion '))).toEqual(['allows_expansion pgdata-postgres-cluster-0', 'allows_expansion pgdata-postgres-cluster-1', 'allows_expansion pgdata-postgres-cluster-2']);
    expect(lines).toContain("# 2. Declare the new size: environments/prod-operator.ts, server 'microservices', storage.size: '50Gi' -> '100Gi'.");
    const declare = lines.indexOf('npm run --silent grow -- prod-operator microservices 100Gi --check-declared');
    expect(lines.slice(declare + 3, declare + 5)).toEqual(['npx cdk8s synth --no-check-upgrade', 'kubectl apply -f dist/prod-operator.k8s.yaml']);
    expect(shellcheck('sh', result.stdout).stdout).toBe('');
    expect(grow('prod-operator', 'microservices', '100Gi', '--terraform').stdout).toContain('\nnpx cdktf deploy prod-operator\n');
  });
});

describe('npm run grow: CloudNativePG', () => {
  const result = grow('prod-cnpg', 'microservices', '100Gi');
  // The operator numbers its claims itself (<cluster>-<serial>, serials grow as instances are
  // replaced): the script finds them by the label the operator lists them by
  // (internal/controller/cluster_restore.go: cnpg.io/cluster=<name>).
  const bin = join(scratch, 'cnpg-bin');
  const log = join(scratch, 'cnpg-calls.log');
  const run = (expandable: string, claims = 'postgres-cluster-1 postgres-cluster-4 postgres-cluster-5') => {
    rmSync(bin, { recursive: true, force: true });
    rmSync(log, { force: true });
    mkdirSync(bin, { recursive: true });
    writeStandIn(bin, log, 'kubectl', `
case "$1 $2" in
  "get pvc") if [ "$3" = -n ]; then cat "${bin}/claims"; else echo gp3; fi ;;
  "get storageclass") echo "${expandable}" ;;
esac
`);
    writeStandIn(bin, log, 'npm', '');
    writeStandIn(bin, log, 'npx', '');
    writeFileSync(join(bin, 'claims'), claims);
    const done = spawnSync('sh', ['-c', result.stdout], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...OFFLINE, PATH: `${bin}:${process.env.PATH}` } });
    return { ...done, calls: readFileSync(log, 'utf8').trim().split('\n') };
  };

  test('the operator resizes: the script checks every claim it labels, declares and applies, and patches none', () => {
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout.replace(/\n# /g, ' ')).toContain('The operator resizes them: change storage.size in the Cluster and it patches each instance\'s claim in place, without a restart (resizeInUseVolumes, on by default)');
    expect(shellcheck('sh', result.stdout).stdout).toBe('');
    const ran = run('true');
    expect([ran.status, ran.stderr]).toEqual([0, '']);
    expect(ran.calls).toEqual([
      "kubectl get pvc -n microservices -l cnpg.io/cluster=postgres-cluster -o jsonpath={.items[*].metadata.name}",
      ...['1', '4', '5'].flatMap((serial) => [`kubectl get pvc postgres-cluster-${serial} -n microservices -o jsonpath={.spec.storageClassName}`, 'kubectl get storageclass gp3 -o jsonpath={.allowVolumeExpansion}']),
      'npm run --silent grow -- prod-cnpg microservices 100Gi --check-declared',
      'npx cdk8s synth --no-check-upgrade',
      'kubectl apply -f dist/prod-cnpg.k8s.yaml',
      'kubectl get pvc -n microservices -l cnpg.io/cluster=postgres-cluster',
    ]);
  });

  test('a class without expansion stops the script before anything changes', () => {
    const ran = run('');
    expect(ran.status).toBe(1);
    expect(ran.stderr).toBe("StorageClass 'gp3' of claim postgres-cluster-1 does not allow volume expansion (allowVolumeExpansion is not true); nothing was changed\n");
    expect(ran.calls.some((c) => c.startsWith('npx') || c.startsWith('kubectl apply'))).toBe(false);
  });

  test('no claim with the label (a wrong context, the cluster not there yet) stops the script before anything changes', () => {
    const ran = run('true', '');
    expect(ran.status).toBe(1);
    expect(ran.stderr).toBe('No claim labelled cnpg.io/cluster=postgres-cluster in namespace microservices; nothing was changed\n');
    expect(ran.calls.some((c) => c.startsWith('npx') || c.startsWith('kubectl apply'))).toBe(false);
  });

  test('the server by the name it renders (the Cluster\'s, as the review prints it) plans the same', () => {
    const byName = grow('prod-cnpg', 'postgres-cluster', '100Gi');
    expect([byName.status, byName.stderr]).toEqual([0, '']);
    expect(byName.stdout.split('\n').filter((l) => l.startsWith('kubectl') || l.startsWith('claims='))).toEqual(result.stdout.split('\n').filter((l) => l.startsWith('kubectl') || l.startsWith('claims=')));
  });

  test('a smaller size is refused, as the operator\'s webhook refuses it', () => {
    const smaller = grow('prod-cnpg', 'microservices', '40Gi');
    expect(smaller.status).toBe(1);
    expect(smaller.stderr).toContain("environment 'prod-cnpg' server 'microservices' declares 50Gi; 40Gi is smaller, and the operator's webhook refuses a smaller size (\"can't shrink existing storage\"");
  });
});

describe('npm run grow in the state a pull request leaves', () => {
  test('the size the environment declares already is planned (the claims have not grown yet), by id or by the rendered name', () => {
    const byId = grow('minikube-dev', 'microservices', '5120Mi');
    expect(byId.status).toBe(0);
    expect(byId.stdout.replace(/\n# /g, ' ')).toContain("(StatefulSet postgresql in namespace microservices, 1 replica) to 5Gi, which the environment already declares (the claims keep their size until they are patched)");
    expect(byId.stdout).toContain("#    environments/minikube-dev.ts, server 'microservices', storage.size: '5Gi' (declared already).");
    const byName = grow('minikube-dev', 'postgresql', '5Gi');
    expect(byName.status).toBe(0);
    expect(byName.stdout.split('\n').filter((l) => l.startsWith('kubectl '))).toEqual(byId.stdout.split('\n').filter((l) => l.startsWith('kubectl ')));
  });
});

describe('npm run grow: refusals', () => {
  test.each([
    [['minikube-dev', 'microservices', '4Gi'], 1, "environment 'minikube-dev' server 'microservices' declares 5Gi; 4Gi is smaller, and Kubernetes never shrinks a claim (move the data to a smaller claim with a backup and a restore instead)"],
    [['prod-operator', 'microservices', '40Gi'], 1, "environment 'prod-operator' server 'microservices' declares 50Gi; 40Gi is smaller, and the operator can only enlarge volumes (shrinking means a new cluster, or deleting each claim with its pod)"],
    [['staging', 'microservices', '10Gi'], 2, "unknown environment 'staging' (known: minikube-dev, solid-cloud, aks-phonebill-dev, aws-efs, prod-operator, prod-cnpg)"],
    [['minikube-devv', 'microservices', '10Gi'], 2, "unknown environment 'minikube-devv'; did you mean 'minikube-dev'? (known: minikube-dev, solid-cloud, aks-phonebill-dev, aws-efs, prod-operator, prod-cnpg)"],
    [['minikube-dev', 'orders', '10Gi'], 1, "environment 'minikube-dev' has no server 'orders' (servers: dbaas-metadata, microservices)"],
    [['minikube-dev', 'microservices', '10 GB'], 1, "size '10 GB' is not a whole number of one unit (e.g. '10Gi', '500Mi', '20G')"],
    [['minikube-dev', 'microservices', '1.5Gi'], 1, "size '1.5Gi' is not a whole number of one unit (e.g. '10Gi', '500Mi', '20G')"],
    [['minikube-dev', 'microservices', '10Gi', '--terraform'], 1, "environment 'minikube-dev' has no Terraform stack (stacks: solid-cloud, aks-phonebill-dev, aws-efs-workload for aws-efs, prod-operator); drop --terraform"],
    [['minikube-dev', 'microservices'], 2, 'usage: npm run --silent grow -- <environment> <server> <size> [--terraform]   (e.g. minikube-dev microservices 10Gi)'],
  ])('%j: exit %i', (args, status, message) => {
    const result = grow(...args);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.status).toBe(status);
  });

  test('as a user runs it: the script on stdout with status 0, a refusal on stderr with status 1, usage with 2', () => {
    const planned = npmRunGrow('minikube-dev', 'microservices', '10Gi');
    expect([planned.status, planned.stdout]).toEqual([0, grow('minikube-dev', 'microservices', '10Gi').stdout]);
    expect(npmRunGrow('minikube-dev', 'microservices', '4Gi')).toMatchObject({ status: 1, stdout: '', stderr: grow('minikube-dev', 'microservices', '4Gi').stderr });
    expect(npmRunGrow('minikube-dev')).toMatchObject({ status: 2, stdout: '', stderr: `${GROW_USAGE}\n` });
  });

  test('a size the operator\'s CRD refuses', () => {
    const result = grow('prod-operator', 'microservices', '60000001k');
    expect(result.stderr).toBe(`environment 'prod-operator' server 'microservices': size "60000001k" is not a quantity the CRD accepts (e.g. '50Gi')\n`);
    expect(result.status).toBe(1);
  });
});

describe('grow helpers', () => {
  test('sizes in the form the API server reports them', () => {
    expect(['10Gi', '10240Mi', '1048576Ki', '1024Gi', '1000Mi', '20G', '20000M', '1000000000', '1536Mi'].map(canonicalSize))
      .toEqual(['10Gi', '10Gi', '1Gi', '1Ti', '1000Mi', '20G', '20G', '1G', '1536Mi']);
    expect(() => canonicalSize('0Gi')).toThrow("size '0Gi' is not a whole number of one unit");
    expect(() => canonicalSize('1e9')).toThrow("size '1e9' is not a whole number of one unit");
  });

  test('options', () => {
    expect(parseGrowArgs(['a', 'b', '1Gi', '--terraform'])).toEqual({ environment: 'a', server: 'b', size: '1Gi', terraform: true, checkDeclared: false });
    expect(() => parseGrowArgs(['a', 'b', '1Gi', '--force'])).toThrow('unknown option --force');
  });

  test('every stack named exists and deploys its environment', () => {
    for (const [environment, stack] of Object.entries(TERRAFORM_STACKS)) {
      const source = readFileSync(join(REPO_ROOT, 'apps', 'stacks', `${stack}.ts`), 'utf8');
      expect(source).toContain(`from '../../environments/${environment}'`);
      expect(readFileSync(join(REPO_ROOT, 'apps', 'terraform.ts'), 'utf8')).toContain(`'${stack}'`);
    }
  });
});
