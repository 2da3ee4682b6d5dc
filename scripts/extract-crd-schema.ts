import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

/**
 * Writes the openAPIV3Schema of the Zalando `postgresql` CRD next to its generated bindings, so
 * tests validate what ZalandoCluster emits against the schema the API server will apply.
 */
const [source = join(__dirname, '..', 'crds', 'zalando-postgresql.crd.yaml')] = process.argv.slice(2);
const crd = parse(readFileSync(source, 'utf8'));
const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v1');
const target = join(__dirname, '..', 'lib', 'imports', 'acid.zalan.do.postgresql.schema.json');
writeFileSync(target, `${JSON.stringify(version.schema.openAPIV3Schema, null, 1)}\n`);
process.stdout.write(`wrote ${target}\n`);
