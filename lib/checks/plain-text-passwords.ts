import { ApiObject } from 'cdk8s';
import { excerpt } from '../private/validation';
import { maskPasswords, passwordInText } from './no-passwords';

/**
 * Passwords written out in a rendered object where anyone who may read the object reads them,
 * whoever put them there: ConfigMap data, environment variable values of any pod, and the
 * postgresql.conf parameters of a Zalando `postgresql` resource. One problem per finding,
 * password masked.
 */
export function plainTextPasswords(object: ApiObject, json: any): string[] {
  const problems: string[] = [];
  const where = `${object.kind} '${json.metadata?.namespace ? `${json.metadata.namespace}/` : ''}${object.name}' of '${object.node.path}'`;
  const check = (field: string, value: unknown) => {
    const problem = typeof value === 'string' ? passwordInText(value) : undefined;
    if (problem) problems.push(`${where}: ${field} ${excerpt(maskPasswords(value as string), (value as string).length)} ${problem}`);
  };
  if (object.kind === 'ConfigMap') for (const [key, value] of Object.entries(json.data ?? {})) check(`data['${key}']`, value);
  if (object.kind === 'postgresql') for (const [key, value] of Object.entries(json.spec?.postgresql?.parameters ?? {})) check(`spec.postgresql.parameters.${key}`, value);
  forEachEnvValue(json, [], check);
  return problems;
}

/**
 * Calls `visit(path, value)` for every `env[].value` anywhere in the object. The path is only
 * written out for a value that has one: the walk itself allocates nothing per node.
 */
function forEachEnvValue(node: unknown, path: (string | number)[], visit: (path: string, value: unknown) => void): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      forEachEnvValue(node[i], path, visit);
      path.pop();
    }
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const key in node) {
    const value = (node as Record<string, unknown>)[key];
    if (key === 'env' && Array.isArray(value)) {
      for (const e of value) {
        if (e && typeof e === 'object' && 'value' in e) visit(`${[...path, 'env'].map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}['${e.name}']`, e.value);
      }
    } else if (value !== null && typeof value === 'object') {
      path.push(key);
      forEachEnvValue(value, path, visit);
      path.pop();
    }
  }
}
