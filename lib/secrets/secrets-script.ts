import { randomBytes } from 'crypto';
import { stringify } from 'yaml';
import { RequiredCertificate } from './certificates';
import { selfSignedCertificates } from './dev-certificates';
import { RequiredSecret } from './required-secrets';
import { MANAGED_BY_LABEL } from '../private/labels';

/**
 * The Secrets that manifests reference but never contain, made for a cluster: whole Secrets with
 * freshly generated passwords, and for servers whose certificate cert-manager does not issue,
 * kubernetes.io/tls Secrets signed by a fresh self-signed CA (development only; see docs/tls.md).
 * The repository's `npm run secrets` and the package's `npx cdk8s-postgres secrets` print them.
 */

/** What a set of charts needs: the Secrets its workloads read, and the TLS Secrets of its servers. */
export interface NeededSecrets {
  readonly secrets: readonly RequiredSecret[];
  readonly certificates: readonly RequiredCertificate[];
}

/** 32 URL-safe characters from 24 random bytes (192 bits). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

const LABELS = { ...MANAGED_BY_LABEL };
const HEREDOC = 'CDK8S_POSTGRES_SECRETS';

interface SecretManifest {
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly labels: Record<string, string>;
  /** Every key the environment needs, with a fresh value for generated passwords. */
  readonly values: () => Record<string, string>;
}

function opaqueSecrets(needed: NeededSecrets, password: () => string): SecretManifest[] {
  return needed.secrets.map((secret): SecretManifest => ({
    namespace: secret.namespace,
    name: secret.name,
    type: secret.type ?? 'Opaque',
    labels: { ...LABELS, ...secret.labels },
    values: () => Object.fromEntries(Object.entries(secret.keys).map(([key, content]) => [key, 'value' in content ? content.value : password()])),
  }));
}

/** The YAML documents of whole Secrets; TLS pairs signed by one fresh self-signed CA. */
function wholeSecrets(opaque: readonly SecretManifest[], tls: readonly RequiredCertificate[]): string[] {
  const pairs = selfSignedCertificates(tls);
  const document = (secret: { namespace: string; name: string }, type: string, labels: Record<string, string>, stringData: object) => stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    type,
    metadata: { name: secret.name, namespace: secret.namespace, labels },
    stringData,
  });
  return [...opaque.map((secret) => document(secret, secret.type, secret.labels, secret.values())), ...tls.map((certificate, i) => document(certificate, 'kubernetes.io/tls', LABELS, pairs[i]))];
}

/** The Secrets `needed` lists, as Kubernetes YAML documents with freshly generated passwords, for `kubectl create -f -`. */
export function renderNeededSecrets(needed: NeededSecrets, password: () => string = generatePassword): string {
  return wholeSecrets(opaqueSecrets(needed, password), needed.certificates).join('---\n');
}

/** Keys of each existing Secret (`<namespace>/<name>`), from `kubectl get secrets -A -o json`. Values are never read. */
export function existingSecretKeys(listJson: string): Map<string, Set<string>> {
  let list: unknown;
  try {
    list = JSON.parse(listJson);
  } catch (error) {
    throw new Error(`--missing-from: not JSON (expected the output of kubectl get secrets -A -o json): ${(error as Error).message}`);
  }
  const items = (list as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new Error('--missing-from: expected a List with items (the output of kubectl get secrets -A -o json)');
  const keys = new Map<string, Set<string>>();
  for (const item of items as Array<{ kind?: string; metadata?: { namespace?: string; name?: string }; data?: object; stringData?: object }>) {
    if (item?.kind !== undefined && item.kind !== 'Secret') continue;
    const { namespace, name } = item?.metadata ?? {};
    if (typeof namespace !== 'string' || typeof name !== 'string') {
      throw new Error('--missing-from: an item has no metadata.namespace and metadata.name (list Secrets with kubectl get secrets -A -o json)');
    }
    keys.set(`${namespace}/${name}`, new Set([...Object.keys(item.data ?? {}), ...Object.keys(item.stringData ?? {})]));
  }
  return keys;
}

/** What {@link renderMissingSecrets} adds, for a summary without values. */
export interface MissingSecrets {
  /** A POSIX sh script for `| sh`, or '' when nothing is missing. */
  readonly script: string;
  /** `<namespace>/<name>` of each Secret created whole. */
  readonly created: string[];
  /** `<namespace>/<name>` → keys added to an existing Secret. */
  readonly added: Record<string, string[]>;
}

/**
 * What `needed` lists and a cluster lacks, as a sh script: one `kubectl create -f -` of the
 * Secrets that do not exist (as {@link renderSecrets} prints them), and per existing Secret that
 * lacks keys, a `kubectl patch --type merge` adding only those keys under `data`. A JSON merge
 * patch (RFC 7386) leaves every key it does not name as it is; server-side apply would not be safe
 * here, since it deletes the keys its field manager set before and no longer applies. Values reach
 * kubectl on stdin (here-documents), never its command line. Existing keys are never read or
 * printed; existing TLS Secrets are left alone.
 */
export function renderMissingNeededSecrets(needed: NeededSecrets, existingListJson: string, what: string, password: () => string = generatePassword): MissingSecrets {
  const existing = existingSecretKeys(existingListJson);
  const opaque = opaqueSecrets(needed, password);
  const tls = needed.certificates;
  const id = (secret: { namespace: string; name: string }) => `${secret.namespace}/${secret.name}`;
  const absent = (secret: { namespace: string; name: string }) => !existing.has(id(secret));
  const missingOpaque = opaque.filter(absent);
  const missingTls = tls.filter(absent);
  const whole = wholeSecrets(missingOpaque, missingTls);
  const lines: string[] = [];
  if (whole.length > 0) lines.push('kubectl create -f - <<\'' + HEREDOC + '\'', whole.join('---\n').trimEnd(), HEREDOC);
  const added: Record<string, string[]> = {};
  for (const secret of opaque.filter((s) => !absent(s))) {
    const have = existing.get(id(secret))!;
    const values = secret.values();
    const lacking = Object.keys(values).filter((key) => !have.has(key));
    if (lacking.length === 0) continue;
    added[id(secret)] = lacking;
    const data = Object.fromEntries(lacking.map((key) => [key, Buffer.from(values[key], 'utf8').toString('base64')]));
    lines.push(
      `kubectl patch secret '${secret.name}' -n '${secret.namespace}' --type merge --patch-file /dev/stdin <<'${HEREDOC}'`,
      JSON.stringify({ data }),
      HEREDOC,
    );
  }
  const created = [...missingOpaque, ...missingTls].map(id);
  if (lines.length === 0) return { script: '', created, added };
  const header = [
    '#!/bin/sh',
    `# The Secrets and keys ${what} needs and the cluster lacks (cdk8s-postgres).`,
    '# Values pass to kubectl on stdin; keys that exist are not touched.',
    'set -eu',
  ];
  return { script: [...header, ...lines, ''].join('\n'), created, added };
}


/** What a {@link MissingSecrets} script does, for stderr: a line per Secret created or added to, or that nothing is missing for `who`. */
export function missingSecretsSummary(missing: MissingSecrets, who: string): string {
  const lines = [
    ...missing.created.map((secret) => `creates Secret ${secret}`),
    ...Object.entries(missing.added).map(([secret, keys]) => `adds to Secret ${secret}: ${keys.join(', ')}`),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : `nothing missing: every Secret and key ${who} needs exists\n`;
}

/**
 * What a secrets command prints for `needed`: every Secret, or, given the cluster's list
 * (`existingListJson`), the script that creates only what it lacks (`what` names the source in
 * the script) with its summary for stderr (`who` in "every Secret … needs exists").
 */
export function neededSecretsOutput(needed: NeededSecrets, existingListJson: string | undefined, what: string, who: string): { stdout: string; stderr: string; status: number } {
  if (existingListJson === undefined) return { stdout: renderNeededSecrets(needed), stderr: '', status: 0 };
  const missing = renderMissingNeededSecrets(needed, existingListJson, what);
  return { stdout: missing.script, stderr: missingSecretsSummary(missing, who), status: 0 };
}
