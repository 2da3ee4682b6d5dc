import Ajv from 'ajv';
import postgresqlSchema from '../../lib/imports/acid.zalan.do.postgresql.schema.json';

// The CRD's patterns escape characters (`\ `) that ajv rejects in unicode mode.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
const validatePostgresql = ajv.compile(postgresqlSchema);

/**
 * Problems with a Zalando `postgresql` object: the CRD's openAPIV3Schema (types, enums, patterns,
 * required fields), and fields the API server would prune because the structural schema does not
 * declare them.
 */
export function postgresqlProblems(o: unknown): string[] {
  const errors = validatePostgresql(o) ? [] : (validatePostgresql.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  return [...errors, ...prunedFields(o, postgresqlSchema, '')];
}

function prunedFields(value: unknown, schema: any, path: string): string[] {
  if (!schema || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => prunedFields(v, schema.items, `${path}[${i}]`)) : [];
  if (schema['x-kubernetes-preserve-unknown-fields']) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
    const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (!child) return schema.properties ? [`${path}/${key} is not in the CRD's schema and would be pruned`] : [];
    return prunedFields(v, child, `${path}/${key}`);
  });
}
