import { ApiObject, Chart } from 'cdk8s';
import { ValidationError } from '../diagnostics/validation-error';

/**
 * Characters a manifest does not carry: C0 controls other than tab and newline (carriage return
 * included), DEL, C1 controls, the noncharacters U+FFFE and U+FFFF, and UTF-16 surrogates that are
 * not part of a pair. Measured with kubectl 1.32 and 1.20: `kubectl kustomize` refuses the whole
 * manifest for DEL, C1 and U+FFFE/U+FFFF however they are written ("control characters are not
 * allowed"), reads U+0085 as a space, and a lone surrogate cannot be written as UTF-8 at all.
 * C0 controls survive kubectl only as escapes, and the programs that read the values (psql, a
 * shell, environment variables) do not take them either.
 */
// eslint-disable-next-line no-control-regex
const UNREPRESENTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// The same characters, any surrogate included: a quick first test, as most text has none of them.
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/;
const TAB_THEN_NEWLINE = /^\t[^]*\n/;

/** `\u0085`: how messages show a character that a terminal would not. */
export function escapeCharacter(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every character that is not plainly visible written as `\uXXXX`. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u00a0\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : escapeCharacter(c)));
}

const CONTROLS = "manifests carry no control characters other than tab and newline (kubectl's YAML reader refuses them)";

/**
 * Why `text` cannot go into a manifest, or undefined when it can: the first offending character
 * as `\uXXXX`, where it is (line and column, counted from 1), the line around it, the reason and
 * the fix.
 */
export function unrepresentableText(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const match = UNREPRESENTABLE.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = match.index - lineStart;
  const lineEnd = text.indexOf('\n', match.index);
  const excerpt = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const shown = excerpt.length > 80 ? excerpt.slice(Math.max(0, column - 40), column + 40) : excerpt;
  const code = match[0].charCodeAt(0);
  const where = `at line ${line}, column ${column + 1} ("${visible(shown)}")`;
  const c = escapeCharacter(match[0]);
  if (code === 0x0d) return `holds ${c}, a carriage return, ${where}: ${CONTROLS}; use \\n line endings (convert \\r\\n to \\n)`;
  if (code >= 0xd800 && code <= 0xdfff) {
    return `holds ${c}, half of a UTF-16 surrogate pair, ${where}: it has no UTF-8 encoding, so the manifest would hold U+FFFD instead; the string was cut inside a character or decoded wrongly: fix its source`;
  }
  if (code >= 0xfffe) return `holds ${c}, a Unicode noncharacter, ${where}: kubectl's YAML reader refuses it; remove it`;
  return `holds ${c}, a control character, ${where}: ${CONTROLS}; remove it (in SQL, chr(${code}) produces it at run time)`;
}

/**
 * Why a map key cannot go into a manifest, or undefined when it can: what {@link unrepresentableText}
 * says, and the key `<<`, which `kubectl kustomize` takes for YAML's merge key however it is
 * quoted (measured: the entry disappears, or its map is merged into the parent).
 */
export function unrepresentableKey(key: string): string | undefined {
  if (key === '<<') return "is YAML's merge key: kubectl kustomize drops the entry (or merges its value into the map) however it is quoted; use another key";
  return unrepresentableText(key);
}

/**
 * Why an object's annotation (key or value) cannot go into a manifest beyond what
 * {@link unrepresentableText} says: `kubectl kustomize` (and `apply -k`) rewrites an object's
 * annotations with its own YAML writer, which puts a leading tab where indentation goes when the
 * text also holds a newline, and then refuses what it wrote (measured, kubectl 1.32 and 1.20).
 */
export function unrepresentableAnnotation(text: string): string | undefined {
  if (!TAB_THEN_NEWLINE.test(text)) return undefined;
  return 'starts with a tab and holds a newline: kubectl kustomize (and apply -k) refuses the whole manifest for such an annotation '
    + '("found a tab character where an indentation space is expected"); start it with another character or keep it on one line';
}

/** Throws `<owner>: <field> holds \uXXXX …` when `text` cannot go into a manifest. */
export function checkRepresentable(owner: string, field: string, text: unknown): void {
  const problem = typeof text === 'string' ? unrepresentableText(text) : undefined;
  if (problem) throw new ValidationError(`${owner}: ${field} ${problem}`);
}

/** `data['x.sql']`, `spec.containers[0].env[1].value`: how a field is named in a Kubernetes object. */
function fieldPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => {
    if (typeof p === 'number') return `[${p}]`;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) return i === 0 ? p : `.${p}`;
    return `['${visible(p).replace(/'/g, "\\'")}']`;
  }).join('');
}

const isAnnotations = (path: readonly (string | number)[]) => path.length === 2 && path[0] === 'metadata' && path[1] === 'annotations';

/** [field, problem] for every string (keys included) that a manifest cannot carry. */
function* problemsIn(value: unknown, path: (string | number)[]): Generator<[string, string]> {
  if (typeof value === 'string') {
    const problem = unrepresentableText(value) ?? (isAnnotations(path.slice(0, -1)) ? unrepresentableAnnotation(value) : undefined);
    if (problem) yield [fieldPath(path), problem];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* problemsIn(value[i], [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = unrepresentableKey(key) ?? (isAnnotations(path) ? unrepresentableAnnotation(key) : undefined);
      if (problem) yield [`${path.length ? `${fieldPath(path)} ` : ''}key '${visible(key)}'`, problem];
      yield* problemsIn(item, [...path, key]);
    }
  }
}

/** True when nothing in `value` needs a closer look: the common case, walked without allocating. */
function clean(value: unknown): boolean {
  if (typeof value === 'string') return !SUSPECT.test(value) || !UNREPRESENTABLE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(clean);
  for (const key in value) {
    if (key === '<<' || !clean(key) || !clean((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function cleanObject(json: { metadata?: { annotations?: Record<string, unknown> } }): boolean {
  const annotations = json.metadata?.annotations ?? {};
  for (const key in annotations) {
    const value = annotations[key];
    if (TAB_THEN_NEWLINE.test(key) || (typeof value === 'string' && TAB_THEN_NEWLINE.test(value))) return false;
  }
  return clean(json);
}

/**
 * Every string of a rendered object (whoever added it to the chart) must be something a manifest
 * can carry (see {@link unrepresentableText}). Returns one problem per string, naming the object,
 * the field and the construct.
 */
export function unrepresentableStrings(object: ApiObject, json: any, chart: Chart): string[] {
  if (cleanObject(json)) return [];
  const namespace = json.metadata?.namespace ?? chart.namespace;
  const target = `${object.kind} '${namespace ? `${namespace}/` : ''}${object.name}'`;
  return [...problemsIn(json, [])].map(([field, problem]) => `${target} ${field} (construct '${object.node.path}') ${problem}`);
}
