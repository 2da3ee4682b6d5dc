// `node large-text.js <configmap|schema-file> <characters> <outdir>`: one server chart holding a
// text of that length (a ConfigMap value of the user's, or a schema file), synthesized with the
// library's writer; one JSON line with the milliseconds from the first construct to the file.
'use strict';
const { ApiObject, App, Chart } = require('cdk8s');
const lib = require('cdk8s-postgres');

const [where, length, outdir] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
// Runs of characters that regular expressions go back over, as in the repository's linear-scan test.
const units = ['a', '0', 'f0', ' ', '\t', "'", '\\', '$', ':', '/', '-', 'x://a:', 'a b'];
const perUnit = Math.ceil(length / units.length);
const text = units.map((unit) => unit.repeat(Math.ceil(perUnit / unit.length)).slice(0, perUnit)).join('\n').slice(0, length);

const started = process.hrtime.bigint();
const chart = new Chart(new App({ outdir }), 'large');
const server = new lib.PostgresStatefulSet(chart, 'db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
if (where === 'configmap') {
  new ApiObject(chart, 'notes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'shop' }, data: { 'notes.txt': text } });
} else {
  new lib.SchemaInitJob(chart, 'schema', {
    server,
    databases: [{ name: 'app', owner: 'app_owner', schemaFiles: [{ name: 'large.sql', sql: text }] }],
    users: [{ name: 'app_owner', kind: 'app', password: { name: 'logins', key: 'app' } }],
  });
}
lib.writeChart(chart, outdir);
process.stdout.write(`${JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6 })}\n`);
