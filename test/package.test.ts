import { execFileSync, spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import semver from 'semver';
import { parseAllDocuments } from 'yaml';
import { parseManifest, REPO_ROOT } from './support/manifests';
import { documentationFiles } from './support/documentation';
import { documentedExamples, EXAMPLE_OUTPUTS, expectDocumentedOutput } from './support/documented-examples';
import { RUN_ROOT_ENV } from './support/run-root-env';
import { typeCheck } from './support/type-check';

// The consumers' compilers: a new project gets TypeScript 7 (the devDependency typescript-native
// here); one that still resolves modules as node10 is on 5.9 (7 removed it), which also shows that
// 5.9 reads the package's declarations.
const TSC_7 = join(REPO_ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc');
const TSC_5 = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ENTRY_POINTS = ['aws', 'azure', 'kubernetes'];

/** Runs `node -e script` in the project; returns what it printed, or the error it died of. */
function nodeIn(project: string, script: string): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync('node', ['-e', script], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { ok: false, out: String((e as { stderr?: string }).stderr) };
  }
}

/**
 * What a declaration file cites that a reader of the package cannot open: the repository's seeds
 * (not shipped) in doc comments, and documents (`.md`, `.html`) named by a relative path, in
 * comments or string values (a runbook URL) alike, unless the package ships them (`shipped`: paths
 * in the package, such as `docs/tls.md`).
 */
function unshippedCitations(declarations: string, shipped: string[]): string[] {
  const comments = declarations.match(/\/\*\*[\s\S]*?\*\//g) ?? [];
  const seeds = comments.flatMap((c) => c.match(/\bseeds?\b(\s+\d+)?/gi) ?? []);
  const documents = [...declarations.matchAll(/[\w./:#-]*\.(?:md|html)\b(?:#[\w-]*)?/g)].map((m) => m[0])
    .filter((d) => !d.startsWith('https://') && !shipped.includes(d.replace(/#.*$/, '')));
  return [...seeds, ...documents];
}

/** Runs tsc in the project (5.9 for node10 resolution, else 7); its diagnostics, one per line (empty when it compiled cleanly). */
function tscIn(project: string, args: string[]): string {
  try {
    // TypeScript 7 on one thread (see support/type-check.ts): the same diagnostics for less CPU
    const [tsc, threads] = args.includes('node10') ? [TSC_5, []] : [TSC_7, ['--singleThreaded']];
    execFileSync(tsc, ['--strict', '--skipLibCheck', '--target', 'ES2022', '--pretty', 'false', ...threads, ...args], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout).trim();
  }
}

/**
 * The folder `npm pack` packs: what `npm run build` (prepack) leaves in the checkout, the sources
 * and the compiled lib/ side by side, with the compiled files from the run's one type check
 * (support/type-check.ts) instead of a second compilation. The package's `files` decide what of
 * it ships.
 */
async function packageTree(work: string): Promise<string> {
  const { status, output, outDir } = await typeCheck(process.env[RUN_ROOT_ENV]!);
  if (status !== 0) throw new Error(`the repository does not compile, so there is nothing to pack:\n${output}`);
  const tree = join(work, 'package');
  for (const file of ['package.json', 'README.md', 'LICENSE', ...documentationFiles()]) cpSync(join(REPO_ROOT, file), join(tree, file));
  // the sources, not what an earlier `npm run build` may have left beside them (prebuild deletes it)
  cpSync(join(REPO_ROOT, 'lib'), join(tree, 'lib'), { recursive: true, filter: (f) => !/\.(js|d\.ts)$/.test(f) });
  cpSync(join(outDir, 'lib'), join(tree, 'lib'), { recursive: true });
  return tree;
}

/** The peer packages a consumer installs beside the library, at this repository's versions. */
const PEERS = ['cdk8s', 'cdk8s-plus-27', 'constructs'];

/**
 * The library as another repository gets it: `npm pack`, install the tarball into an empty
 * project, then type-check and synthesize a chart that imports it by name. The peers are this
 * repository's own copies (checked against the ranges the package declares), linked rather than
 * unpacked again from npm's cache: one copy of each construct library, shared with the providers
 * linked beside them later. The tests run in order on one project: first with the cdk8s peers
 * only, then with cdktf and the AWS provider added, then with the Kubernetes provider.
 */
describe('the packed library', () => {
  const work = mkdtempSync(join(tmpdir(), 'consumer-'));
  const project = join(work, 'consumer');
  let packed: string[] = [];
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const link = (name: string) => {
    const target = join(project, 'node_modules', name);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(join(target, '..'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), target, 'dir');
  };
  const versionOf = (name: string): string => JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

  test('installs into a fresh project beside peers of the versions it declares', async () => {
    const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tarballName = npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', work], await packageTree(work)).trim().split('\n').pop()!;
    const tarball = join(work, tarballName);
    packed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter((f) => f !== '');
    expect(packed).toContain('package/lib/index.js');
    expect(packed).toContain('package/lib/index.d.ts');
    expect(packed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);

    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', tarball], project);
    for (const peer of PEERS) link(peer);
    const declared = JSON.parse(readFileSync(join(project, 'node_modules', 'cdk8s-postgres', 'package.json'), 'utf8')).peerDependencies as Record<string, string>;
    for (const peer of [...PEERS, 'cdktf', '@cdktf/provider-aws', '@cdktf/provider-kubernetes']) {
      expect({ peer, version: versionOf(peer), satisfies: semver.satisfies(versionOf(peer), declared[peer]) }).toEqual({ peer, version: versionOf(peer), satisfies: true });
    }
  }, 120000);

  test('ships the Apache 2.0 LICENSE, the guides and no compiled file without a source', () => {
    expect(packed).toContain('package/LICENSE');
    // the guides the README links and the messages cite (docs/upgrading.md …), not the generated API pages
    expect(packed.filter((f) => f.startsWith('package/docs/')).sort()).toEqual(documentationFiles().filter((f) => f !== 'README.md').map((f) => `package/${f}`).sort());
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).license).toBe('Apache-2.0');
    // a stale build output (say of a removed file) would otherwise ship as a hidden module
    const orphans = packed.filter((f) => /^package\/lib\/.*\.js$/.test(f))
      .filter((f) => !existsSync(join(REPO_ROOT, f.replace(/^package\//, '').replace(/\.js$/, '.ts'))));
    expect(orphans).toEqual([]);
    expect(packed).toEqual(expect.arrayContaining(['package/lib/review/index.js', 'package/lib/review/index.d.ts', 'package/lib/config/pg-settings.json']));
    for (const entry of ENTRY_POINTS) {
      expect(packed).toContain(`package/lib/terraform/${entry}.js`);
      expect(packed).toContain(`package/lib/terraform/${entry}.d.ts`);
    }
  });

  test('shipped doc comments cite nothing the package does not ship', () => {
    const lib = join(project, 'node_modules', 'cdk8s-postgres', 'lib');
    const declarations = (readdirSync(lib, { recursive: true }) as string[]).filter((f) => f.endsWith('.d.ts'));
    expect(declarations).toContain('index.d.ts');
    const shipped = packed.map((f) => f.replace(/^package\//, ''));
    const findings = declarations.flatMap((f) => unshippedCitations(readFileSync(join(lib, f), 'utf8'), shipped).map((x) => `${f}: ${x}`));
    expect(findings).toEqual([]);
    // what the check finds: the forms these files used before, and a guide the package does not ship
    expect(unshippedCitations('/** Thresholds of the default alerts (seed 004 §8.1). */\nexport declare const DEFAULT_RUNBOOK_BASE = "docs/runbook.md";\n/** See [the runbook](./runbooks.md#x), docs/tls.md. */', shipped))
      .toEqual(['seed 004', 'docs/runbook.md', './runbooks.md#x']);
  });

  test('without cdktf, the main entry loads, a Terraform entry names what is missing, deep paths are refused', () => {
    expect(existsSync(join(project, 'node_modules', 'cdktf'))).toBe(false);
    const main = nodeIn(project, "const lib = require('cdk8s-postgres'); console.log(typeof lib.PostgresStatefulSet, Object.keys(require.cache).filter((f) => /node_modules[\\/](cdktf|@cdktf)[\\/]/.test(f)).length)");
    expect(main).toEqual({ ok: true, out: 'function 0\n' });
    const aws = nodeIn(project, "require('cdk8s-postgres/terraform/aws')");
    expect(aws.ok).toBe(false);
    expect(aws.out).toMatch(/Cannot find module '(cdktf|@cdktf\/provider-aws\/[^']*)'/);
    const deep = nodeIn(project, "require('cdk8s-postgres/lib/validation')");
    expect(deep.ok).toBe(false);
    expect(deep.out).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    expect(deep.out).toContain("Package subpath './lib/validation' is not defined by \"exports\"");
    expect(nodeIn(project, "console.log(require('cdk8s-postgres/package.json').license)")).toEqual({ ok: true, out: 'Apache-2.0\n' });
    // The review entry loads without cdktf and reads its shipped record of pg_settings contexts.
    const conf = (n: number) => `[{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { 'postgresql.conf': 'max_connections = ${n}\\n' } }]`;
    expect(nodeIn(project, `const { reviewObjects } = require('cdk8s-postgres/review'); console.log(reviewObjects(${conf(100)}, ${conf(200)}).map((f) => f.risk).join())`)).toEqual({ ok: true, out: 'downtime\n' });
  });

  // The merge check for a repository that imports the library: its own app, its own dist/, two
  // commits (one routine change, one weakening), and the package's bin as docs/reviewing.md's workflow runs it.
  test('npx cdk8s-postgres review in a consumer repository: a routine change passes, a weakening fails, bad input exits 2', () => {
    const app = (databases: string[], logConnections: boolean) => [
      "const { App, Chart } = require('cdk8s');",
      "const { PostgresStatefulSet, SchemaInitJob } = require('cdk8s-postgres');",
      "const app = new App({ outdir: 'dist' });",
      "const chart = new Chart(app, 'orders');",
      `const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', parameters: { log_connections: ${logConnections} } });`,
      `new SchemaInitJob(chart, 'schema', { server, databases: ${JSON.stringify(databases.map((name) => ({ name, owner: `${name}_owner` })))}, users: ${JSON.stringify(databases.map((name) => ({ name: `${name}_owner`, kind: 'app', password: { name: `${name}-logins`, key: 'owner' } })))} });`,
      'app.synth();',
    ].join('\n');
    // A folder of its own inside the project (which holds the installed package): the other tests' outputs stay apart.
    const repo = join(project, 'consumer-repo');
    mkdirSync(repo);
    const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
    const synthesize = (databases: string[], logConnections: boolean) => {
      writeFileSync(join(repo, 'main.js'), app(databases, logConnections));
      expect(run('node', ['main.js']).status).toBe(0);
    };
    // npx as docs/reviewing.md's workflow runs it once; the bin it resolves to directly for the rest (npm's start costs a second).
    const review = (...args: string[]) => run(join(project, 'node_modules', '.bin', 'cdk8s-postgres'), ['review', ...args]);
    const npxReview = (...args: string[]) => run('npx', ['--no-install', 'cdk8s-postgres', 'review', ...args]);
    expect(run('git', ['init', '-q']).status).toBe(0);
    writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
    synthesize(['orders'], true);
    run('git', ['add', '-A']);
    expect(run('git', ['commit', '-q', '-m', 'orders']).status).toBe(0);
    // routine: one more database with its owner's login (and its Secret), committed
    synthesize(['orders', 'invoices'], true);
    run('git', ['commit', '-q', '-a', '-m', 'invoices']);
    const routine = review('--before', 'HEAD~1', '--after', 'dist', '--format', 'json', '--fail-on', 'refused,data-loss,security');
    expect(routine.stderr).toBe('');
    expect(routine.status).toBe(0);
    const findings = JSON.parse(routine.stdout).findings as Array<{ risk: string; target: string; applies: string }>;
    expect(findings.map((f) => f.risk).filter((r) => r !== 'safe')).toEqual([]);
    expect(findings.some((f) => /^Job\/shop\/db-schema-init-[0-9a-f]{8}$/.test(f.target) && f.applies === 'by recreating')).toBe(true);
    // weakening: connections no longer logged, not committed
    synthesize(['orders', 'invoices'], false);
    const weakening = npxReview('--before', 'HEAD', '--after', 'dist', '--fail-on', 'refused,data-loss,security');
    expect(weakening.status).toBe(1);
    expect(weakening.stdout).toContain('log\\_connections on -&gt; off: logins are no longer logged');
    // the same without --fail-on security: only refusals and data loss fail it
    expect(review('--before', 'HEAD', '--after', 'dist').status).toBe(0);
    const bad = review('--before', 'no-such-ref', '--after', 'dist');
    expect([bad.status, bad.stderr]).toEqual([2, 'review could not run: --before no-such-ref is neither a folder nor a git ref\n']);
    // the grow script for the app's server, from its synthesized file
    const grow = run(join(project, 'node_modules', '.bin', 'cdk8s-postgres'), ['grow', 'dist/orders.k8s.yaml', 'db', '20Gi']);
    expect([grow.status, grow.stderr]).toEqual([0, '']);
    expect(grow.stdout).toMatch(/^kubectl patch pvc data-db-0 -n shop --type merge -p '\{"spec":\{"resources":\{"requests":\{"storage":"20Gi"\}\}\}\}'$/m);
    // the Secrets the app reads, with generated passwords, from the app run as cdk8s synth runs it
    const secrets = run(join(project, 'node_modules', '.bin', 'cdk8s-postgres'), ['secrets', '--app', 'node main.js']);
    expect([secrets.status, secrets.stderr]).toEqual([0, '']);
    const made = parseAllDocuments(secrets.stdout).map((d) => d.toJSON() as { kind: string; type: string; metadata: { name: string; namespace: string }; stringData: Record<string, string> });
    expect(made.filter((s) => s.type === 'Opaque').map((s) => `${s.metadata.namespace}/${s.metadata.name} ${Object.keys(s.stringData).join(',')}`)).toEqual(expect.arrayContaining(['shop/orders-logins owner', 'shop/invoices-logins owner']));
    expect(made.every((s) => s.kind === 'Secret')).toBe(true);
    expect(made.flatMap((s) => Object.entries(s.stringData)).filter(([key]) => key === 'owner').map(([, value]) => /^[A-Za-z0-9_-]{32}$/.test(value))).toEqual([true, true]);
  });

  describe('with cdktf and the AWS provider only', () => {
    const examples = documentedExamples();
    const written = new Set<string>();
    const needsKubernetesProvider = (example: string) => /from '(@cdktf\/provider-kubernetes\/[^']*|cdk8s-postgres\/terraform\/kubernetes)'/.test(example);

    /**
     * The module resolutions a consumer's project may use: node16 and bundler follow `exports`
     * (a deep path is refused), node10 follows `typesVersions` and emits the JavaScript run here.
     */
    const RESOLUTIONS = [['--module', 'node16', '--moduleResolution', 'node16', '--noEmit'], ['--module', 'preserve', '--moduleResolution', 'bundler', '--noEmit'], ['--module', 'commonjs', '--moduleResolution', 'node10']];

    /** Writes documented blocks `indices` into the project, compiles them with `extra` files (once per resolution), runs each and checks what it made. */
    function runExamples(indices: number[], resolutions: string[][], extra: { files: string[]; diagnostics: (resolution: string[]) => string }): void {
      const dirs = indices.map((i) => {
        const dir = join(project, 'readme', String(i + 1));
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'example.ts'), examples[i]);
        return dir;
      });
      const files = dirs.map((dir) => join(dir, 'example.ts'));
      for (const resolution of resolutions) {
        expect({ resolution, diagnostics: tscIn(project, [...resolution, ...files, ...extra.files]) }).toEqual({ resolution, diagnostics: extra.diagnostics(resolution) });
      }
      indices.forEach((i, n) => {
        const printed = execFileSync('node', ['example.js'], { cwd: dirs[n], encoding: 'utf8' });
        expectDocumentedOutput(examples[i], printed);
        const outputs = Object.keys(EXAMPLE_OUTPUTS).filter((file) => existsSync(join(dirs[n], file)));
        expect({ example: i + 1, outputs: outputs.length > 0 }).toEqual({ example: i + 1, outputs: true });
        for (const file of outputs) {
          EXAMPLE_OUTPUTS[file]((f) => readFileSync(join(dirs[n], f), 'utf8'), printed);
          written.add(file);
        }
      });
    }

    beforeAll(() => {
      for (const name of ['cdktf', '@cdktf/provider-aws']) link(name);
      expect(existsSync(join(project, 'node_modules', '@cdktf', 'provider-azurerm'))).toBe(false);
      expect(existsSync(join(project, 'node_modules', '@cdktf', 'provider-kubernetes'))).toBe(false);
    });

    test("a chart importing the library by name and the documentation's blocks that need no other provider compile against the package under every resolution, run, and make what they say; a deep path does not type-check under any", () => {
      writeFileSync(join(project, 'main.ts'), [
        "import { App, Chart } from 'cdk8s';",
        "import { PostgresStatefulSet } from 'cdk8s-postgres';",
        "import { Finding, reviewObjects } from 'cdk8s-postgres/review';",
        'const app = new App({ outdir: "out" });',
        "const chart = new Chart(app, 'orders');",
        "const db = new PostgresStatefulSet(chart, 'orders-db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'orders-db-superuser', key: 'password' } } });",
        'const host: string = db.host;',
        'const findings: Finding[] = reviewObjects([], []);',
        "if (findings.length !== 0) throw new Error('a review of nothing found something');",
        'console.log(host);',
        'app.synth();',
      ].join('\n'));
      writeFileSync(join(project, 'deep.ts'), "import { fail } from 'cdk8s-postgres/lib/validation';\nconsole.log(fail);\n");
      // whole examples that import the library by name, as a new user copies them
      expect(examples.length).toBeGreaterThanOrEqual(9);
      for (const example of examples) expect(example).toMatch(/from 'cdk8s-postgres(\/terraform\/(aws|azure|kubernetes))?';/);
      const now = examples.map((_, i) => i).filter((i) => !needsKubernetesProvider(examples[i]));
      expect(now.length).toBeGreaterThanOrEqual(8);
      runExamples(now, RESOLUTIONS, {
        files: ['main.ts', 'deep.ts'],
        // node10 emits despite it, as tsc does by default
        diagnostics: () => "deep.ts(1,22): error TS2307: Cannot find module 'cdk8s-postgres/lib/validation' or its corresponding type declarations.",
      });

      const printed = execFileSync('node', ['main.js'], { cwd: project, encoding: 'utf8' });
      expect(printed.trim()).toBe('orders-db.shop.svc.cluster.local');
      expect(readdirSync(join(project, 'out'))).toEqual(['orders.k8s.yaml']);
      const objects = parseManifest(readFileSync(join(project, 'out', 'orders.k8s.yaml'), 'utf8'));
      expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'StatefulSet']);
    }, 120000);

    test('the Azure and Kubernetes entries fail naming their own provider', () => {
      const azure = nodeIn(project, "require('cdk8s-postgres/terraform/azure')");
      expect(azure.ok).toBe(false);
      expect(azure.out).toMatch(/Cannot find module '@cdktf\/provider-azurerm\/[^']*'/);
      const kubernetes = nodeIn(project, "require('cdk8s-postgres/terraform/kubernetes')");
      expect(kubernetes.ok).toBe(false);
      expect(kubernetes.out).toMatch(/Cannot find module '@cdktf\/provider-kubernetes\/[^']*'/);
    });

    describe('and then the Kubernetes provider', () => {
      beforeAll(() => {
        link('@cdktf/provider-kubernetes');
      });

      test("the documentation's blocks that deploy through the kubernetes provider compile, run and make what they say; every expected output was made", () => {
        const later = examples.map((_, i) => i).filter((i) => needsKubernetesProvider(examples[i]));
        expect(later.length).toBeGreaterThanOrEqual(1);
        // one compiler run (the provider's types are large): the three resolutions are shown above
        runExamples(later, [['--module', 'node16', '--moduleResolution', 'node16']], { files: [], diagnostics: () => '' });
        expect([...written].sort()).toEqual(Object.keys(EXAMPLE_OUTPUTS).sort());
        // the output check can fail: a comment that is not what the line prints
        expect(() => expectDocumentedOutput("console.log(db.host); // orders-db.shop.svc.cluster.local\n", 'orders-db.db.svc.cluster.local\n')).toThrow('the documentation says an example prints');
      }, 60000);
    });
  });
});
