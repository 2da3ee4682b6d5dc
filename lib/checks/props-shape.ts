import { fail } from '../private/validation';
import { editDistance } from '../private/edit-distance';

/**
 * Runtime descriptions of the props interfaces, for callers TypeScript never checks (JavaScript,
 * JSON, YAML): each constructor checks its props against its description first, so a wrong type
 * is a named error (`storage "5Gi" must be an object with size, storageClassName, accessMode, not
 * a string`) instead of a TypeError deep inside, and a misspelt property is refused with a
 * suggestion instead of being ignored. Only types and property names are checked here; values
 * (ranges, patterns) are the constructors' own checks.
 *
 * The type parameter ties each description to the TypeScript type it mirrors: {@link PropsShape}
 * demands exactly the interface's keys, each with a shape of exactly the property's type, so a
 * description cannot drift from its interface without `tsc` failing.
 */
export interface Shape<T> {
  /** What a valid value is, for messages: 'a string', "one of 'a', 'b'". */
  readonly expected: string;
  /** The same in the plural, for lists and maps: 'strings'. */
  readonly plural?: string;
  /** Whether `undefined` (a property left out) is accepted. */
  readonly optional: boolean;
  /** The fields of an object shape, for suggestions on misspelt properties. */
  readonly fields?: Readonly<Record<string, AnyShape>>;
  /** Fails with a {@link ValidationError} naming `field` when `value` does not fit. */
  check(owner: string, field: string, value: unknown): void;
  /** Never set: makes `Shape<A>` and `Shape<B>` incompatible unless A and B are the same type. */
  readonly type?: (value: T) => T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyShape = Shape<any>;

/** The description of an object: its fields, for {@link omit} and suggestions. */
export interface ObjectShape<T> extends Shape<T> {
  readonly fields: PropsShape<T>;
}

/** One shape per key of `T`, no key missing and none extra. */
export type PropsShape<T> = { readonly [K in keyof T]-?: Shape<T[K]> };

/** The type a shape describes. */
export type ShapeType<S> = S extends Shape<infer T> ? T : never;

/** What a value is, for messages: 'a string', 'a list', 'null'. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'number': return Number.isFinite(value) ? 'a number' : String(value);
    case 'boolean': return 'a boolean';
    case 'bigint': return 'a bigint';
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: {
      const proto = Object.getPrototypeOf(value);
      if (proto === null) return 'an object without a prototype (Object.create(null))';
      return proto === Object.prototype ? 'an object' : `an instance of ${proto.constructor?.name ?? 'a class'}`;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // Objects without a prototype are refused too: cdk8s cannot serialize them.
  return Object.getPrototypeOf(value) === Object.prototype;
}

/** `sameKind` says when the value is of the right kind but not one of the accepted values. */
function primitive<T>(expected: string, plural: string, test: (value: unknown) => boolean, sameKind: (value: unknown) => boolean = () => false): Shape<T> {
  return {
    expected,
    plural,
    optional: false,
    check(owner, field, value) {
      if (!test(value)) fail(owner, field, value, sameKind(value) ? `must be ${expected}` : `must be ${expected}, not ${kindOf(value)}`);
    },
  };
}

/** A string. */
export function string(): Shape<string> {
  return primitive('a string', 'strings', (v) => typeof v === 'string');
}

/** A finite number (ranges are the constructor's check). */
export function number(): Shape<number> {
  return primitive('a number', 'numbers', (v) => typeof v === 'number' && Number.isFinite(v));
}

/** `true` or `false`. */
export function boolean(): Shape<boolean> {
  return primitive('true or false', 'booleans', (v) => typeof v === 'boolean');
}

/** One of a few strings. */
export function oneOf<const V extends readonly string[]>(...values: V): Shape<V[number]> {
  const expected = `one of ${values.map((v) => `'${v}'`).join(', ')}`;
  return primitive(expected, `strings among ${values.map((v) => `'${v}'`).join(', ')}`, (v) => typeof v === 'string' && values.includes(v), (v) => typeof v === 'string');
}

/** A value of a string enum (generated CRD types). */
export function enumOf<E extends string>(values: Record<string, E>): Shape<E> {
  return oneOf(...Object.values(values)) as unknown as Shape<E>;
}

/** `undefined` as well as what `shape` accepts. */
export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return {
    ...shape,
    optional: true,
    check(owner, field, value) {
      if (value !== undefined) shape.check(owner, field, value);
    },
  } as Shape<T | undefined>;
}

/** A list whose items all fit `item`. */
export function array<T>(item: Shape<T>): Shape<T[]> {
  const expected = item.plural ? `a list of ${item.plural}` : `a list, each ${item.expected}`;
  return {
    expected,
    plural: 'lists',
    optional: false,
    check(owner, field, value) {
      if (!Array.isArray(value)) fail(owner, field, value, `must be ${expected}, not ${kindOf(value)}`);
      value.forEach((v, i) => {
        if (v === undefined && !item.optional) fail(owner, `${field}[${i}]`, v, `must be ${item.expected}, not undefined`);
        item.check(owner, `${field}[${i}]`, v);
      });
    },
  };
}

/** A plain object whose keys are free and whose values all fit `value` (labels, parameters). */
export function record<T>(value: Shape<T>): Shape<Record<string, T>> {
  const expected = `an object of ${value.plural ?? value.expected}`;
  return {
    expected,
    plural: 'objects',
    optional: false,
    check(owner, field, v) {
      if (!isPlainObject(v)) fail(owner, field, v, `must be ${expected}, not ${kindOf(v)}`);
      for (const [key, item] of Object.entries(v)) {
        if (item === undefined && !value.optional) fail(owner, `${field}['${key}']`, item, `must be ${value.expected}, not undefined`);
        value.check(owner, `${field}['${key}']`, item);
      }
    },
  };
}

/** Any of several shapes. */
export function union<S extends AnyShape[]>(...shapes: S): Shape<ShapeType<S[number]>> {
  const expected = alternatives(shapes.map((s) => s.expected));
  return {
    expected,
    plural: alternatives(shapes.map((s) => s.plural ?? s.expected)),
    optional: shapes.some((s) => s.optional),
    check(owner, field, value) {
      const errors: unknown[] = [];
      for (const shape of shapes) {
        try {
          shape.check(owner, field, value);
          return;
        } catch (error) {
          errors.push(error);
        }
      }
      // For an object, the object shape sharing most of its keys knows best what is wrong inside it.
      if (isPlainObject(value)) {
        const overlap = (s: AnyShape) => (s.fields ? Object.keys(value).filter((k) => k in s.fields!).length : -1);
        const ranked = shapes.map((s, i) => ({ i, n: overlap(s) })).filter((r) => r.n >= 0).sort((a, b) => b.n - a.n);
        if (ranked.length === 1 || (ranked.length > 1 && ranked[0].n > ranked[1].n)) throw errors[ranked[0].i];
      }
      fail(owner, field, value, `must be ${expected}, not ${kindOf(value)}`);
    },
  };
}

/**
 * One of several object shapes, told apart by the string in `tag` (a discriminated union):
 * a missing or unknown tag names the choices; otherwise the chosen shape checks the rest.
 */
export function tagged<T extends object, K extends keyof T & string>(tag: K, shapes: { [V in T[K] & string]: ObjectShape<Extract<T, Record<K, V>>> }): Shape<T> {
  const byTag = shapes as unknown as Record<string, AnyShape>;
  const tags = Object.keys(byTag);
  const expected = `an object with ${tag}: ${alternatives(tags.map((t) => `'${t}'`))}`;
  return {
    expected,
    optional: false,
    check(owner, field, value) {
      if (!isPlainObject(value)) fail(owner, field, value, `must be ${expected}, not ${kindOf(value)}`);
      const chosen = (value as Record<string, unknown>)[tag];
      if (typeof chosen !== 'string' || !Object.prototype.hasOwnProperty.call(byTag, chosen)) {
        fail(owner, `${field}.${tag}`, chosen, `must be one of ${tags.map((t) => `'${t}'`).join(', ')}`);
      }
      byTag[chosen].check(owner, field, value);
    },
  };
}

/** 'a, b or c'. */
function alternatives(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** An object made by the library (a class instance), recognized by `test`. */
export function instance<T>(expected: string, test: (value: object) => boolean): Shape<T> {
  return primitive(expected, expected, (v) => v !== null && typeof v === 'object' && test(v));
}

/** Options of {@link object}. */
export interface ObjectOptions {
  /** The interface's name, for messages about large objects and for the drift test. */
  readonly name?: string;
  /**
   * Accept class instances with more members (PostgresStatefulSet as a PostgresServerConnection);
   * unknown properties are then not refused.
   * @default false
   */
  readonly open?: boolean;
}

/** Every description registered with a name, for the test that compares them with their interfaces. */
export const NAMED_SHAPES: { readonly name: string; readonly keys: readonly string[] }[] = [];

/**
 * A plain object with exactly these properties: each checked against its shape, required ones
 * present, and unknown ones refused with a suggestion.
 */
export function object<T>(fields: PropsShape<T>, options: ObjectOptions = {}): ObjectShape<T> {
  const all = fields as unknown as Record<string, AnyShape>;
  const keys = Object.keys(all);
  if (options.name) NAMED_SHAPES.push({ name: options.name, keys });
  const expected = keys.length <= 6 || !options.name ? `an object with ${keys.join(', ')}` : `an object (${options.name})`;
  return {
    expected,
    plural: `objects with ${keys.join(', ')}`,
    optional: false,
    fields,
    check(owner, field, value) {
      const prefix = field === '' ? '' : `${field}.`;
      const fits = options.open ? value !== null && typeof value === 'object' && !Array.isArray(value) : isPlainObject(value);
      if (!fits) fail(owner, field || 'props', value, `must be ${expected}, not ${kindOf(value)}`);
      const given = value as Record<string, unknown>;
      if (!options.open) {
        for (const key of Object.keys(given)) {
          if (!(key in all) && given[key] !== undefined) fail(owner, `${prefix}${key}`, given[key], unknownProperty(key, all, prefix));
        }
      }
      for (const key of keys) {
        const shape = all[key];
        const v = given[key];
        if (v === undefined && !shape.optional) fail(owner, `${prefix}${key}`, v, `is required: give ${shape.expected}`);
        shape.check(owner, `${prefix}${key}`, v);
      }
    },
  };
}

/** The same description without some keys, for `Omit<T, K>`. */
export function omit<T, K extends keyof T>(fields: PropsShape<T>, ...keys: K[]): PropsShape<Omit<T, K>> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !keys.includes(k as K))) as unknown as PropsShape<Omit<T, K>>;
}

/**
 * The properties that are set: `{ a: undefined }` behaves like `{}` when spread over defaults,
 * as it does everywhere `??` applies defaults.
 */
export function defined<T extends object>(props: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(props ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Checks the props of a construct: `owner` is `<Kind> '<path>'`, fields are named from the top. */
export function checkProps<T>(owner: string, props: unknown, shape: Shape<T>): asserts props is T {
  shape.check(owner, '', props);
}

/**
 * Names Kubernetes, the Zalando CRD or earlier versions of this library give the same thing: a
 * user moving a server between backends, or from hand-written manifests, types these.
 */
const SYNONYMS: Readonly<Record<string, string>> = {
  replicas: 'instances',
  numberOfInstances: 'instances',
  volume: 'storage',
  metrics: 'monitoring',
  exporterImage: 'image',
  secretName: 'name',
  passwordKey: 'key',
  username: 'name',
};

function unknownProperty(key: string, fields: Record<string, AnyShape>, prefix: string): string {
  const synonym = Object.prototype.hasOwnProperty.call(SYNONYMS, key) ? SYNONYMS[key] : undefined;
  const suggestion = synonym !== undefined && synonym in fields ? synonym : closest(key, candidates(fields));
  return suggestion === undefined
    ? `is not a property (known: ${Object.keys(fields).join(', ')})`
    : `is not a property; did you mean ${prefix}${suggestion}?`;
}

/** Own keys, and the keys one level down (`storage.storageClassName`) for properties put at the wrong level. */
function candidates(fields: Record<string, AnyShape>): string[] {
  return Object.entries(fields).flatMap(([key, shape]) => [key, ...Object.keys(shape.fields ?? {}).map((k) => `${key}.${k}`)]);
}

/** The candidate closest to `key` (case-insensitive edit distance), if one is close or starts like it. */
function closest(key: string, options: string[]): string | undefined {
  const typed = key.toLowerCase();
  let best: { option: string; score: number } | undefined;
  for (const option of options) {
    const last = option.slice(option.lastIndexOf('.') + 1).toLowerCase();
    const distance = editDistance(typed, last);
    const close = distance <= Math.max(1, Math.floor(last.length / 4)) || (typed.length >= 4 && (last.startsWith(typed) || typed.startsWith(last)));
    // Own keys win over keys one level down at the same distance.
    const score = distance + (option.includes('.') ? 0.5 : 0);
    if (close && (!best || score < best.score)) best = { option, score };
  }
  return best?.option;
}
