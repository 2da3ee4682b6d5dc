import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseManifest, REPO_ROOT } from './support/manifests';

/**
 * The library as another repository gets it: `npm pack`, install the tarball with its peers
 * into an empty project, then type-check and synthesize a chart that imports it by name.
 */
describe('the packed library', () => {
  const work = mkdtempSync(join(tmpdir(), 'consumer-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('installs into a fresh project and synthesizes a chart there', () => {
    const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tarballName = npm(['pack', '--silent', '--pack-destination', work], REPO_ROOT).trim().split('\n').pop()!;
    const tarball = join(work, tarballName);
    const packed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(packed).toContain('package/lib/index.js');
    expect(packed).toContain('package/lib/index.d.ts');
    expect(packed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);

    const project = join(work, 'consumer');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const version = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball,
      `cdk8s@${version('cdk8s')}`, `cdk8s-plus-27@${version('cdk8s-plus-27')}`, `constructs@${version('constructs')}`], project);

    writeFileSync(join(project, 'main.ts'), [
      "import { App, Chart } from 'cdk8s';",
      "import { Credentials, PostgresStatefulSet } from 'cdk8s-postgres';",
      'const app = new App({ outdir: "out" });',
      "const chart = new Chart(app, 'orders');",
      "const db = new PostgresStatefulSet(chart, 'orders-db', { namespace: 'shop', superuser: Credentials.fromSecret('orders-db-superuser') });",
      'const host: string = db.host;',
      'console.log(host);',
      'app.synth();',
    ].join('\n'));
    execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['--strict', '--skipLibCheck', '--esModuleInterop', '--target', 'ES2022', '--module', 'commonjs', 'main.ts'], { cwd: project });
    const printed = execFileSync('node', ['main.js'], { cwd: project, encoding: 'utf8' });
    expect(printed.trim()).toBe('orders-db.shop.svc.cluster.local');

    expect(readdirSync(join(project, 'out'))).toEqual(['orders.k8s.yaml']);
    const objects = parseManifest(readFileSync(join(project, 'out', 'orders.k8s.yaml'), 'utf8'));
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'StatefulSet']);
  }, 180000);
});
