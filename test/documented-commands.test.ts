import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { buildTerraformApp } from '../apps/terraform';
import { AksPhonebillDevStack } from '../apps/stacks/aks-phonebill-dev';
import { aksPhonebillDev } from '../environments/aks-phonebill-dev';
import { prodCnpg } from '../environments/prod-cnpg';
import { EnvironmentChart, MajorUpgradeDeclaration } from '../lib';
import { CodeBlock, codeBlocks, documentationFiles } from './support/documentation';
import { objectsOf, readAsApplied } from './support/kubectl';
import { KubeObject, loadDist, REPO_ROOT, synth, testApp } from './support/manifests';
import { RUN_ROOT_ENV } from './support/run-root-env';
import { scratchRepository } from './support/scratch-repository';

// Every shell command of the README and docs/: run by sh as printed in a scratch clone, with
// stand-ins for the cluster, Azure, AWS and GitHub; or, where a block needs edits between its steps
// or a clean machine, parsed by sh and run against stand-ins only. Either way every name a command
// uses (file, namespace, object, pod, claim, stack, Terraform variable and output, npm script) is
// looked up in what the repository synthesizes.

/** Blocks not run as a whole, by their first line: why, and which test runs what they do. */
const NOT_RUN: Record<string, string> = {
  'npm ci && npx cdk8s synth --no-check-upgrade   # install, then write dist/<environment>.k8s.yaml for every environment':
    'a clean machine: .ci/run runs `npm ci` and `npm test` on a clean clone; test/undeclared-upgrade.test.ts runs `npx cdk8s synth --no-check-upgrade` in a scratch clone',
  '# 1. declare, then:': 'edits environments/aks-phonebill-dev.ts between its steps: test/majors/upgrade-14-to-17.test.ts renders the declaration and runs its Job on real servers',
  'npx cdk8s synth --no-check-upgrade && kubectl apply -f dist/prod-cnpg.k8s.yaml':
    'needs the drill declared in environments/prod-cnpg.ts first: test/cloudnativepg-cluster.test.ts renders a recovery to a point in time, and this test looks its names up in that rendering',
  "kubectl get configmap postgres-operator -n default -o jsonpath='{.data.major_version_upgrade_mode}'   # empty: the default":
    'edits environments/prod-operator.ts between its steps: test/zalando-major-version.test.ts checks the rendered version change',
  "# environments/prod-cnpg.ts: majorVersion 17 -> 18 (a backup first: kubectl cnpg backup, or wait for the night's)":
    "edits environments/prod-cnpg.ts between its steps: test/cloudnativepg-cluster.test.ts renders that edit and reviews it",
  'npm run --silent grow -- minikube-dev microservices 10Gi > /tmp/grow.sh   # read it':
    'edits environments/minikube-dev.ts between its steps: test/grow-command.test.ts runs the script by sh through both stops',
  'npx cdk8s-postgres grow dist/shop.k8s.yaml orders-db 20Gi > /tmp/grow.sh   # read it, then: sh /tmp/grow.sh':
    "a consumer repository's file: test/package.test.ts runs the packed package's grow there",
  'npx cdk8s-postgres secrets | kubectl create -f -        # every Secret, fresh passwords; once per cluster':
    "a consumer repository's app: test/package.test.ts runs the packed package's secrets there",
  "LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 FAKETIME='@2035-12-31 12:00:00' npm test   # apt-get install libfaketime":
    'the whole suite under another clock, run by hand',
};

/** What a block run as printed says on stderr, by its first line; nothing unless listed. */
const STDERR: Record<string, RegExp> = {
  // what the missing-Secrets script does, one line per Secret (the stand-in cluster has none)
  'kubectl get secrets -A -o json | npm run --silent secrets -- minikube-dev --missing-from - | sh':
    /^creates Secret dbaas-dbaas-metadata\/dbaas-metadata-postgresql-local\ncreates Secret microservices\/postgres-secret\ncreates Secret dbaas-dbaas-metadata\/dbaas-metadata-postgresql-local-tls\ncreates Secret microservices\/postgresql-tls\n$/,
  // openssl req's progress line as it makes the key
  'kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/v1.16.2/cert-manager.yaml': /^-----\n$/,
};

/** Objects a block's commands use that the cluster gets from elsewhere (the upstream manifests its block applies first). */
const INSTALLED_BY_UPSTREAM: Pick<KubeObject, 'kind' | 'metadata'>[] = [
  { kind: 'Deployment', metadata: { name: 'postgres-operator', namespace: 'default' } }, // github.com/zalando/postgres-operator/manifests
  { kind: 'ConfigMap', metadata: { name: 'postgres-operator', namespace: 'default' } },
  { kind: 'Namespace', metadata: { name: 'cert-manager' } }, // cert-manager.yaml
  { kind: 'Namespace', metadata: { name: 'cnpg-system' } }, // CloudNativePG's release manifest
  { kind: 'Deployment', metadata: { name: 'cnpg-controller-manager', namespace: 'cnpg-system' } },
];
const UPSTREAM_MANIFESTS = [
  /^github\.com\/zalando\/postgres-operator\/manifests$/,
  /^https:\/\/github\.com\/cert-manager\/cert-manager\/releases\/download\/v[\d.]+\/cert-manager\.yaml$/,
  /^https:\/\/raw\.githubusercontent\.com\/cloudnative-pg\/cloudnative-pg\/release-[\d.]+\/releases\/cnpg-[\d.]+\.yaml$/,
];

/** Programs a block may call that act on the cluster or a cloud: stand-ins in every run. */
const REMOTE = ['kubectl', 'minikube', 'az', 'kubelogin', 'psql', 'terraform', 'gh'];
/** Programs that run on the user's machine: real in a run, stand-ins when a block is only parsed. */
const LOCAL = ['npm', 'npx', 'sh', 'openssl', 'rm', 'git'];

const PACKAGE_SCRIPTS = Object.keys(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts);
const BIN_COMMANDS = ['review', 'grow', 'secrets'];

const terraformApp = buildTerraformApp('/nonexistent', {});
const stacks: Record<string, any> = Object.fromEntries(terraformApp.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)
  .map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack))]));

/** aks-phonebill-dev as docs/upgrading.md's three steps declare it. */
function declaredUpgrade(upgrade: MajorUpgradeDeclaration): KubeObject[] {
  const [server] = aksPhonebillDev.servers;
  if (server.backend.kind !== 'statefulSet') throw new Error('aks-phonebill-dev runs a StatefulSet');
  const upgraded = { ...server, majorVersion: 17, backend: { ...server.backend, upgrade } };
  return synth(new EnvironmentChart(testApp(), aksPhonebillDev.name, { ...aksPhonebillDev, servers: [upgraded] }));
}
/** prod-cnpg with the restore drill's second server, as docs/environments.md ("prod-cnpg") declares it. */
function restoreDrill(): KubeObject[] {
  const [server] = prodCnpg.servers;
  if (server.backend.kind !== 'cloudnativepg') throw new Error('prod-cnpg runs on CloudNativePG');
  const { backup, ...backend } = server.backend;
  const restored = { ...server, id: 'restored', name: 'postgres-cluster-restored', backend: { ...backend, recovery: { objectStore: backup!.objectStore, serverName: 'postgres-cluster-pg17', targetTime: '2026-12-01T09:30:00Z' } } };
  return synth(new EnvironmentChart(testApp(), prodCnpg.name, { ...prodCnpg, servers: [server, restored] }));
}
const KNOWN: KubeObject[] = [
  ...Object.values(loadDist()).flat(),
  ...restoreDrill(),
  ...declaredUpgrade({ fromMajorVersion: 14 }),
  ...declaredUpgrade({ fromMajorVersion: 14, serve: 'upgraded' }),
  ...INSTALLED_BY_UPSTREAM as KubeObject[],
];

/** One program call a block made: its arguments, where it ran, the TF_VAR_ names it saw, what it read on stdin. */
interface Call { readonly program: string; readonly args: string[]; readonly cwd: string; readonly tfVars: string[]; readonly stdin?: string }

const scratch = mkdtempSync(join(process.env[RUN_ROOT_ENV]!, 'documented-commands-'));
const REAL_NPX = execFileSync('sh', ['-c', 'command -v npx'], { encoding: 'utf8' }).trim();

/** A folder of stand-ins: each records its call (fields split by \x1e, arguments by \x1f) and its stdin when it reads `-f -`. */
function standIns(programs: string[], log: string): string {
  const bin = mkdtempSync(join(scratch, 'bin-'));
  for (const program of programs) {
    // absolute paths: where a block is only parsed, PATH holds the stand-ins alone; one write per
    // call, since the programs of a pipeline record at once
    const record = `stdin=""
case " $* " in *" -f - "*) stdin="${log}.$$"; /usr/bin/cat > "$stdin" ;; esac
line='${program}'; for a in "$@"; do line="$line$(printf '\\037')$a"; done
vars=$(/usr/bin/env | /usr/bin/sed -n 's/^\\(TF_VAR_[A-Za-z0-9_]*\\)=.*/\\1/p' | /usr/bin/sort | /usr/bin/tr '\\n' ' ')
printf '%s\\036%s\\036%s\\036%s\\n' "$line" "$(pwd)" "$vars" "$stdin" >> "${log}"`;
    const answer = program === 'kubectl' ? `case "$*" in "get secrets -A -o json") printf '{"apiVersion":"v1","kind":"List","items":[]}' ;; esac`
      : program === 'terraform' ? "printf '00000000-0000-0000-0000-000000000000'" : '';
    // npx is a stand-in for cdktf (it deploys to a cloud) and the real npx otherwise, when npx is real
    const body = program === 'npx' && !programs.includes('sh') ? `case "$1" in cdktf) ${record.replace(/\n/g, '\n  ')} ;; *) exec ${REAL_NPX} "$@" ;; esac` : `${record}\n${answer}`;
    writeFileSync(join(bin, program), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, program), 0o755);
  }
  return bin;
}

function callsIn(log: string): Call[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((line) => {
    const [argv, cwd, tfVars, stdinFile] = line.split('\x1e');
    const [program, ...args] = argv.split('\x1f');
    return { program, args, cwd, tfVars: tfVars.split(' ').filter(Boolean), stdin: stdinFile ? readFileSync(stdinFile, 'utf8') : undefined };
  });
}

// libfaketime (the block that runs the suite under another clock) makes a shared memory segment
// and a semaphore in /dev/shm named by the pid of each process that loads it, and 0.9.10 leaves
// both behind when the process ends (`sh -c true` under it leaves two files).
const SHARED_MEMORY = '/dev/shm';
const FAKETIME_FILE = /^(?:faketime_shm_|sem\.faketime_sem_)(\d+)$/;
const faketimeFiles = (): string[] => (existsSync(SHARED_MEMORY) ? readdirSync(SHARED_MEMORY).filter((f) => FAKETIME_FILE.test(f)) : []);
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs a block by sh in `cwd`; `/tmp/` in it is the scratch folder's. libfaketime's files of the
 * block's ended processes are removed; `leftInSharedMemory` is what the block left there all the same.
 */
function runBlock(block: CodeBlock, cwd: string, programs: string[]): { status: number | null; stderr: string; calls: Call[]; written: string[]; leftInSharedMemory: string[] } {
  const log = join(mkdtempSync(join(scratch, 'calls-')), 'calls');
  const bin = standIns(programs, log);
  const tmp = mkdtempSync(join(scratch, 'tmp-'));
  const onlyStandIns = programs.includes('sh');
  const before = new Set(faketimeFiles());
  const result = spawnSync('/bin/sh', ['-c', block.text.replaceAll('/tmp/', `${tmp}/`)], {
    cwd, encoding: 'utf8', input: '',
    env: { HOME: scratch, PATH: onlyStandIns ? bin : `${bin}:${process.env.PATH}`, CI: 'true' },
  });
  const made = faketimeFiles().filter((f) => !before.has(f));
  for (const file of made) if (!isRunning(Number(FAKETIME_FILE.exec(file)![1]))) rmSync(join(SHARED_MEMORY, file), { force: true });
  const leftInSharedMemory = faketimeFiles().filter((f) => !before.has(f));
  return { status: result.status, stderr: result.stderr, calls: callsIn(log), written: readdirSync(tmp).map((f) => join(tmp, f)), leftInSharedMemory };
}

/** Flags (`-n x`, `--var=x`, repeated ones kept) and the positional arguments of one call. */
function parseArgs(args: string[], valued: string[]): { flags: Map<string, string[]>; positional: string[] } {
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => flags.set(k, [...flags.get(k) ?? [], v]);
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positional.push(...args.slice(i + 1)); break; }
    const long = /^--([^=]+)=(.*)$/.exec(a);
    if (long) add(long[1], long[2]);
    else if (valued.includes(a)) add(a.replace(/^-+/, ''), args[++i]);
    else if (/^-/.test(a)) add(a.replace(/^-+/, ''), '');
    else positional.push(a);
  }
  return { flags, positional };
}

const KINDS: Record<string, string> = {
  pvc: 'PersistentVolumeClaim', statefulset: 'StatefulSet', secret: 'Secret', job: 'Job', jobs: 'Job', configmap: 'ConfigMap', service: 'Service', svc: 'Service',
  networkpolicy: 'NetworkPolicy', poddisruptionbudget: 'PodDisruptionBudget', certificate: 'Certificate', postgresql: 'postgresql', deployment: 'Deployment', serviceaccount: 'ServiceAccount',
  cluster: 'Cluster',
};
const KUBECTL_VALUED = ['-n', '--namespace', '-f', '-k', '-c', '-l', '-o', '-p', '--type', '--for', '--timeout', '--cert', '--key'];

/** What is wrong with the names of one kubectl call, given the objects known so far; undefined when nothing. */
function kubectlProblem(args: string[], known: KubeObject[]): string | undefined {
  // `logs -f` follows; elsewhere -f names a file
  const { flags, positional } = parseArgs(args, args[0] === 'logs' ? KUBECTL_VALUED.filter((f) => f !== '-f') : KUBECTL_VALUED);
  const namespace = flags.get('n')?.[0] ?? flags.get('namespace')?.[0] ?? 'default';
  const inNamespace = (o: KubeObject) => (o.metadata.namespace ?? 'default') === namespace;
  const has = (kind: string, name: string) => known.some((o) => o.kind === kind && o.metadata.name === name && (kind === 'Namespace' || inNamespace(o)));
  const servers = known.filter((o) => (o.kind === 'StatefulSet' || o.kind === 'postgresql' || o.kind === 'Cluster') && inNamespace(o));
  const replicas = (s: KubeObject): number => (s.kind === 'postgresql' ? s.spec.numberOfInstances : s.kind === 'Cluster' ? s.spec.instances : s.spec.replicas ?? 1);
  // CloudNativePG numbers its instances from 1
  const first = (s: KubeObject) => (s.kind === 'Cluster' ? 1 : 0);
  const podOf = (pod: string) => servers.find((s) => {
    const ordinal = pod.slice(s.metadata.name.length + 1);
    return pod.startsWith(`${s.metadata.name}-`) && /^\d+$/.test(ordinal) && Number(ordinal) >= first(s) && Number(ordinal) < replicas(s) + first(s);
  });
  const object = (ref: string, kind?: string): string | undefined => {
    const [k, name] = kind ? [kind, ref] : ref.split('/');
    const resolved = KINDS[k];
    if (!resolved) return `unknown kind ${k}`;
    if (resolved === 'PersistentVolumeClaim') {
      const claimed = servers.some((s) => (s.spec.volumeClaimTemplates ?? []).some((t: KubeObject) => name.startsWith(`${t.metadata.name}-`) && podOf(name.slice(t.metadata.name.length + 1)) === s));
      return claimed ? undefined : `no claim ${name} in ${namespace}`;
    }
    return has(resolved, name) ? undefined : `no ${resolved} ${name} in ${namespace}`;
  };
  if (!known.some((o) => (o.kind === 'Namespace' && o.metadata.name === namespace) || inNamespace(o)) && !flags.has('A')) return `no namespace ${namespace}`;
  const [verb, ...rest] = positional;
  const file = flags.get('f')?.[0];
  switch (verb) {
    case 'apply': case 'create': {
      if (rest[0] === 'secret' && rest[1] === 'tls') return undefined; // it makes the Secret it names
      const kustomization = flags.get('k')?.[0];
      if (kustomization !== undefined) return UPSTREAM_MANIFESTS.some((r) => r.test(kustomization)) ? undefined : `applies ${kustomization}`;
      if (file === '-' || UPSTREAM_MANIFESTS.some((r) => r.test(file ?? ''))) return undefined;
      return file !== undefined && existsSync(join(REPO_ROOT, file)) && file.startsWith('dist/') ? undefined : `applies ${file}, which synthesis does not write`;
    }
    case 'get':
      if (flags.has('A')) return undefined;
      if (flags.has('l')) {
        const [key, value] = flags.get('l')![0].split('=');
        return known.some((o) => o.kind === KINDS[rest[0]] && inNamespace(o) && o.metadata.labels?.[key] === value) ? undefined : `no ${rest[0]} carries ${key}=${value} in ${namespace}`;
      }
      return object(rest[1], rest[0]);
    case 'exec': case 'port-forward': {
      const target = rest[0];
      if (target.includes('/')) return object(target);
      const server = podOf(target);
      if (!server) return `no StatefulSet or postgresql in ${namespace} runs pod ${target}`;
      const database = parseArgs(rest.slice(1), ['-U', '-d', '-c']).flags.get('d')?.[0];
      return database === undefined || JSON.stringify(known.filter(inNamespace)).includes(database) ? undefined : `database ${database} is not in ${namespace}`;
    }
    case 'logs': case 'wait': return object(rest[0]);
    case 'annotate': return object(rest[1], rest[0]);
    case 'scale': return rest[0] === 'deployment' && flags.has('all') ? undefined : object(rest[0]);
    case 'delete': {
      const refs = rest.length === 2 && !rest[0].includes('/') ? [[rest[1], rest[0]] as const] : rest.map((r) => [r] as const);
      return refs.map(([ref, kind]) => object(ref, kind)).find((p) => p !== undefined);
    }
    default: return `unknown verb ${verb}`;
  }
}

/** What is wrong with the names of one call; undefined when nothing. */
function problemOf(call: Call, known: KubeObject[]): string | undefined {
  const { program, args } = call;
  switch (program) {
    case 'kubectl': return kubectlProblem(args, known);
    case 'npm':
      if (args[0] === 'run') {
        const script = args.find((a, i) => i > 0 && !a.startsWith('-'));
        return PACKAGE_SCRIPTS.includes(script ?? '') ? undefined : `no npm script ${script}`;
      }
      return ['ci', 'test'].includes(args[0]) ? undefined : `npm ${args[0]}`;
    case 'npx': {
      const [tool, command, stack] = args.filter((a) => a !== '--no-install');
      if (tool === 'cdk8s') return command === 'synth' ? undefined : `npx cdk8s ${command}`;
      if (tool === 'cdk8s-postgres') return BIN_COMMANDS.includes(command) ? undefined : `no command ${command} in the package's bin`;
      if (tool !== 'cdktf' || !['deploy', 'output'].includes(command)) return `npx ${args.join(' ')}`;
      const synthesized = stacks[stack];
      if (!synthesized) return `no stack ${stack}`;
      const variables = Object.entries<any>(synthesized.variable ?? {});
      const given = (parseArgs(args, []).flags.get('var') ?? []).map((v) => v.split('=')[0]);
      const unknown = given.filter((v) => !variables.some(([name]) => name === v));
      if (unknown.length > 0) return `stack ${stack} has no variable ${unknown.join(', ')}`;
      // a deploy sets exactly the stack's password variables
      const passwords = variables.filter(([, v]) => v.sensitive).map(([name]) => `TF_VAR_${name}`).sort();
      return command === 'output' || JSON.stringify(call.tfVars) === JSON.stringify(passwords) ? undefined : `deploy ${stack} sets ${call.tfVars.join(' ')}; its password variables are ${passwords.join(' ')}`;
    }
    case 'terraform': {
      const stack = /\/cdktf\.out\/stacks\/([^/]+)$/.exec(call.cwd)?.[1] ?? '';
      const [command, ...rest] = args;
      return command === 'output' && stacks[stack]?.output?.[rest[rest.length - 1]] ? undefined : `terraform ${args.join(' ')} in ${call.cwd}: no such output of stack ${stack}`;
    }
    case 'az': {
      if (args[0] === 'login') return undefined;
      const { flags } = parseArgs(args, ['-g', '-n']);
      const { azurerm_kubernetes_cluster: clusters, azurerm_resource_group: groups } = stacks['aks-phonebill-dev'].resource;
      const [cluster, group] = [Object.values<any>(clusters)[0], Object.values<any>(groups)[0]];
      return args.slice(0, 2).join(' ') === 'aks get-credentials' && flags.get('n')?.[0] === cluster.name && flags.get('g')?.[0] === group.name ? undefined : `az ${args.join(' ')} names no cluster of the stacks`;
    }
    case 'minikube': return args.join(' ').startsWith('addons enable ') ? undefined : `minikube ${args.join(' ')}`;
    case 'psql': {
      const { flags } = parseArgs(args, ['-h', '-p', '-U', '-d', '-c']);
      const port = flags.get('p')?.[0];
      return flags.get('h')?.[0] === 'localhost' && JSON.stringify(known).includes(flags.get('d')?.[0] ?? '\0') ? undefined : `psql to ${port}: no such database`;
    }
    default: return undefined;
  }
}

const madeBy = new WeakMap<Call, Promise<KubeObject[]>>();

/** The objects a call makes: what it gives `kubectl create|apply -f -`, read by kubectl's reader (once per call). */
function objectsMadeBy(call: Call): Promise<KubeObject[]> {
  if (call.program !== 'kubectl' || call.stdin === undefined || call.stdin.trim() === '') return Promise.resolve([]);
  if (!madeBy.has(call)) madeBy.set(call, readAsApplied(call.stdin).then(objectsOf));
  return madeBy.get(call)!;
}

/** Each call's name problems, objects made by earlier calls of the block counting as known. */
async function problemsOf(calls: Call[]): Promise<string[]> {
  const known = [...KNOWN];
  const problems: string[] = [];
  for (const call of calls) {
    const problem = problemOf(call, known);
    if (problem) problems.push(`${call.program} ${call.args.join(' ')}: ${problem}`);
    known.push(...await objectsMadeBy(call));
    const { positional, flags } = parseArgs(call.args, KUBECTL_VALUED);
    if (call.program === 'kubectl' && positional.slice(0, 2).join(' ') === 'create secret') known.push({ kind: 'Secret', metadata: { name: positional[3], namespace: flags.get('n')?.[0] } } as KubeObject);
  }
  return problems;
}

const blocks = codeBlocks('sh');
const firstLine = (block: CodeBlock) => block.text.split('\n')[0];
const title = (block: CodeBlock) => `${block.file}:${block.line} ${firstLine(block).slice(0, 80)}`;
const runnable = blocks.filter((b) => !(firstLine(b) in NOT_RUN));
const parsedOnly = blocks.filter((b) => firstLine(b) in NOT_RUN);

describe('the shell blocks of the README and docs/', () => {
  test('every block is valid sh, and every block not run names a block that exists', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(20);
    for (const block of blocks) {
      const result = spawnSync('/bin/sh', ['-n'], { input: block.text, encoding: 'utf8' });
      expect({ block: title(block), stderr: result.stderr, status: result.status }).toEqual({ block: title(block), stderr: '', status: 0 });
    }
    expect(Object.keys(NOT_RUN).filter((line) => !blocks.some((b) => firstLine(b) === line))).toEqual([]);
    expect(readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm ci\b[^\n]*\nnpm test$/m);
  });

  describe.each(parsedOnly.map((b) => [title(b), b] as const))('not run here: %s', (_title, block) => {
    test(`parsed by sh with every program a stand-in; every name it uses exists (${NOT_RUN[firstLine(block)]})`, async () => {
      const cwd = mkdtempSync(join(scratch, 'parsed-'));
      for (const stack of Object.keys(stacks)) mkdirSync(join(cwd, 'cdktf.out', 'stacks', stack), { recursive: true });
      const { status, stderr, calls, leftInSharedMemory } = runBlock(block, cwd, [...REMOTE, ...LOCAL]);
      expect({ status, stderr, leftInSharedMemory }).toEqual({ status: 0, stderr: '', leftInSharedMemory: [] });
      expect(calls.length).toBeGreaterThan(0);
      expect(await problemsOf(calls)).toEqual([]);
    });
  });

  describe('run as printed in a scratch clone', () => {
    const repository = scratchRepository('documented-');
    beforeAll(() => {
      repository.git('add', '-A');
      repository.git('commit', '-q', '-m', 'as cloned');
      repository.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      // where `npx cdktf synth` writes each stack, which the blocks read Terraform outputs from
      for (const stack of Object.keys(stacks)) mkdirSync(join(repository.dir, 'cdktf.out', 'stacks', stack), { recursive: true });
    });
    afterAll(() => rmSync(repository.dir, { recursive: true, force: true }));

    test.each(runnable.map((b) => [title(b), b] as const))('%s', async (_title, block) => {
      const { status, stderr, calls, written } = runBlock(block, repository.dir, REMOTE.concat('npx'));
      expect({ status, stderr: stderr.replace(STDERR[firstLine(block)] ?? /^$/, '') }).toEqual({ status: 0, stderr: '' });
      expect(await problemsOf(calls)).toEqual([]);
      // what it writes to a file of its own (a script to read before running it) is there
      for (const file of written) expect({ file, empty: readFileSync(file, 'utf8') === '' }).toEqual({ file, empty: false });
      // what the block gives kubectl to create is what the environment's pods read
      for (const call of calls.filter((c) => c.stdin !== undefined)) expect((await objectsMadeBy(call)).length).toBeGreaterThan(0);
      expect(repository.git('status', '--porcelain', '--untracked-files=no')).toBe('');
    });
  });

  test('the checks can fail: a misspelt namespace, object, stack, variable and script are each named', async () => {
    const call = (program: string, ...args: string[]): Call => ({ program, args, cwd: '/', tfVars: [] });
    expect(await problemsOf([
      call('kubectl', 'exec', '-it', 'postgresql-0', '-n', 'titanium-prd', '--', 'psql'),
      call('kubectl', 'logs', '-f', 'job/postgresql-product-change-restor', '-n', 'phonebill-dev'),
      call('kubectl', 'delete', 'pvc', 'data-postgresql-product-change-1', '-n', 'phonebill-dev'),
      call('kubectl', 'exec', '-it', 'postgresql-0', '-n', 'titanium-prod', '--', 'psql', '-U', 'postgres', '-d', 'titanum'),
      call('kubectl', 'apply', '-f', 'dist/solid-cloud.yaml'),
      call('npx', 'cdktf', 'deploy', 'solid-clod'),
      call('npx', 'cdktf', 'deploy', 'aws-efs', '--var=vpc=vpc-1'),
      call('npm', 'run', '--silent', 'secret', '--', 'minikube-dev'),
      { ...call('npx', 'cdktf', 'deploy', 'solid-cloud'), tfVars: ['TF_VAR_postgresql_superuser__password'] },
    ])).toEqual([
      'kubectl exec -it postgresql-0 -n titanium-prd -- psql: no namespace titanium-prd',
      'kubectl logs -f job/postgresql-product-change-restor -n phonebill-dev: no Job postgresql-product-change-restor in phonebill-dev',
      'kubectl delete pvc data-postgresql-product-change-1 -n phonebill-dev: no claim data-postgresql-product-change-1 in phonebill-dev',
      'kubectl exec -it postgresql-0 -n titanium-prod -- psql -U postgres -d titanum: database titanum is not in titanium-prod',
      'kubectl apply -f dist/solid-cloud.yaml: applies dist/solid-cloud.yaml, which synthesis does not write',
      'npx cdktf deploy solid-clod: no stack solid-clod',
      'npx cdktf deploy aws-efs --var=vpc=vpc-1: stack aws-efs has no variable vpc',
      'npm run --silent secret -- minikube-dev: no npm script secret',
      'npx cdktf deploy solid-cloud: deploy solid-cloud sets TF_VAR_postgresql_superuser__password; its password variables are TF_VAR_postgres_credentials__POSTGRES_PASSWORD TF_VAR_postgresql_superuser__password',
    ]);
  });
});

test("the AKS node size the pages name is the one the stack chooses today", () => {
  const pages = documentationFiles().map((file) => readFileSync(join(REPO_ROOT, file), 'utf8')).join('\n');
  const stack = terraformApp.node.findChild('aks-phonebill-dev') as AksPhonebillDevStack;
  expect([...pages.matchAll(/`(Standard_\w+)` today/g)].map((m) => m[1])).toEqual([stack.nodeSize.name]);
  expect(pages).toContain(`today's ${stack.nodeSize.vcpus}-vCPU node`);
});

test('the pages the checks read are the README and every guide', () => {
  expect(documentationFiles()).toEqual(expect.arrayContaining(['README.md', 'docs/environments.md', 'docs/upgrading.md', 'docs/reviewing.md']));
  expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300);
});
