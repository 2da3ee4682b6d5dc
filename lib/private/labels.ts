/** Labels that select the server's pods; immutable once a StatefulSet exists. */
export function selectorLabels(instance: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': instance };
}

/** Labels on every object the library emits for one server. */
export function commonLabels(instance: string, component: string): Record<string, string> {
  return { ...selectorLabels(instance), 'app.kubernetes.io/component': component, 'app.kubernetes.io/managed-by': 'cdk8s-postgres' };
}

/**
 * The label a pod carries to be admitted by the server's NetworkPolicy:
 * `access.cdk8s-postgres.io/<statefulset>: "true"`. One key per server, so a pod can be a
 * client of several.
 */
export function clientLabel(instance: string): { readonly key: string; readonly value: string } {
  return { key: `access.cdk8s-postgres.io/${instance}`, value: 'true' };
}
