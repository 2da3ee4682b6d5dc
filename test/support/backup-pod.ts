import { SpawnSyncReturns } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { busyboxApplets } from './busybox';
import { selfSignedCertificate } from './certificates';
import { KubeObject } from './manifests';
import { TestServer } from './postgres-server';
import { runJobScript, TestSecrets } from './run-job';

/** The shell an upload step runs under, and what goes first on its PATH. */
export interface UploadShell {
  readonly shell?: string[];
  readonly path?: string;
}

/**
 * The shells the upload runs under: the machine's /bin/sh, and busybox's with its applets first on
 * PATH, as in the curl image (Alpine). Each is made from the pod's folder of applets.
 */
export const UPLOAD_SHELLS: [string, (busyboxBin: string) => UploadShell][] = [
  ['/bin/sh', () => ({})],
  ['busybox sh and applets', (busyboxBin) => ({ shell: ['busybox', 'sh'], path: busyboxBin })],
];

/**
 * A backup CronJob's pod of a rendered environment as the kubelet runs it: its backup claim and
 * the upload list (emptyDir) as folders, a self-signed certificate for 127.0.0.1 for the cloud's
 * stand-ins (`keyFile`, `certFile`), and BusyBox's `applets`.
 */
export class BackupPod {
  readonly work: string;
  readonly claim: string;
  readonly uploads: string;
  readonly keyFile: string;
  readonly certFile: string;
  readonly busyboxBin: string;

  constructor(private readonly objects: KubeObject[], private readonly cronJob: string, private readonly claimName: string, applets: string[]) {
    this.work = mkdtempSync(join(tmpdir(), `${cronJob}-pod-`));
    this.claim = mkdtempSync(join(this.work, 'claim-'));
    this.uploads = mkdtempSync(join(this.work, 'upload-list-'));
    this.keyFile = join(this.work, 'key.pem');
    this.certFile = join(this.work, 'cert.pem');
    this.busyboxBin = busyboxApplets(this.work, applets);
    const pair = selfSignedCertificate('127.0.0.1', 'IP:127.0.0.1');
    writeFileSync(this.keyFile, pair.key);
    writeFileSync(this.certFile, pair.certificate);
  }

  /** Runs the dump step (the init container `backup`) into the claim; throws with its stderr when it fails. */
  dump(server: TestServer, secrets: TestSecrets): void {
    const run = runJobScript(this.objects, this.cronJob, server, secrets, { container: 'backup', ...this.volumes() });
    if (run.status !== 0) throw new Error(run.stderr);
  }

  /** Runs the upload step under `shell`, trusting the pod's certificate, with `env` added to the container's. */
  upload(server: TestServer, shell: UploadShell, env: Record<string, string>): SpawnSyncReturns<string> {
    return runJobScript(this.objects, this.cronJob, server, {}, {
      shell: shell.shell,
      container: 'upload',
      ...this.volumes(),
      env: { CURL_CA_BUNDLE: this.certFile, ...(shell.path ? { PATH: `${shell.path}:${process.env.PATH}` } : {}), ...env },
    });
  }

  remove(): void {
    rmSync(this.work, { recursive: true, force: true });
  }

  private volumes() {
    return { claims: { [this.claimName]: this.claim }, emptyDirs: { 'upload-list': this.uploads } };
  }
}
