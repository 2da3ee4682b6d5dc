import { spawnSync, SpawnSyncReturns } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KubeObject, only } from './manifests';
import { TestServer } from './postgres-server';

/** Secret name → key → value, standing in for the cluster's Secrets. */
export type TestSecrets = Record<string, Record<string, string>>;

/**
 * Runs a Job's container command exactly as written in the manifest, with bash, against a test
 * server: the container's environment with Secret references resolved from `secrets`, PGHOST
 * and PGPORT pointed at the server, and the mounted ConfigMap's files in a temporary directory
 * standing in for the mount.
 */
export function runJobScript(objects: KubeObject[], jobName: string, server: TestServer | { port: number }, secrets: TestSecrets, overrides: Record<string, string> = {}): SpawnSyncReturns<string> {
  const job = only(objects, 'Job', jobName);
  const pod = job.spec.template.spec;
  const [container] = pod.containers;
  const dir = mkdtempSync(join(tmpdir(), 'job-'));
  try {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
    const configMounts: string[] = [];
    for (const mount of container.volumeMounts ?? []) {
      const volume = pod.volumes.find((v: any) => v.name === mount.name);
      if (!volume?.configMap) continue;
      configMounts.push(mount.mountPath);
      const configMap = only(objects, 'ConfigMap', volume.configMap.name);
      for (const [file, text] of Object.entries<string>(configMap.data)) writeFileSync(join(dir, file), text);
    }
    for (const e of container.env ?? []) {
      if (e.value !== undefined) {
        // A variable naming the ConfigMap's mount path points at the stand-in directory.
        env[e.name] = configMounts.includes(e.value) ? dir : e.value;
      } else {
        const ref = e.valueFrom.secretKeyRef;
        const value = secrets[ref.name]?.[ref.key];
        if (value === undefined) throw new Error(`test secrets lack key '${ref.key}' of Secret '${ref.name}'`);
        env[e.name] = value;
      }
    }
    Object.assign(env, { PGHOST: '127.0.0.1', PGPORT: String(server.port) }, overrides);
    const [shell, flag, script] = container.command;
    return spawnSync(shell, [flag, script], { env, encoding: 'utf8', timeout: 120000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
