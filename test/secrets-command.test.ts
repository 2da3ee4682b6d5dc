import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { renderMissingSecrets, renderSecrets, runSecrets } from '../apps/secrets';
import { KUBECTL, objectsOf, readWithKubectl } from './support/kubectl';
import { validateObject } from './support/schema';
import { KubeObject, REPO_ROOT } from './support/manifests';
import { shellcheck } from './support/shellcheck';

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

  test('a command line it cannot run is a usage error (exit 2): an unknown or misspelt environment, a missing value, an extra argument, no environment', () => {
    const run = spawnSync('npm', ['run', '--silent', 'secrets', '--', 'staging'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', "unknown environment 'staging' (known: minikube-dev, solid-cloud, aks-phonebill-dev, aws-efs, prod-operator, prod-cnpg)\n"]);
    const secrets = (...args: string[]) => {
      const result = runSecrets(args, () => { throw new Error('not read'); });
      expect(result.stdout).toBe('');
      return [result.status, result.stderr.split('\n')[0]];
    };
    expect(secrets('minikube-dv')).toEqual([2, "unknown environment 'minikube-dv'; did you mean 'minikube-dev'? (known: minikube-dev, solid-cloud, aks-phonebill-dev, aws-efs, prod-operator, prod-cnpg)"]);
    expect(secrets('minikube-dev', '--missing-from')).toEqual([2, '--missing-from needs a value']);
    expect(secrets('minikube-dev', '--missing-from', '--x')).toEqual([2, '--missing-from needs a value']);
    expect(secrets('minikube-dev', 'solid-cloud')).toEqual([2, "unexpected argument 'solid-cloud'"]);
    expect(secrets('--missing-from=-')).toEqual([2, 'no environment given']);
    expect(secrets('minikube-dev', '--missing')).toEqual([2, "unexpected argument '--missing'"]);
    expect(secrets('minikube-dev', '--missing-from', 'list.json')).toEqual([1, 'not read']);
  });
});

/** A cluster's Secrets as `kubectl get secrets -A -o json` lists them: values under `data`, base64. */
function clusterList(secrets: KubeObject[]): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: secrets.map((s) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      type: s.type,
      metadata: { name: s.metadata.name, namespace: s.metadata.namespace, uid: `uid-${s.metadata.name}` },
      data: Object.fromEntries(Object.entries<string>(s.stringData).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    })),
  });
}

/** minikube-dev's Secrets as a cluster set up before the backup logins holds them: no `backup-password`. */
function clusterBeforeBackupLogins(): { secrets: KubeObject[]; list: string } {
  const secrets = parseAllDocuments(renderSecrets('minikube-dev')).map((d) => d.toJSON() as KubeObject);
  for (const s of secrets) delete s.stringData['backup-password'];
  return { secrets, list: clusterList(secrets) };
}

const PATCH = /^kubectl patch secret '([^']+)' -n '([^']+)' --type merge --patch-file \/dev\/stdin <<'CDK8S_POSTGRES_SECRETS'\n(.*)\nCDK8S_POSTGRES_SECRETS$/gm;
const CREATE = /^kubectl create -f - <<'CDK8S_POSTGRES_SECRETS'\n([^]*?)\nCDK8S_POSTGRES_SECRETS$/m;

/** Existing values, as printed anywhere: base64 under data, or plain. */
function existingValues(secrets: KubeObject[]): string[] {
  return secrets.flatMap((s) => Object.values<string>(s.stringData).flatMap((v) => [v.trim(), Buffer.from(v).toString('base64')]));
}

describe('npm run secrets -- <environment> --missing-from <list>', () => {
  test('a cluster lacking backup-password gets only that key of each Secret, fresh, and no existing value', () => {
    const { secrets, list } = clusterBeforeBackupLogins();
    const missing = renderMissingSecrets('minikube-dev', list);
    expect(missing.created).toEqual([]);
    expect(missing.added).toEqual({
      'dbaas-dbaas-metadata/dbaas-metadata-postgresql-local': ['backup-password'],
      'microservices/postgres-secret': ['backup-password'],
    });
    expect(missing.script).not.toMatch(CREATE);
    const patches = [...missing.script.matchAll(PATCH)].map(([, name, namespace, body]) => ({ name, namespace, patch: JSON.parse(body) }));
    expect(patches.map((p) => `${p.namespace}/${p.name}`)).toEqual(['dbaas-dbaas-metadata/dbaas-metadata-postgresql-local', 'microservices/postgres-secret']);
    for (const { patch } of patches) {
      expect(Object.keys(patch)).toEqual(['data']);
      expect(Object.keys(patch.data)).toEqual(['backup-password']);
      expect(Buffer.from(patch.data['backup-password'], 'base64').toString()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
    for (const value of existingValues(secrets)) expect(missing.script).not.toContain(value);
  });

  test('a Secret that does not exist comes out whole, as kubectl reads it; existing TLS Secrets are left alone', async () => {
    const { secrets } = clusterBeforeBackupLogins();
    const list = clusterList(secrets.filter((s) => s.metadata.name !== 'postgres-secret'));
    const missing = renderMissingSecrets('minikube-dev', list);
    expect(missing.created).toEqual(['microservices/postgres-secret']);
    expect(missing.added).toEqual({ 'dbaas-dbaas-metadata/dbaas-metadata-postgresql-local': ['backup-password'] });
    const manifest = CREATE.exec(missing.script)![1];
    const { kustomize, applyFile } = (await readWithKubectl({ 'missing.yaml': `${manifest}\n` }))['missing.yaml'];
    for (const reading of [kustomize, applyFile]) {
      const objects = objectsOf(reading);
      expect(objects.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['Secret microservices/postgres-secret']);
      expect(validateObject(objects[0])).toEqual([]);
      expect(Object.keys(objects[0].stringData).sort()).toEqual([...Object.keys(secrets.find((s) => s.metadata.name === 'postgres-secret')!.stringData), 'backup-password'].sort());
      for (const value of Object.values<string>(objects[0].stringData)) expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
    for (const value of existingValues(secrets)) expect(missing.script).not.toContain(value);
  });

  test('run by sh, the script hands kubectl the patches on stdin; kubectl merges them keeping every existing key', () => {
    const { secrets, list } = clusterBeforeBackupLogins();
    const dir = mkdtempSync(join(tmpdir(), 'secrets-missing-'));
    try {
      const run = spawnSync('npm', ['run', '--silent', 'secrets', '--', 'minikube-dev', '--missing-from', '-'], { cwd: REPO_ROOT, input: list, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('adds to Secret dbaas-dbaas-metadata/dbaas-metadata-postgresql-local: backup-password\nadds to Secret microservices/postgres-secret: backup-password\n');
      const checked = shellcheck('sh', run.stdout);
      expect([checked.status, checked.stdout]).toEqual([0, '']);
      // A stand-in kubectl on PATH records each call's arguments and stdin.
      mkdirSync(join(dir, 'bin'));
      writeFileSync(join(dir, 'bin', 'kubectl'), '#!/bin/sh\nn=$(($(cat "$CALLS/count" 2>/dev/null || echo 0) + 1))\necho "$n" > "$CALLS/count"\nprintf \'%s\\n\' "$@" > "$CALLS/$n.args"\ncat > "$CALLS/$n.stdin"\n', { mode: 0o755 });
      const sh = spawnSync('sh', ['-s'], { input: run.stdout, encoding: 'utf8', env: { ...process.env, CALLS: dir, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
      expect(sh.status).toBe(0);
      const calls = [1, 2].map((n) => ({ args: readFileSync(join(dir, `${n}.args`), 'utf8').trim().split('\n'), stdin: join(dir, `${n}.stdin`) }));
      expect(readFileSync(join(dir, 'count'), 'utf8').trim()).toBe('2');
      for (const { args } of calls) for (const value of existingValues(secrets)) expect(args.join(' ')).not.toContain(value);
      for (const { args, stdin } of calls) {
        expect(args).toEqual(['patch', 'secret', args[2], '-n', args[4], '--type', 'merge', '--patch-file', '/dev/stdin']);
        // The live object, as the API server holds it, patched by kubectl's own merge, offline.
        const live = JSON.parse(list).items.find((s: KubeObject) => s.metadata.name === args[2] && s.metadata.namespace === args[4]);
        const liveFile = join(dir, `${args[2]}.json`);
        writeFileSync(liveFile, JSON.stringify(live));
        const merged = JSON.parse(execFileSync(KUBECTL, ['patch', '-f', liveFile, '--local', '--type', 'merge', '--patch-file', stdin, '-o', 'json'], { env: { ...process.env, KUBECONFIG: '/dev/null' }, encoding: 'utf8' }));
        expect(Object.keys(merged.data).sort()).toEqual([...Object.keys(live.data), 'backup-password'].sort());
        for (const [key, value] of Object.entries(live.data)) expect(merged.data[key]).toBe(value);
        expect(Buffer.from(merged.data['backup-password'], 'base64').toString()).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(merged.metadata).toEqual(live.metadata);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a cluster holding every Secret and key gets nothing on stdout, and says so on stderr', () => {
    const secrets = parseAllDocuments(renderSecrets('minikube-dev')).map((d) => d.toJSON() as KubeObject);
    const list = clusterList(secrets);
    expect(renderMissingSecrets('minikube-dev', list)).toEqual({ script: '', created: [], added: {} });
    const run = spawnSync('npm', ['run', '--silent', 'secrets', '--', 'minikube-dev', '--missing-from', '-'], { cwd: REPO_ROOT, input: list, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('nothing missing: every Secret and key minikube-dev needs exists\n');
  });

  test('input that is not a kubectl List fails without output', () => {
    const run = spawnSync('npm', ['run', '--silent', 'secrets', '--', 'minikube-dev', '--missing-from', '-'], { cwd: REPO_ROOT, input: '{"kind":"Secret"}', encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('--missing-from: expected a List with items (the output of kubectl get secrets -A -o json)\n');
  });
});
