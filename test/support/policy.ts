import { KubeObject, podSpecOf } from './manifests';

/** A broken rule of the security baseline, with the object and container it was found on. */
export interface Violation {
  readonly rule: string;
  readonly object: string;
  readonly detail: string;
}

const ALLOWED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const LONG_RUNNING = ['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Pod'];

/**
 * DESIGN.md's security baseline: Pod Security Standards "restricted", a read-only root
 * filesystem, requests and a memory limit, probes on servers, pinned images, no service account
 * token; for PostgreSQL servers also a NetworkPolicy on 5432 that limits egress too, and pg_hba without
 * `trust` over TCP.
 */
export function checkSecurityBaseline(objects: KubeObject[]): Violation[] {
  const violations: Violation[] = [];
  for (const o of objects) {
    const pod = podSpecOf(o);
    if (!pod) continue;
    const object = `${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`;
    const add = (rule: string, detail: string) => violations.push({ rule, object, detail });
    const psc = pod.securityContext ?? {};
    if (pod.automountServiceAccountToken !== false) add('automountServiceAccountToken', 'must be false');
    for (const flag of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[flag]) add(flag, 'must not be set');
    for (const volume of pod.volumes ?? []) {
      const type = Object.keys(volume).find((k) => k !== 'name');
      if (!type || !ALLOWED_VOLUME_TYPES.includes(type)) add('volume types', `volume '${volume.name}' is of type ${type}`);
    }
    const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
    for (const c of containers) {
      const csc = c.securityContext ?? {};
      const where = `container '${c.name}'`;
      const effective = (key: string) => csc[key] ?? psc[key];
      if (effective('runAsNonRoot') !== true) add('runAsNonRoot', `${where}: must be true`);
      const uid = effective('runAsUser');
      if (typeof uid !== 'number' || uid === 0) add('runAsUser', `${where}: must be a non-zero uid, is ${uid}`);
      const seccomp = effective('seccompProfile')?.type;
      if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) add('seccompProfile', `${where}: must be RuntimeDefault or Localhost, is ${seccomp}`);
      if (csc.allowPrivilegeEscalation !== false) add('allowPrivilegeEscalation', `${where}: must be false`);
      if (csc.privileged === true) add('privileged', `${where}: must not be privileged`);
      if (!(csc.capabilities?.drop ?? []).includes('ALL')) add('capabilities.drop', `${where}: must drop ALL`);
      const added = (csc.capabilities?.add ?? []).filter((cap: string) => cap !== 'NET_BIND_SERVICE');
      if (added.length) add('capabilities.add', `${where}: adds ${added.join(', ')}`);
      if (csc.readOnlyRootFilesystem !== true) add('readOnlyRootFilesystem', `${where}: must be true`);
      for (const port of c.ports ?? []) if (port.hostPort) add('hostPort', `${where}: uses host port ${port.hostPort}`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) add('resources.requests', `${where}: needs cpu and memory requests`);
      if (!c.resources?.limits?.memory) add('resources.limits.memory', `${where}: needs a memory limit`);
      if (!isPinned(c.image)) add('pinned image', `${where}: image '${c.image}' is not pinned to a version`);
      if (LONG_RUNNING.includes(o.kind) && !(pod.initContainers ?? []).includes(c) && (!c.livenessProbe || !c.readinessProbe)) add('probes', `${where}: needs liveness and readiness probes`);
      if (isPostgresServer(c) && ![c.livenessProbe, c.readinessProbe, c.startupProbe].every(usesPgIsReady)) {
        add('pg_isready probes', `${where}: startup, liveness and readiness probes must run pg_isready`);
      }
    }
    if (containers.some(isPostgresServer)) violations.push(...serverNetworkRules(o, objects, object));
  }
  for (const o of objects.filter((x) => x.kind === 'ConfigMap' && typeof x.data?.['pg_hba.conf'] === 'string')) {
    const trusted = o.data['pg_hba.conf'].split('\n').filter((line: string) => /^\s*host/.test(line) && /\btrust\b/.test(line));
    if (trusted.length) violations.push({ rule: 'pg_hba trust', object: `ConfigMap/${o.metadata.namespace}/${o.metadata.name}`, detail: trusted.join('; ') });
  }
  return violations;
}

function serverNetworkRules(server: KubeObject, objects: KubeObject[], object: string): Violation[] {
  const labels = server.spec.template.metadata?.labels ?? {};
  const guarding = objects.filter((p) => p.kind === 'NetworkPolicy' && p.metadata.namespace === server.metadata.namespace &&
    Object.entries(p.spec?.podSelector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
    (p.spec?.policyTypes ?? []).includes('Ingress'));
  if (!guarding.length) return [{ rule: 'NetworkPolicy', object, detail: 'no NetworkPolicy restricts ingress to the server' }];
  const open = guarding.flatMap((p) => p.spec.ingress ?? []).filter((rule: any) => !rule.from?.length || rule.from.some((peer: any) => peer.ipBlock || isEmptySelector(peer)));
  const violations: Violation[] = open.length ? [{ rule: 'NetworkPolicy', object, detail: 'an ingress rule admits every pod or address' }] : [];
  if (!guarding.some((p) => p.spec.policyTypes.includes('Egress'))) violations.push({ rule: 'NetworkPolicy egress', object, detail: 'no NetworkPolicy limits what the server may reach' });
  return violations;
}

function isEmptySelector(peer: any): boolean {
  return peer.podSelector !== undefined && Object.keys(peer.podSelector).length === 0 && peer.namespaceSelector === undefined;
}

function isPostgresServer(container: any): boolean {
  return (container.ports ?? []).some((p: any) => p.containerPort === 5432);
}

function usesPgIsReady(probe: any): boolean {
  return Boolean(probe?.exec?.command?.join(' ').includes('pg_isready'));
}

function isPinned(image: string | undefined): boolean {
  if (!image) return false;
  if (image.includes('@sha256:')) return true;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  return tag !== '' && tag !== 'latest' && !/^\d+$/.test(tag);
}
