import { cpSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesizeEnvironments } from '../apps/k8s';
import { ENVIRONMENTS } from '../environments';
import { aksPhonebillDev } from '../environments/aks-phonebill-dev';
import { EnvironmentDescription, MajorUpgradeDeclaration } from '../lib';
import { REPO_ROOT } from './support/manifests';

// A bare change of majorVersion is stopped by synthesis, before it reaches a cluster: the committed
// manifest says which major runs on each StatefulSet's claim.
const [server] = aksPhonebillDev.servers;
function aksOn(majorVersion: number, upgrade?: MajorUpgradeDeclaration): EnvironmentDescription[] {
  if (server.backend.kind !== 'statefulSet') throw new Error('aks-phonebill-dev runs a StatefulSet');
  const changed = { ...aksPhonebillDev, servers: [{ ...server, majorVersion, backend: { ...server.backend, upgrade } }] };
  return ENVIRONMENTS.map((e) => (e.name === changed.name ? changed : e));
}

describe('synthesis against the committed manifests', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'dist-'));
  const file = join(outdir, 'aks-phonebill-dev.k8s.yaml');
  beforeAll(() => cpSync(join(REPO_ROOT, 'dist'), outdir, { recursive: true }));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('refuses aks-phonebill-dev moved from 14 to 17 by majorVersion alone, and writes nothing', () => {
    const committed = readFileSync(file, 'utf8');
    expect(() => synthesizeEnvironments(outdir, aksOn(17))).toThrow(
      `environment 'aks-phonebill-dev': StatefulSet phonebill-dev/postgresql-product-change runs PostgreSQL 14 in ${file} and would run 17 on the same claim, ` +
      "whose data PostgreSQL 17 cannot use (its pod's guard refuses to start). Declare the upgrade on the server's backend " +
      '(upgrade: { fromMajorVersion: 14 }, README "Upgrading PostgreSQL"), or set majorVersion back to 14.');
    expect(readFileSync(file, 'utf8')).toBe(committed);
  });

  test('passes the same change declared as an upgrade, and the manifests committed as they are', () => {
    synthesizeEnvironments(outdir, aksOn(17, { fromMajorVersion: 14 }));
    expect(readFileSync(file, 'utf8')).toContain('name: postgresql-product-change-pg17\n');
    synthesizeEnvironments(outdir, ENVIRONMENTS);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'dist', 'aks-phonebill-dev.k8s.yaml'), 'utf8'));
  });
});
