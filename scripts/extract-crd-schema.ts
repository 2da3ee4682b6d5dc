import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

/**
 * Writes the openAPIV3Schema of each vendored CRD the library renders next to the generated
 * bindings (`lib/imports/<group>.<kind>.schema.json`), so tests validate what the constructs emit
 * against the schema the API server will apply.
 */
const CRDS: Array<[file: string, version: string]> = [
  ['zalando-postgresql.crd.yaml', 'v1'],
  ['cloudnative-pg/postgresql.cnpg.io_clusters.yaml', 'v1'],
  ['cloudnative-pg/postgresql.cnpg.io_databases.yaml', 'v1'],
  ['cloudnative-pg/postgresql.cnpg.io_databaseroles.yaml', 'v1'],
  ['cloudnative-pg/postgresql.cnpg.io_poolers.yaml', 'v1'],
  ['cloudnative-pg/postgresql.cnpg.io_scheduledbackups.yaml', 'v1'],
  ['cloudnative-pg/barmancloud.cnpg.io_objectstores.yaml', 'v1'],
];
for (const [file, versionName] of CRDS) {
  const crd = parse(readFileSync(join(__dirname, '..', 'crds', file), 'utf8'));
  const version = crd.spec.versions.find((v: { name: string }) => v.name === versionName);
  const target = join(__dirname, '..', 'lib', 'imports', `${crd.spec.group}.${crd.spec.names.singular}.schema.json`);
  writeFileSync(target, `${JSON.stringify(version.schema.openAPIV3Schema, null, 1)}\n`);
  process.stdout.write(`wrote ${target}\n`);
}
