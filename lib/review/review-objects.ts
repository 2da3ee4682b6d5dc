// STAND-IN, replaced by the classifier at merge: only enough logic to exercise `npm run review`.
import { Finding } from './finding';

type KubeObject = { kind?: string; metadata?: { name?: string; namespace?: string } };

/** `Kind/namespace/name`, or `Kind/name` when cluster-wide. */
function targetOf(o: KubeObject): string {
  const m = o.metadata ?? {};
  return m.namespace ? `${o.kind}/${m.namespace}/${m.name}` : `${o.kind}/${m.name}`;
}

/** Stand-in: a removed StatefulSet is `data-loss`; every other added, removed or changed object is `safe`. */
export function reviewObjects(before: readonly object[], after: readonly object[], options: { environment?: string } = {}): Finding[] {
  const environment = options.environment ?? '';
  const old = new Map(before.map((o) => [targetOf(o as KubeObject), o]));
  const now = new Map(after.map((o) => [targetOf(o as KubeObject), o]));
  const findings: Finding[] = [];
  for (const [target, o] of old) {
    const next = now.get(target);
    if (next === undefined) {
      const kind = (o as KubeObject).kind;
      findings.push(kind === 'StatefulSet'
        ? { environment, target, path: '', risk: 'data-loss', message: 'the StatefulSet is removed; its claims and their data are abandoned', steps: ['back the data up first'] }
        : { environment, target, path: '', risk: 'safe', message: 'removed', steps: [] });
    } else if (JSON.stringify(next) !== JSON.stringify(o)) {
      findings.push({ environment, target, path: '', risk: 'safe', message: 'changed', steps: [] });
    }
  }
  for (const target of now.keys()) if (!old.has(target)) findings.push({ environment, target, path: '', risk: 'safe', message: 'added', steps: [] });
  return findings;
}
