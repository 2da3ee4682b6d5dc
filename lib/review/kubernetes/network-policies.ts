/** Rules for NetworkPolicies: the traffic a policy allows, as grants, and when removing one restricts nothing. */
import { Change, under } from '../diff';
import { Context, Emit, KubeObject } from './objects';
import { selectsPodsOf } from './pod-templates';

/** Whether a NetworkPolicy selects pods of workloads that are removed too, and no others the lists hold. */
export function selectsOnlyRemovedPods(policy: KubeObject, ctx: Context): boolean {
  const selector: Record<string, string> | undefined = policy.spec?.podSelector?.matchLabels;
  if (!selector || Object.keys(selector).length === 0 || policy.spec?.podSelector?.matchExpressions?.length) return false;
  const selects = (o: KubeObject) => selectsPodsOf(selector, policy.metadata?.namespace, o);
  const key = (o: KubeObject) => `${o.kind}/${o.metadata?.namespace}/${o.metadata?.name}`;
  const remaining = new Set(ctx.after.map(key));
  const selectedBefore = ctx.before.filter(selects);
  return selectedBefore.length > 0 && selectedBefore.every((o) => !remaining.has(key(o))) && !ctx.after.some(selects);
}

/**
 * Policies only add allowed traffic; a pod is isolated for a direction as soon as one policy of
 * that type selects it. With a policy selecting every pod of the namespace for the same types (a
 * default deny) left in place, removing another policy can only allow less.
 */
export function isolatedByDefaultDeny(policy: KubeObject, ctx: Context): boolean {
  const types: string[] = policy.spec?.policyTypes ?? ['Ingress'];
  return ctx.after.some((o) => o.kind === 'NetworkPolicy' && o.metadata?.namespace === policy.metadata?.namespace && o.metadata?.name !== policy.metadata?.name
    && Object.keys(o.spec?.podSelector?.matchLabels ?? {}).length === 0 && !(o.spec?.podSelector?.matchExpressions?.length)
    && types.every((t) => ((o.spec?.policyTypes as string[]) ?? ['Ingress']).includes(t)));
}

/** A NetworkPolicy as atomic grants: direction, peer and port, one string each. */
export function grantsOf(o: KubeObject): string[] {
  const grants: string[] = [];
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of (o.spec?.[direction] as any[]) ?? []) {
      const ps: unknown[] = rule?.[peers]?.length ? rule[peers] : ['any-peer'];
      const ports: unknown[] = rule?.ports?.length ? rule.ports : ['any port'];
      for (const p of ps) for (const port of ports) grants.push(`${direction} ${p === 'any-peer' ? ' any-peer ' : JSON.stringify(p)} ${typeof port === 'string' ? port : JSON.stringify(port)}`.replace(/\s+/g, ' '));
    }
  }
  return grants;
}

/**
 * NetworkPolicy: policies only add allowed traffic (https://kubernetes.io/docs/concepts/services-networking/network-policies/),
 * so a new peer or port, a rule that allows any peer, a dropped policy type or another pod
 * selector widens access.
 */
export function networkPolicy(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const before = new Set(grantsOf(old));
  const wider = grantsOf(now).filter((g) => !before.has(g));
  const lostTypes = ((old.spec?.policyTypes as string[]) ?? []).filter((t) => !((now.spec?.policyTypes as string[]) ?? []).includes(t));
  const selector = changes.filter((c) => under(c.path, 'spec.podSelector'));
  const what = [
    ...wider.map((g) => `allows ${g.replace(' any-peer ', ' from/to any peer ')}`),
    ...lostTypes.map((t) => `no longer restricts ${t}`),
    ...(selector.length ? ['selects other pods'] : []),
  ];
  if (what.length) emit('security', 'spec', `NetworkPolicy ${now.metadata?.name} ${what.join('; ')}`, ['check that the new traffic is meant (clients, namespaces, address ranges)']);
  else if (changes.some((c) => under(c.path, 'spec'))) emit('safe', 'spec', `NetworkPolicy ${now.metadata?.name} allows less traffic than before; clients it no longer admits are cut off`);
  return changes.filter((c) => under(c.path, 'spec')).map((c) => c.path);
}
