/** Rules for who may reach what: Services, Secrets, immutable ConfigMaps and Secrets, and Namespaces' Pod Security levels. */
import { Change, commonPath, joinPath, under } from '../diff';
import { APPLY, Context, Emit, KubeObject, describe, show, where } from './objects';
import { selectsPodsOf } from './pod-templates';

/** Pod Security levels, loosest first. */
const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'];

/**
 * Service. Kubernetes API reference, ServiceSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/): clusterIP
 * and clusterIPs "may not be changed through updates" unless the type changes to or from
 * ExternalName. A type NodePort or LoadBalancer exposes the port outside the cluster.
 */
export function service(emit: Emit, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const typeChange = changes.find((c) => c.path === 'spec.type');
  const toOrFromExternalName = typeChange && (typeChange.before === 'ExternalName' || typeChange.after === 'ExternalName');
  const ips = changes.filter((c) => under(c.path, 'spec.clusterIP') || under(c.path, 'spec.clusterIPs') || under(c.path, 'spec.clusterIp') || under(c.path, 'spec.clusterIps'));
  if (ips.length && !toOrFromExternalName) {
    emit('refused', commonPath(ips.map((c) => c.path)), `a Service's clusterIP cannot change: ${describe(ips)}`, [
      `kubectl delete service ${now.metadata?.name}${where(now)}   (clients lose the Service until it is created again)`,
      APPLY,
    ]);
  }
  if (typeChange && (typeChange.after === 'NodePort' || typeChange.after === 'LoadBalancer')) {
    emit('security', 'spec.type', `Service type ${show(typeChange.before)} -> ${typeChange.after}: the port is reachable from outside the cluster`, ['check that pg_hba.conf and the NetworkPolicies still admit only the intended clients']);
  }
  const selector = changes.filter((c) => under(c.path, 'spec.selector'));
  // Switching to another workload of these manifests (a declared upgrade's new server) is the point of some changes; selecting none of them is not.
  const labels: Record<string, string> = now.spec?.selector ?? {};
  const selectsAWorkload = Object.keys(labels).length > 0 && ctx.after.some((o) => selectsPodsOf(labels, now.metadata?.namespace, o));
  if (selector.length && !selectsAWorkload) {
    emit('security', 'spec.selector', `the Service selects pods no workload of these manifests has (${describe(selector)}): its clients reach whatever pods carry these labels, or none`, ['check that the selector matches the server\'s pods only']);
  }
  return [...ips.map((c) => c.path), ...(typeChange ? ['spec.type'] : []), ...selector.map((c) => c.path)];
}

/**
 * What a monitor or a disruption budget selects (prometheus-operator's ServiceMonitor and
 * PodMonitor, policy/v1 PodDisruptionBudget): another selector can select nothing, and then the
 * alerts that say a server is down (pg_up == 0) never fire, or the budget protects no pod.
 */
export function selection(emit: Emit, now: KubeObject, changes: Change[]): string[] {
  const selector = changes.filter((c) => ['spec.selector', 'spec.namespaceSelector', 'spec.podSelector'].some((p) => under(c.path, p)));
  if (selector.length) {
    const what = now.kind === 'PodDisruptionBudget' ? 'the pods it keeps from voluntary eviction' : 'what Prometheus scrapes: a selector that matches nothing silences the alerts that a server is down';
    emit('security', commonPath(selector.map((c) => c.path)), `${now.kind} ${now.metadata?.name} selects otherwise (${describe(selector)}): it changes ${what}`, ['check that the selector still matches the server\'s Service or pods (kubectl get … -l <labels>)']);
  }
  return selector.map((c) => c.path);
}

/** Secret: `immutable: true` makes its data unchangeable (Kubernetes API reference, Secret: https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/). */
export function secret(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  return immutableData(emit, old, now, changes);
}

/**
 * `immutable: true` on a ConfigMap or Secret: "ensures that data stored in the ConfigMap cannot be
 * updated (only object metadata can be modified)" (Kubernetes API reference, ConfigMap:
 * https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/).
 */
export function immutableData(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  if (old.immutable !== true) return [];
  const data = changes.filter((c) => !under(c.path, 'metadata'));
  if (data.length) {
    emit('refused', commonPath(data.map((c) => c.path)), `${now.kind} ${now.metadata?.name} is immutable: its data cannot change (${describe(data)})`, [
      `kubectl delete ${(now.kind ?? '').toLowerCase()} ${now.metadata?.name}${where(now)}`,
      `${APPLY}   (pods that mount it read the new data only after a restart)`,
    ]);
  }
  return data.map((c) => c.path);
}

/** Pod Security admission labels (https://kubernetes.io/docs/concepts/security/pod-security-admission/): a lower enforce level admits less restricted pods. */
export function namespace(emit: Emit, old: KubeObject, now: KubeObject, _changes: Change[]): string[] {
  const explained: string[] = [];
  for (const mode of ['enforce', 'audit', 'warn']) {
    const label = `pod-security.kubernetes.io/${mode}`;
    const before = old.metadata?.labels?.[label];
    const after = now.metadata?.labels?.[label];
    if (before === undefined || before === after) continue;
    const path = joinPath('metadata.labels', label);
    explained.push(path);
    const lower = after === undefined || POD_SECURITY_LEVELS.indexOf(after) < POD_SECURITY_LEVELS.indexOf(before);
    if (lower) emit('security', path, `Pod Security ${mode} level ${before} -> ${after ?? '(none)'}: pods with looser security settings are ${mode === 'enforce' ? 'admitted' : 'no longer reported'}`, ['keep "restricted": every pod the library renders meets it']);
  }
  return explained;
}
