import Ajv from 'ajv';
import postgresqlSchema from '../../lib/imports/acid.zalan.do.postgresql.schema.json';
import cnpgClusterSchema from '../../lib/imports/postgresql.cnpg.io.cluster.schema.json';
import cnpgDatabaseSchema from '../../lib/imports/postgresql.cnpg.io.database.schema.json';
import cnpgDatabaseRoleSchema from '../../lib/imports/postgresql.cnpg.io.databaserole.schema.json';
import cnpgPoolerSchema from '../../lib/imports/postgresql.cnpg.io.pooler.schema.json';
import cnpgScheduledBackupSchema from '../../lib/imports/postgresql.cnpg.io.scheduledbackup.schema.json';
import barmanObjectStoreSchema from '../../lib/imports/barmancloud.cnpg.io.objectstore.schema.json';

// The CRD's patterns escape characters (`\ `) that ajv rejects in unicode mode.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });

/**
 * Problems with an object of a vendored CRD: its openAPIV3Schema (types, enums, patterns,
 * required fields; CEL rules aside), and fields the API server would prune because the structural
 * schema does not declare them.
 */
function crdProblems(schema: object): (o: unknown) => string[] {
  // compiled when first used: a test file that checks one kind does not compile the others
  let compiled: ReturnType<typeof ajv.compile> | undefined;
  return (o) => {
    const validate = compiled ??= ajv.compile(schema);
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
