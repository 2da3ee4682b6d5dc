/** Pod templates of workloads: where they sit, the PostgreSQL major they run, and what a change of them loosens. */
import { parseImageReference } from '../../private/image-reference';
import { KEEP_ROLE_VERIFIERS, LOGIN_SECRET_VARIABLE_PREFIX, SCHEMA_JOB_COMPONENT, SERVER_CONTAINER } from '../../private/rendered-names';
import { joinPath, valueAt } from '../diff';
import { Emit, KubeObject, show } from './objects';

/** Path of the pod template inside a workload. */
export function templatePath(kind: string | undefined): string | undefined {
  switch (kind) {
    case 'StatefulSet': case 'Deployment': case 'DaemonSet': case 'ReplicaSet': case 'Job': return 'spec.template';
    case 'CronJob': return 'spec.jobTemplate.spec.template';
    default: return undefined;
  }
}

/** Whether the pods of workload `o` (in `namespace`) carry every label of `selector`. */
export function selectsPodsOf(selector: Readonly<Record<string, string>>, namespace: string | undefined, o: KubeObject): boolean {
  const path = templatePath(o.kind);
  if (o.metadata?.namespace !== namespace || path === undefined) return false;
  const labels = valueAt(o, `${path}.metadata.labels`) as Record<string, string> | undefined;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The major of the container named `postgres` (the tag's leading number), if any. */
export function postgresMajorOf(o: KubeObject): number | undefined {
  const containers: any[] = valueAt(o, `${templatePath(o.kind)}.spec.containers`) as any[] ?? [];
  const image: string | undefined = containers.find((c) => c?.name === SERVER_CONTAINER)?.image;
  const reference = image === undefined ? undefined : parseImageReference(image);
  const tag = typeof reference === 'object' ? reference.tag : undefined;
  const major = tag ? /^(\d+)/.exec(tag)?.[1] : undefined;
  return major ? Number(major) : undefined;
}

/** Findings common to every pod template: security settings loosened, other Secrets read. */
export function podTemplate(emit: Emit, old: KubeObject, now: KubeObject): void {
  const base = templatePath(now.kind)!;
  const oldSpec: any = valueAt(old, `${base}.spec`) ?? {};
  const newSpec: any = valueAt(now, `${base}.spec`) ?? {};
  const loosened = [
    ...securityLoosened(`${base}.spec.securityContext`, oldSpec.securityContext, newSpec.securityContext),
    ...matchedContainers(base, oldSpec, newSpec).flatMap(({ previous, container, path }) => securityLoosened(`${path}.securityContext`, previous.securityContext, container.securityContext)),
  ];
  for (const [path, what] of loosened) emit('security', path, `container security loosened: ${what}`, ['keep the restricted settings (Pod Security "restricted", read-only root filesystem) unless the workload truly needs more']);
  for (const [path, what] of clientsLoosened(base, oldSpec, newSpec)) emit('security', path, what, ['check that the weakening is meant and approved before applying']);
  for (const [path, what] of imagesMoved(base, oldSpec, newSpec)) emit('security', path, what, ['check that the registry and the repository are the ones meant, and pin the image by digest where they are not your own']);
  const [copiedTo, nowCopiedTo] = [backupCopyDestination(oldSpec), backupCopyDestination(newSpec)];
  if (copiedTo && !nowCopiedTo) {
    emit('security', `${base}.spec.containers`, `the dumps no longer leave the cluster (they were copied to ${copiedTo}): a lost cluster or claim loses every backup`, ['keep the upload unless the backups are copied out some other way']);
  } else if (copiedTo && nowCopiedTo && copiedTo !== nowCopiedTo) {
    emit('safe', `${base}.spec.containers`, `the dumps are copied to ${nowCopiedTo} instead of ${copiedTo}; the copies made so far stay where they are`, ['make sure the new destination exists and that the upload identity may write to it before the next run']);
  }
  if (oldSpec.automountServiceAccountToken === false && newSpec.automountServiceAccountToken !== false) {
    emit('security', `${base}.spec.automountServiceAccountToken`, `automountServiceAccountToken false -> ${show(newSpec.automountServiceAccountToken)}: the pods get a token for the Kubernetes API, with whatever its ServiceAccount may do`, ['keep it false unless the pods call the Kubernetes API']);
  }
  const oldSecrets = secretsOf(oldSpec);
  const newSecrets = new Set([...secretsOf(newSpec)].filter((s) => !oldSecrets.has(s)));
  if (!newSecrets.size) return;
  const read = (names: string[]) => `${names.length === 1 ? 'another Secret' : 'other Secrets'}: ${names.join(', ')}`;
  // The schema Job reads the passwords it sets (its logins' variables) and its server's CA (a volume)
  // from Secrets: a new one there is a new login's or server's. Any other (the superuser's password
  // it connects with) is new reach, as in every other workload.
  const schemaJob = now.metadata?.labels?.['app.kubernetes.io/component'] === SCHEMA_JOB_COMPONENT;
  const reach = schemaJob ? secretsOf(newSpec, (variable) => !variable.startsWith(LOGIN_SECRET_VARIABLE_PREFIX), false) : newSecrets;
  const other = [...newSecrets].filter((s) => reach.has(s));
  const own = [...newSecrets].filter((s) => !reach.has(s));
  if (own.length) emit('safe', `${base}.spec`, `the schema Job reads ${read(own)} (the passwords it sets and the CA it verifies the server with)`, ['make sure these Secrets exist before applying: the pod waits until they do']);
  if (other.length) emit('security', `${base}.spec`, `the pods read ${read(other)}`, ['check that these Secrets are the ones meant, and that they exist before applying']);
}

/**
 * Containers (matched by name) whose image comes from another registry or repository: whoever
 * controls that one runs code in the pod, with its Secrets.
 */
function imagesMoved(base: string, oldSpec: any, newSpec: any): Array<[string, string]> {
  const origin = (image: unknown) => {
    const parsed = typeof image === 'string' ? parseImageReference(image) : undefined;
    return parsed === undefined || typeof parsed === 'string' ? String(image) : `${parsed.registry ?? 'docker.io'}/${parsed.path}`;
  };
  return matchedContainers(base, oldSpec, newSpec).filter(({ previous, container }) => origin(previous.image) !== origin(container.image))
    .map(({ previous, container, path }) => [`${path}.image`, `container ${container.name}: the image comes from ${origin(container.image)} instead of ${origin(previous.image)}`]);
}

/**
 * Where a backup pod's upload step copies the dumps (BackupCronJob's `upload`), as a URL, or
 * undefined without one: Azure Blob Storage's container or S3's bucket, with the prefix.
 */
function backupCopyDestination(spec: any): string | undefined {
  for (const c of spec?.containers ?? []) {
    const env = (name: string) => (c?.env ?? []).find((e: any) => e?.name === name)?.value as string | undefined;
    if (env('S3_BUCKET')) return `s3://${env('S3_BUCKET')}/${env('S3_PREFIX') ?? ''} (${env('S3_REGION') ?? 'no region'})`;
    if (env('BLOB_ENDPOINT')) return `${env('BLOB_ENDPOINT')}/${env('BLOB_CONTAINER') ?? ''}/${env('BLOB_PREFIX') ?? ''}`;
  }
  return undefined;
}

/** libpq's sslmode values, weakest first; unset is `prefer`. */
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/**
 * What the library's clients lose, container by container (matched by name), as [path, description]:
 * a weaker `PGSSLMODE`, and a backup that starts keeping the roles' password verifiers
 * (`KEEP_ROLE_VERIFIERS`, BackupCronJob's rolePasswords) in its dumps and uploads.
 */
function clientsLoosened(base: string, oldSpec: any, newSpec: any): Array<[string, string]> {
  const env = (container: any, name: string) => (container?.env ?? []).find((e: any) => e?.name === name)?.value as string | undefined;
  return matchedContainers(base, oldSpec, newSpec).flatMap(({ previous, container: c, path: containerPath }) => {
    const found: Array<[string, string]> = [];
    const path = `${containerPath}.env`;
    const [before, after] = [env(previous, 'PGSSLMODE') ?? 'prefer', env(c, 'PGSSLMODE') ?? 'prefer'];
    if (SSL_MODES.indexOf(after) < SSL_MODES.indexOf(before)) {
      found.push([path, `container ${c.name}: PGSSLMODE ${before} -> ${after}${env(c, 'PGSSLMODE') === undefined ? ' (libpq\'s default)' : ''}: the client ${SSL_MODES.indexOf(after) < SSL_MODES.indexOf('require') ? 'may send its password and data unencrypted' : 'no longer checks that it talks to the server it means'}`]);
    }
    if (env(previous, KEEP_ROLE_VERIFIERS) !== 'true' && env(c, KEEP_ROLE_VERIFIERS) === 'true') {
      found.push([path, `container ${c.name}: the dumps keep every role's password verifier (rolePasswords): whoever reads a dump or an upload can try the passwords offline, or log in where MD5 verifiers are accepted`]);
    }
    return found;
  });
}

/** Each init container, then each container, of the new pod spec that the old one has under the same name, with its path. */
function matchedContainers(base: string, oldSpec: any, newSpec: any): Array<{ previous: any; container: any; path: string }> {
  return ['initContainers', 'containers'].flatMap((list) => ((newSpec[list] ?? []) as any[]).flatMap((container, i) => {
    const previous = (oldSpec[list] ?? []).find((p: any) => p?.name === container?.name);
    return previous ? [{ previous, container, path: `${base}.spec.${list}[${i}]` }] : [];
  }));
}

/** What got looser in a securityContext, as [path, description]. */
function securityLoosened(path: string, before: any = {}, after: any = {}): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const flag = (field: string, safe: boolean, what: string) => {
    if (before?.[field] === safe && after?.[field] !== safe) found.push([joinPath(path, field), `${field} ${show(before?.[field])} -> ${show(after?.[field])} (${what})`]);
  };
  flag('runAsNonRoot', true, 'the container may run as root');
  flag('allowPrivilegeEscalation', false, 'a process may gain more privileges than its parent');
  flag('readOnlyRootFilesystem', true, 'the container may write to its image');
  if (before?.privileged !== true && after?.privileged === true) found.push([joinPath(path, 'privileged'), 'privileged true (the container has every capability of the host)']);
  const addedCaps = (after?.capabilities?.add ?? []).filter((c: string) => !(before?.capabilities?.add ?? []).includes(c));
  if (addedCaps.length) found.push([joinPath(path, 'capabilities.add'), `capabilities added: ${addedCaps.join(', ')}`]);
  const lostDrops = (before?.capabilities?.drop ?? []).filter((c: string) => !(after?.capabilities?.drop ?? []).includes(c));
  if (lostDrops.length) found.push([joinPath(path, 'capabilities.drop'), `capabilities no longer dropped: ${lostDrops.join(', ')}`]);
  if (before?.runAsUser !== undefined && before.runAsUser !== 0 && after?.runAsUser === 0) found.push([joinPath(path, 'runAsUser'), 'runAsUser 0 (root)']);
  return found;
}

/** Secrets a pod spec reads: env (of the variables `variable` takes; envFrom counts as '') and envFrom, and volumes unless told not to. */
function secretsOf(spec: any, variable: (name: string) => boolean = () => true, volumes = true): Set<string> {
  const names = new Set<string>();
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const e of c?.env ?? []) if (e?.valueFrom?.secretKeyRef?.name && variable(e.name)) names.add(e.valueFrom.secretKeyRef.name);
    if (variable('')) for (const e of c?.envFrom ?? []) if (e?.secretRef?.name) names.add(e.secretRef.name);
  }
  for (const v of volumes ? spec?.volumes ?? [] : []) {
    if (v?.secret?.secretName) names.add(v.secret.secretName);
    for (const s of v?.projected?.sources ?? []) if (s?.secret?.name) names.add(s.secret.name);
  }
  return names;
}
