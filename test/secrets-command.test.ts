import { spawnSync } from 'child_process';
import { parseAllDocuments } from 'yaml';
import { renderSecrets } from '../apps/secrets';
import { validateObject } from './support/schema';
import { REPO_ROOT } from './support/manifests';

describe('npm run secrets', () => {
  test('prints every Secret minikube-dev references, with fresh 32-character passwords', () => {
    // The TLS Secrets that follow are test/tls.test.ts's.
    const secrets = parseAllDocuments(renderSecrets('minikube-dev')).map((d) => d.toJSON()).filter((s) => s.type === 'Opaque');
    expect(secrets.map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual([
      'dbaas-dbaas-metadata/dbaas-metadata-postgresql-local',
      'microservices/postgres-secret',
    ]);
    for (const secret of secrets) {
      expect(validateObject(secret)).toEqual([]);
      for (const value of Object.values<string>(secret.stringData)) expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
  });

  test('two runs never print the same password', () => {
    const passwords = (text: string) => parseAllDocuments(text).map((d) => d.toJSON()).filter((s) => s.type === 'Opaque').flatMap((s) => Object.values<string>(s.stringData));
    const first = passwords(renderSecrets('minikube-dev'));
    const second = passwords(renderSecrets('minikube-dev'));
    expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
  });

  test('the documented command prints YAML to stdout and nothing else', () => {
    const run = spawnSync('npm', ['run', '--silent', 'secrets', '--', 'minikube-dev'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const docs = parseAllDocuments(run.stdout).map((d) => d.toJSON());
    expect(docs.every((d) => d.kind === 'Secret')).toBe(true);
    // Two password Secrets, and one TLS Secret per server (no cert-manager on minikube).
    expect(docs.map((d) => d.type)).toEqual(['Opaque', 'Opaque', 'kubernetes.io/tls', 'kubernetes.io/tls']);
  });

  test('an unknown environment fails with the list of known ones', () => {
    const run = spawnSync('npm', ['run', '--silent', 'secrets', '--', 'staging'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("unknown environment 'staging' (known: minikube-dev");
    expect(run.stdout).toBe('');
  });
});
