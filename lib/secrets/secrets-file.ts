import { existsSync, readFileSync, writeFileSync } from 'fs';
import { App } from 'cdk8s';
import { RequiredCertificates } from './certificates';
import { mergeRequiredSecrets, RequiredSecret, RequiredSecrets } from './required-secrets';
import { NeededSecrets } from './secrets-script';

/**
 * When this environment variable names a file, every `app.synth()` also writes there what the
 * app's charts need and never contain: the Secrets their workloads read and the TLS Secrets of
 * their servers (as {@link NeededSecrets} JSON, merged with what earlier apps of the same run
 * wrote). `npx cdk8s-postgres secrets` runs an app this way; nothing else sets it.
 */
export const SECRETS_FILE_ENV = 'CDK8S_POSTGRES_SECRETS_FILE';

const INSTALLED = Symbol.for('cdk8s-postgres.secrets-file');

/** The NeededSecrets a file holds, or none. */
export function readNeededSecrets(file: string): NeededSecrets {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as NeededSecrets : { secrets: [], certificates: [] };
}

/** Both, each Secret once (the keys of the same Secret merged), each TLS Secret once. */
function mergedNeeds(a: NeededSecrets, b: NeededSecrets): NeededSecrets {
  const id = (s: { namespace: string; name: string }) => `${s.namespace}/${s.name}`;
  const secrets = new Map<string, RequiredSecret>();
  for (const s of [...a.secrets, ...b.secrets]) secrets.set(id(s), mergeRequiredSecrets(secrets.get(id(s)), s));
  const certificates = new Map([...a.certificates, ...b.certificates].map((c) => [id(c), c]));
  return { secrets: [...secrets.values()], certificates: [...certificates.values()] };
}

function install(): void {
  const app = App as unknown as { [INSTALLED]?: boolean; prototype: { synth: () => void } };
  if (app[INSTALLED]) return;
  app[INSTALLED] = true;
  const synth = app.prototype.synth;
  app.prototype.synth = function (this: App): void {
    synth.call(this);
    const file = process.env[SECRETS_FILE_ENV];
    if (!file) return;
    const known = readNeededSecrets(file);
    writeFileSync(file, JSON.stringify(mergedNeeds(known, { secrets: RequiredSecrets.collect(this), certificates: RequiredCertificates.collect(this) })));
  };
}

install();
