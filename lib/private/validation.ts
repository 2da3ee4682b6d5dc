import { IConstruct } from 'constructs';
import { ValidationError } from '../diagnostics/validation-error';
import { reservedLabelProblem } from './labels';

/**
 * Construction-time checks. Every message names the construct, the field, the rule and the
 * value that broke it, so a failed synth points straight at the line to change.
 */

/** Formats and throws `<Construct> '<id>': <field> <value> <rule>`. */
export function fail(owner: string, field: string, value: unknown, rule: string): never {
  throw new ValidationError(`${owner}: ${field} ${valueText(value)} ${rule}`);
}

/** Longer values are shown by their start and end: a 2 MB ConfigMap value makes no message. */
const SHOWN_AT_MOST = 240;

/**
 * `text` as JSON, or for a long one its first and last characters as JSON and the length of the
 * value it stands for (`length`, when `text` is that value with its passwords masked).
 */
export function excerpt(text: string, length = text.length): string {
  if (text.length <= SHOWN_AT_MOST) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, 160))}…${JSON.stringify(text.slice(-60))} (${length} characters)`;
}

/** The value as JSON; what JSON cannot hold (bigints, cycles, functions) described instead, never a TypeError. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return excerpt(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function') return '(a function)';
  if (typeof value === 'symbol') return value.toString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `(${Array.isArray(value) ? 'a list' : 'an object'} that JSON cannot hold)`;
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Namespaces, StatefulSets, ConfigMaps: lower case alphanumerics and '-', at most `max` characters. */
export function checkDnsLabel(owner: string, field: string, value: string, max = 63): void {
  if (!DNS1123_LABEL.test(value) || value.length > max) {
    fail(owner, field, value, `is not a DNS-1123 label (lower case letters, digits and '-', starting and ending with a letter or digit, at most ${max} characters)`);
  }
}

/**
 * A DNS-1123 label that defaults to a name derived from another (`<server>-schema-init`): when
 * the default is too long, the message says so and names the property that fixes it.
 */
export function checkDerivedLabel(owner: string, field: string, value: string, given: boolean, pattern: string, max = 63): void {
  if (!given && value.length > max) fail(owner, field, value, `is the default ${pattern}, ${value.length} characters long where at most ${max} fit: give ${field}`);
  checkDnsLabel(owner, field, value, max);
}

/** Services must also start with a letter. */
export function checkServiceName(owner: string, field: string, value: string): void {
  if (!DNS1035_LABEL.test(value) || value.length > 63) {
    fail(owner, field, value, "is not a DNS-1035 label (lower case letters, digits and '-', starting with a letter, at most 63 characters)");
  }
}

/** Whether `value` is a DNS-1123 subdomain: lower case alphanumerics, '-' and '.', at most `max` characters. */
export function isDnsSubdomain(value: string, max = 253): boolean {
  return DNS1123_SUBDOMAIN.test(value) && value.length <= max;
}

/** The names of most objects (ConfigMaps, claims, Secrets, NetworkPolicies, CronJobs, StorageClasses): what the API server takes. */
export function checkDnsSubdomain(owner: string, field: string, value: string, max = 253): void {
  if (!isDnsSubdomain(value, max)) {
    fail(owner, field, value, `is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most ${max} characters)`);
  }
}

/** A DNS-1123 subdomain that defaults to a name derived from another, as {@link checkDerivedLabel}. */
export function checkDerivedSubdomain(owner: string, field: string, value: string, given: boolean, pattern: string, max: number): void {
  if (!given && value.length > max) fail(owner, field, value, `is the default ${pattern}, ${value.length} characters long where at most ${max} fit: give ${field}`);
  checkDnsSubdomain(owner, field, value, max);
}

/** Integers in an inclusive range. */
export function checkInteger(owner: string, field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    fail(owner, field, value, `must be an integer ${range}`);
  }
}

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Keys of Secrets and ConfigMaps. */
export function checkSecretKey(owner: string, field: string, value: string): void {
  if (!SECRET_KEY.test(value) || value.length > 253) {
    fail(owner, field, value, "is not a valid Secret key (letters, digits, '-', '_' and '.')");
  }
}

const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Kubernetes' qualified names (label keys, taint keys): an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  return (prefix === undefined || isDnsSubdomain(prefix)) && LABEL_KEY_NAME.test(name) && name.length <= 63;
}

/** Whether `value` is a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value) && value.length <= 63;
}

/** Label keys (`[prefix/]name`) and values. */
export function checkLabels(owner: string, field: string, labels: Record<string, string>): void {
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) fail(owner, `${field} key`, key, 'is not a valid label key');
    if (!isLabelValue(value)) {
      fail(owner, `${field}['${key}']`, value, 'is not a valid label value (at most 63 letters, digits, \'-\', \'_\' or \'.\')');
    }
  }
}

/** Labels a user adds to the library's objects: valid, and none of the keys the library or Kubernetes selects by, nor those `selectorLabelProblem` names (an operator's). */
export function checkUserLabels(owner: string, field: string, labels: Record<string, string>, selectorLabelProblem?: (key: string) => string | undefined): void {
  checkLabels(owner, field, labels);
  for (const problemOf of [reservedLabelProblem, ...(selectorLabelProblem ? [selectorLabelProblem] : [])]) {
    for (const key of Object.keys(labels)) {
      const problem = problemOf(key);
      if (problem) fail(owner, `${field} key`, key, problem);
    }
  }
}

/** `<Kind> '<construct path>'`: how errors and warnings name a construct, so the path leads to the line to change. */
export function ownerOf(construct: IConstruct, kind: string): string {
  return `${kind} '${construct.node.path}'`;
}
