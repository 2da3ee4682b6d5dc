import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Chart } from 'cdk8s';
import { validateChart } from './checks/chart-checks';

/**
 * A YAML writer for Kubernetes objects (maps, lists, strings, numbers, booleans, null). It writes
 * block style with two-space indentation, as cdk8s does, but renders strings conservatively: plain
 * only when no YAML 1.1 or 1.2 reader could take them for anything but a string (kubectl's
 * reader follows YAML 1.1, where `on`, `y` and `1:30` are not strings), otherwise double-quoted
 * JSON, and multi-line text as literal blocks. It is ten times faster than the general `yaml`
 * serializer cdk8s uses, which matters for fleets of hundreds of instances.
 */
export function toYaml(objects: readonly unknown[]): string {
  return objects.map((o) => `${emitTop(o)}\n`).join('---\n');
}

/**
 * Validates one chart as `app.synth()` would, then writes it to `<outdir>/<chart id>.k8s.yaml`
 * and returns the path. Nothing is written for a chart that fails.
 */
export function writeChart(chart: Chart, outdir: string): string {
  validateChart(chart);
  mkdirSync(outdir, { recursive: true });
  const file = join(outdir, `${chart.node.id}.k8s.yaml`);
  writeFileSync(file, toYaml(chart.toJson()));
  return file;
}

function emitTop(value: unknown): string {
  if (isMap(value) && Object.keys(value).length > 0) return emitMap(value, '');
  if (Array.isArray(value) && value.length > 0) return emitList(value, '');
  return scalar(value, '');
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function entries(map: Record<string, unknown>): [string, unknown][] {
  return Object.entries(map).filter(([, v]) => v !== undefined);
}

function emitMap(map: Record<string, unknown>, indent: string): string {
  return entries(map).map(([key, value]) => `${indent}${plainOrQuoted(key)}:${emitValue(value, indent)}`).join('\n');
}

function emitList(list: readonly unknown[], indent: string): string {
  return list.map((item) => {
    if (isMap(item) && entries(item).length > 0) {
      // The first key shares the line with the dash; the rest line up under it.
      return `${indent}- ${emitMap(item, `${indent}  `).slice(indent.length + 2)}`;
    }
    if (Array.isArray(item) && item.length > 0) return `${indent}-\n${emitList(item, `${indent}  `)}`;
    return `${indent}- ${scalar(item, indent)}`;
  }).join('\n');
}

/** The value after `key:`, on the same line for scalars, on the next lines for collections. */
function emitValue(value: unknown, indent: string): string {
  if (isMap(value) && entries(value).length > 0) return `\n${emitMap(value, `${indent}  `)}`;
  if (Array.isArray(value) && value.length > 0) return `\n${emitList(value, `${indent}  `)}`;
  return ` ${scalar(value, indent)}`;
}

function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to a manifest`);
    return String(value);
  }
  if (typeof value === 'string') return string(value, indent);
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  throw new Error(`cannot write a ${typeof value} to a manifest`);
}

const RESERVED = /^(y|yes|n|no|true|false|on|off|null|~|<<|=)$/i;
// Numbers, times and dates in YAML 1.1 or 1.2: 010, 1_000, 0x1f, 0o17, 1e3, .5, 1:30, 2026-11-25.
const NUMERIC = /^([-+]?[\d_]*\.?[\d_]+([eE][-+]?\d+)?|0x[\da-fA-F_]+|0o?[0-7_]+|0b[01_]+|[-+]?\.(inf|nan)|[\d_]+(:[0-5]?\d)+(\.\d*)?|\d{4}-\d\d?-\d\d?.*)$/i;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]|\r/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

function string(s: string, indent: string): string {
  if (s.includes('\n') && !NEEDS_ESCAPES.test(s) && !/^[ \t\n]/.test(s) && !/[ \t]\n|[ \t]$/.test(s)) return literalBlock(s, indent);
  return plainOrQuoted(s);
}

/** Plain when nothing else could be read into it; double-quoted JSON otherwise (valid YAML). */
function plainOrQuoted(s: string): string {
  return isPlainSafe(s) ? s : JSON.stringify(s);
}

/**
 * Block-context plain scalar rules: printable, no edge whitespace, no indicator first (a dash only
 * before a non-space), no `: ` or ` #` inside, no `:` last, and not a word or number YAML 1.1 or
 * 1.2 would read as something else.
 */
function isPlainSafe(s: string): boolean {
  if (s === '' || /^\s|\s$/.test(s) || CONTROL.test(s)) return false;
  if (/^[?:,[\]{}#&*!|>'"%@`]/.test(s) || /^-(\s|-- |$)|^---/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  return !RESERVED.test(s) && !NUMERIC.test(s);
}

/** `|-` for no final newline, `|` for one, `|+` for several (the extra ones become empty lines). */
function literalBlock(s: string, indent: string): string {
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = (trailing === 0 ? s : s.slice(0, -1)).split('\n');
  return `|${chomp}\n${lines.map((line) => (line === '' ? '' : `${indent}  ${line}`)).join('\n')}`;
}
