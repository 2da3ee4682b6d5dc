import { createHash } from 'crypto';
import { mkdirSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import postgresqlSchema from '../../lib/imports/acid.zalan.do.postgresql.schema.json';
import cnpgClusterSchema from '../../lib/imports/postgresql.cnpg.io.cluster.schema.json';
import cnpgDatabaseSchema from '../../lib/imports/postgresql.cnpg.io.database.schema.json';
import cnpgDatabaseRoleSchema from '../../lib/imports/postgresql.cnpg.io.databaserole.schema.json';
import cnpgPoolerSchema from '../../lib/imports/postgresql.cnpg.io.pooler.schema.json';
import cnpgScheduledBackupSchema from '../../lib/imports/postgresql.cnpg.io.scheduledbackup.schema.json';
import barmanObjectStoreSchema from '../../lib/imports/barmancloud.cnpg.io.objectstore.schema.json';

// The CRD's patterns escape characters (`\ `) that ajv rejects in unicode mode.
const AJV_OPTIONS = { allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false } as const;
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });

// Compiling a CRD's schema takes ajv about 0.2-1.2 s, and every test file that checks the kind
// compiled it again; the code ajv generates is kept here (named by the schema, ajv's version and
// the options) and loaded instead. The folder is node_modules' own cache, as for scripts/register-ts.js.
const CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-postgres-crd-validators');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** ajv's validator of `schema`, from the cache when ajv generated it before. */
function compiledValidator(schema: object): ValidateFunction {
  const key = createHash('sha256').update(JSON.stringify([AJV_VERSION, AJV_OPTIONS, schema])).digest('hex').slice(0, 40);
  const file = join(CACHE_DIR, `${key}.js`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as ValidateFunction;
  } catch {
    // not there yet (or unreadable): compiled below
  }
  const validate = ajv.compile(schema);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // written whole under another name, then renamed: a worker reading it sees all of it or nothing
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, standaloneCode(ajv, validate));
    renameSync(partial, file);
  } catch {
    // a read-only node_modules: compiled each time, as before
  }
  return validate;
}

/**
 * Problems with an object of a vendored CRD: its openAPIV3Schema (types, enums, patterns,
 * required fields; CEL rules aside), and fields the API server would prune because the structural
 * schema does not declare them.
 */
function crdProblems(schema: object): (o: unknown) => string[] {
  // compiled when first used: a test file that checks one kind does not compile the others
  let compiled: ValidateFunction | undefined;
  return (o) => {
    const validate = compiled ??= compiledValidator(schema);
    return [
      ...(validate(o) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`)),
      ...prunedFields(o, schema, ''),
    ];
  };
}

/** Problems with a Zalando `postgresql` object (see {@link crdProblems}). */
export const postgresqlProblems = crdProblems(postgresqlSchema);

/** Problems with each CloudNativePG object the library renders, by `apiVersion/kind` (see {@link crdProblems}). */
export const CLOUDNATIVEPG_PROBLEMS: Record<string, (o: unknown) => string[]> = {
  'postgresql.cnpg.io/v1/Cluster': crdProblems(cnpgClusterSchema),
  'postgresql.cnpg.io/v1/Database': crdProblems(cnpgDatabaseSchema),
  'postgresql.cnpg.io/v1/DatabaseRole': crdProblems(cnpgDatabaseRoleSchema),
  'postgresql.cnpg.io/v1/Pooler': crdProblems(cnpgPoolerSchema),
  'postgresql.cnpg.io/v1/ScheduledBackup': crdProblems(cnpgScheduledBackupSchema),
  'barmancloud.cnpg.io/v1/ObjectStore': crdProblems(barmanObjectStoreSchema),
};

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
