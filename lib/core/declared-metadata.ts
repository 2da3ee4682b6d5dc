import { IConstruct } from 'constructs';

/** A namespaced object a construct declares it needs, such as a Secret created outside the manifests. */
export interface NamespacedDeclaration {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Every declaration of `type` under `root`, one per namespace and name (`merge` combines two of
 * the same object; by default the later wins), sorted by namespace and name.
 */
export function collectDeclarations<T extends NamespacedDeclaration>(root: IConstruct, type: string, merge: (known: T | undefined, next: T) => T = (_known, next) => next): T[] {
  const found = new Map<string, T>();
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata.filter((m) => m.type === type)) {
      const next = entry.data as T;
      const id = `${next.namespace}/${next.name}`;
      found.set(id, merge(found.get(id), next));
    }
  }
  return [...found.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}
