import { ApiObject, Chart } from 'cdk8s';

/**
 * Two objects of one kind with one namespace and name overwrite each other when applied: the
 * second silently replaces the first. Returns one problem per collision, naming both constructs.
 */
export function duplicateObjects(chart: Chart): string[] {
  const seen = new Map<string, ApiObject>();
  const problems: string[] = [];
  for (const object of chart.node.findAll().filter(ApiObject.isApiObject)) {
    const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
    const namespace = object.metadata.namespace ?? chart.namespace ?? '';
    const key = [group, object.kind, namespace, object.name].join('|');
    const first = seen.get(key);
    if (!first) {
      seen.set(key, object);
      continue;
    }
    const target = `${object.kind} '${namespace ? `${namespace}/` : ''}${object.name}'`;
    problems.push(`${target} is defined twice, by '${first.node.path}' and '${object.node.path}'; two objects of one kind, namespace and name replace each other when applied: give one of them another name`);
  }
  return problems;
}
