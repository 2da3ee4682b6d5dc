import { ApiObject, Chart } from 'cdk8s';
import { maskPasswords, passwordInText } from './no-passwords';

/**
 * Passwords written out where anyone who may read the object reads them, whoever put them
 * there: ConfigMap data, environment variable values of any pod, and the postgresql.conf
 * parameters of a Zalando `postgresql` resource. One problem per finding, password masked.
 */
export function plainTextPasswords(chart: Chart): string[] {
  const problems: string[] = [];
  for (const object of chart.node.findAll().filter(ApiObject.isApiObject)) {
    const json = object.toJson();
    const where = `${object.kind} '${json.metadata?.namespace ? `${json.metadata.namespace}/` : ''}${object.name}' of '${object.node.path}'`;
    const check = (field: string, value: unknown) => {
      const problem = typeof value === 'string' ? passwordInText(value) : undefined;
      if (problem) problems.push(`${where}: ${field} ${JSON.stringify(maskPasswords(value as string))} ${problem}`);
    };
    if (object.kind === 'ConfigMap') for (const [key, value] of Object.entries(json.data ?? {})) check(`data['${key}']`, value);
    if (object.kind === 'postgresql') for (const [key, value] of Object.entries(json.spec?.postgresql?.parameters ?? {})) check(`spec.postgresql.parameters.${key}`, value);
    for (const [path, env] of envValues(json)) check(path, env);
  }
  return problems;
}

/** Every `env[].value` anywhere in the object, with its path. */
function envValues(node: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(node)) return node.flatMap((item, i) => envValues(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => key === 'env' && Array.isArray(value)
    ? value.filter((e) => e && typeof e === 'object' && 'value' in e).map((e): [string, unknown] => [`${path}.env['${e.name}']`.replace(/^\./, ''), e.value])
    : envValues(value, `${path}.${key}`));
}
