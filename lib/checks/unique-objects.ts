import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

const IMPLIED_OBJECT = 'cdk8s-postgres:implied-object';

/** An object that is not in the manifest but that a controller creates from it (the Zalando operator's Services). */
export interface ImpliedObject {
  /** apiVersion, for the API group. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Who creates it, for the message: 'the Zalando operator'. */
  readonly createdBy: string;
}

/** Declares objects a controller will create for `scope`, so that the manifest's own objects cannot take their names. */
export function declareImpliedObjects(scope: IConstruct, objects: readonly ImpliedObject[]): void {
  for (const object of objects) scope.node.addMetadata(IMPLIED_OBJECT, object);
}

/** Kinds that live outside namespaces: their names are unique in the whole cluster. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'VolumeSnapshotClass', 'CSIDriver', 'PriorityClass', 'RuntimeClass',
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'IngressClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
]);

interface Entry {
  readonly key: string;
  readonly target: string;
  /** `<Kind> '<path>'` of the construct that defines it. */
  readonly definedBy: string;
}

/**
 * Two objects of one kind with one namespace and name overwrite each other when applied: the
 * second silently replaces the first. Looks at every object the chart writes (not those of
 * nested charts, which are files of their own) and at the objects controllers will create from
 * them; returns one problem per collision, naming both constructs.
 */
export function duplicateObjects(chart: Chart): string[] {
  const entries: Entry[] = [];
  for (const c of chart.node.findAll()) {
    if (ApiObject.isApiObject(c) && Chart.of(c) === chart) {
      entries.push(entry(c.apiVersion, c.kind, c.metadata.namespace ?? chart.namespace ?? '', c.name, constructOf(c)));
    }
    for (const m of c.node.metadata.filter((d) => d.type === IMPLIED_OBJECT && Chart.of(c) === chart)) {
      const implied = m.data as ImpliedObject;
      entries.push(entry(implied.apiVersion, implied.kind, implied.namespace, implied.name, `${describe(c)} (created by ${implied.createdBy})`));
    }
  }
  const seen = new Map<string, Entry>();
  const problems: string[] = [];
  for (const e of entries) {
    const first = seen.get(e.key);
    if (!first) {
      seen.set(e.key, e);
      continue;
    }
    problems.push(`${e.target} is defined twice: by ${first.definedBy} and by ${e.definedBy}; objects of one kind, namespace and name replace each other when applied: give one of them another name`);
  }
  return problems;
}

function entry(apiVersion: string, kind: string, namespace: string, name: string, definedBy: string): Entry {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const ns = CLUSTER_SCOPED.has(kind) ? '' : namespace || 'default';
  return { key: [group, kind, ns, name].join('|'), target: `${kind} '${ns ? `${ns}/` : ''}${name}'`, definedBy };
}

/** The construct that made an object: its parent unless the object sits directly in the chart. */
function constructOf(object: ApiObject): string {
  const parent = object.node.scope;
  return describe(parent && !Chart.isChart(parent) ? parent : object);
}

function describe(c: IConstruct): string {
  return `${c.constructor.name} '${c.node.path}'`;
}
