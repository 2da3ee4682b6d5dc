import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');

/** The library's peers, linked from this repository as a consumer would have them installed. */
const PEERS = ['cdk8s', 'cdk8s-plus-27', 'constructs'];

/**
 * A scratch repository that imports the library as users do: `npm pack` of this checkout (which
 * builds it), the tarball installed, the peers beside it, and the consumer scripts of
 * bench/consumer/ copied in. Returns its folder (under `work`).
 */
export function consumerProject(work: string): string {
  const packed = mkdtempSync(join(work, 'packed-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packed], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop()!;
  const project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bench-consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', join(packed, tarball)], { cwd: project, stdio: 'ignore' });
  for (const peer of PEERS) symlinkSync(join(ROOT, 'node_modules', peer), join(project, 'node_modules', peer), 'dir');
  for (const file of readdirSync(join(__dirname, 'consumer')).filter((f) => f.endsWith('.js'))) copyFileSync(join(__dirname, 'consumer', file), join(project, file));
  return project;
}
