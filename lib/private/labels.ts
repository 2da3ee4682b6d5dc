import { createHash } from 'crypto';
/** The label on every object the library emits. */
export const MANAGED_BY_LABEL: Readonly<Record<string, string>> = { 'app.kubernetes.io/managed-by': 'cdk8s-postgres' };

/** Labels that select the server's pods; immutable once a StatefulSet exists. */
export function selectorLabels(instance: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': instance };
}

/** Labels on every object the library emits for one server. */
export function commonLabels(instance: string, component: string): Record<string, string> {
  return { ...selectorLabels(instance), 'app.kubernetes.io/component': component, ...MANAGED_BY_LABEL };
}

/**
 * The label a pod carries to be admitted by the server's NetworkPolicy:
 * `access.cdk8s-postgres.io/<statefulset>: "true"`. One key per server, so a pod can be a
 * client of several.
 */
export function clientLabel(instance: string): { readonly key: string; readonly value: string } {
  return { key: `access.cdk8s-postgres.io/${instance}`, value: 'true' };
}

/**
 * The labels that select a server's clients, `{ <clientLabel.key>: <clientLabel.value> }`, as a
 * plain object kept as a dictionary. Built as a literal, each new key gives V8's shape of an
 * empty object another transition, kept while the object lives, and V8 adds none past 1536. The
 * key names its server, so a fleet of one chart per server (each chart's first child id takes a
 * transition too) used them up before rendering, and every object cdk8s rendered afterwards got a
 * shape of its own: 1000 servers took 3.4-3.7 s and 290-340 MiB instead of 2.5-2.6 s and about
 * 200 MiB. A dictionary takes no transition; it reads and renders like any object.
 */
export function clientSelector(clientLabel: { readonly key: string; readonly value: string }): Record<string, string> {
  const labels: Record<string, string> = Object.setPrototypeOf(Object.create(null), Object.prototype);
  labels[clientLabel.key] = clientLabel.value;
  return labels;
}

/**
 * Label keys a user may not set on the library's objects, and why: the library's own (its
 * selectors pick pods and Services by them), and those Kubernetes sets on the pods of Jobs and
 * StatefulSets. A user's value would take the library's place, and a NetworkPolicy, Service,
 * PodDisruptionBudget or ServiceMonitor would select other pods, or none.
 */
export function reservedLabelProblem(key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(commonLabels('x', 'x'), key) || key.startsWith('cdk8s-postgres.io/') || key.startsWith('access.cdk8s-postgres.io/')) {
    return "is a label the library sets and selects the server's pods, Jobs and Services by; choose a key of your own";
  }
  if (['job-name', 'controller-uid', 'controller-revision-hash'].includes(key) || /^(batch|statefulset|apps)\.kubernetes\.io\//.test(key)) {
    return 'is a label Kubernetes sets on the pods of Jobs and StatefulSets and selects them by; choose a key of your own';
  }
  return undefined;
}

/**
 * The label that finds a Job named after its content (`<name>-<8 hex digits>`) by `<name>`:
 * `kubectl get jobs -l cdk8s-postgres.io/job=<name>`.
 */
export const CONTENT_NAMED_JOB_LABEL = 'cdk8s-postgres.io/job';

/** Characters the hash suffix of a content-named Job takes: '-' and 8 hex digits. */
const CONTENT_SUFFIX = 9;

/** The most characters `<name>` may have: the Job's pods carry its whole name as the 63-character label job-name. */
export const CONTENT_NAMED_JOB_MAX = 63 - CONTENT_SUFFIX;

/** `<name>-<first 8 hex digits of the SHA-256 of the pod template>`. */
export function contentNamedJob(name: string, podTemplate: object): string {
  return `${name}-${createHash('sha256').update(JSON.stringify(podTemplate)).digest('hex').slice(0, CONTENT_SUFFIX - 1)}`;
}
