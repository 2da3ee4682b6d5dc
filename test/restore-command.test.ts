import { spawnSync } from 'child_process';
import { parseAllDocuments } from 'yaml';
import { parseRestoreArgs, renderRestoreJob } from '../apps/restore';
import { KubeObject, REPO_ROOT } from './support/manifests';
import { checkSecurityBaseline } from './support/policy';
import { validateObject } from './support/schema';

describe('npm run restore', () => {
  const job: KubeObject = parseAllDocuments(renderRestoreJob({ environment: 'aks-phonebill-dev', server: 'product-change', database: 'product_change_db', target: 'product_change_db_check' }))[0].toJSON();

  test('prints a valid Job that passes the security baseline', () => {
    expect(job.kind).toBe('Job');
    expect(validateObject(job)).toEqual([]);
    expect(checkSecurityBaseline([job])).toEqual([]);
  });

  test("reads the environment's backup claim and restores into the chosen target", () => {
    const spec = job.spec.template.spec;
    expect(spec.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'postgresql-product-change-backup-pvc', readOnly: true } });
    expect(spec.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'SOURCE_DATABASE', value: 'product_change_db' }, { name: 'TARGET_DATABASE', value: 'product_change_db_check' },
      { name: 'OVERWRITE', value: 'false' }, { name: 'PGHOST', value: 'postgresql-product-change' },
    ]));
  });

  test('parses its options', () => {
    expect(parseRestoreArgs(['env', 'srv', 'db', '--backup', 'db_20261125T020000Z.dump', '--overwrite'])).toEqual({
      environment: 'env', server: 'srv', database: 'db', target: undefined, backup: 'db_20261125T020000Z.dump', overwrite: true,
    });
    expect(() => parseRestoreArgs(['env', 'srv'])).toThrow(/^usage: npm run --silent restore/);
    expect(() => parseRestoreArgs(['env', 'srv', 'db', '--force'])).toThrow('unknown option --force');
  });

  test('prints YAML on stdout, and a clear error for a server without backups', () => {
    const ok = spawnSync('npm', ['run', '--silent', 'restore', '--', 'minikube-dev', 'dbaas-metadata', 'dbaas_metadata'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(parseAllDocuments(ok.stdout)[0].toJSON().kind).toBe('Job');
    const bad = spawnSync('npm', ['run', '--silent', 'restore', '--', 'minikube-dev', 'nope', 'userdb'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("environment 'minikube-dev' has no server 'nope' with backups (servers with backups: dbaas-metadata, microservices)");
  });

  test('a pg_dumpall backup is not a RestoreJob input, and says how to restore it', () => {
    expect(() => renderRestoreJob({ environment: 'minikube-dev', server: 'microservices', database: 'userdb' }))
      .toThrow("server 'microservices' is backed up with pg_dumpall (cluster mode); restore such a file with psql as the superuser");
  });
});
