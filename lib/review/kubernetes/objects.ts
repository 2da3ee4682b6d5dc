/**
 * What the Kubernetes rules share: objects as plain JSON, the context of a review, the emitter
 * rules report findings through, and how values and targets are shown in messages.
 */
import { Change } from '../diff';
import { Effects, Finding, Risk } from '../finding';

/** An object of a synthesized manifest, as plain JSON. */
export type KubeObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown }; [k: string]: any };


/** The environment and both lists of objects under review. */
export interface Context {
  readonly environment: string;
  readonly before: KubeObject[];
  readonly after: KubeObject[];
  /** The step that prints the script growing StatefulSet `name`'s claims to `size`. */
  readonly growStep: (name: string, size: string) => string;
}

/**
 * Reports one finding about the object the emitter was made for: its risk, and where the rule
 * knows more than the risk says, its effects (the rest follow from the risk, see effectsOf).
 */
export type Emit = (risk: Risk, path: string, message: string, steps?: string[], effects?: Partial<Effects>) => void;

/** `Kind/namespace/name`, or `Kind/name` for cluster-wide objects. */
export function targetOf(o: KubeObject): string {
  const ns = o.metadata?.namespace;
  return ns ? `${o.kind}/${ns}/${o.metadata?.name}` : `${o.kind}/${o.metadata?.name}`;
}

/** The API group of an object (`acid.zalan.do`), or '' for the core group. */
export function groupOf(o: KubeObject): string {
  const apiVersion = o.apiVersion ?? '';
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** ` -n <namespace>` for a kubectl command about the object, or nothing for cluster-wide objects. */
export const where = (o: KubeObject) => (o.metadata?.namespace ? ` -n ${o.metadata.namespace}` : '');
/**
 * The step that applies the rendered objects, as the rules write it. The review puts the command
 * in its place when it knows how the objects are deployed (see ReviewObjectsOptions.applyCommand).
 */
export const APPLY = 'kubectl apply -f <the manifests> (or npx cdktf deploy <stack>)';

/** `finding` with `command` in place of {@link APPLY} in its steps. */
export function withApplyCommand(finding: Finding, command: string): Finding {
  return finding.steps.some((s) => s.includes(APPLY)) ? { ...finding, steps: finding.steps.map((s) => s.split(APPLY).join(command)) } : finding;
}

/** `a: x -> y` for up to three changes, then how many more. */
export function describe(changes: readonly Change[]): string {
  const shown = changes.slice(0, 3).map((c) => `${c.path}: ${show(c.before)} -> ${show(c.after)}`);
  return changes.length > 3 ? `${shown.join(', ')} and ${changes.length - 3} more` : shown.join(', ');
}

/** A value as a message shows it: JSON unless a string, cut at 60 characters. */
export function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
