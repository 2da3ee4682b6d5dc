import { DatabaseServerDescription, EnvironmentDescription } from '../../lib';
import { Rendered } from '../../lib/review/both-paths';
import { Effects } from '../../lib/review';
import config from '../../environments/aws-efs.config.json';
import { awsEfs } from '../../environments/aws-efs';
import { byAwsStack, byBoth, byConsumer, byKubectl, byTerraform, ConsumerApp, CONSUMER_APP, EFS_STACK, environmentNamed } from './paths';
import { EfsFileSystemProps } from '../../lib/terraform/aws';

/**
 * What an edit is, as the team making it sees it: `routine` (a change made every week, which the
 * docs/reviewing.md's merge check must pass), `weakening` (access, protection or audit weakens: the check
 * must name it `security`), `disruptive` (refused, data at risk or lost, or a restart: the review
 * must say so before it happens).
 */
export type EditKind = 'routine' | 'weakening' | 'disruptive';

/** One pull request: both sides rendered the way its deploy path renders them. */
export interface CorpusEdit {
  readonly name: string;
  readonly kind: EditKind;
  /** kubectl, terraform, both, consumer or aws: how the change is deployed. */
  readonly path: 'kubectl' | 'terraform' | 'both' | 'consumer' | 'aws';
  readonly before: () => Rendered;
  readonly after: () => Rendered;
  /** The most each axis reaches over all findings. */
  readonly expected: Effects;
}

type ServerEdit = (s: DatabaseServerDescription) => Partial<DatabaseServerDescription>;

/** The environment with server `id` changed by `edit`. */
function editServer(environment: string, id: string, edit: ServerEdit): EnvironmentDescription {
  const d = environmentNamed(environment);
  if (!d.servers.some((s) => s.id === id)) throw new Error(`${environment} has no server ${id}`);
  return { ...d, servers: d.servers.map((s) => (s.id === id ? { ...s, ...edit(s) } as DatabaseServerDescription : s)) };
}
const withParameters = (parameters: DatabaseServerDescription['parameters']): ServerEdit => (s) => ({ parameters: { ...s.parameters, ...parameters } });
const withBackend = (backend: object): ServerEdit => (s) => ({ backend: { ...s.backend, ...backend } as DatabaseServerDescription['backend'] });
const withSchemaFile = (name: string, sql: string): ServerEdit => (s) => ({
  databases: s.databases!.map((db, i) => (i === 0 ? { ...db, schemaFiles: [...db.schemaFiles ?? [], { name, sql }] } : db)),
});

const PATHS = { kubectl: byKubectl, terraform: byTerraform, both: byBoth } as const;
type EnvironmentPath = keyof typeof PATHS;

/** Memoized renderings: each side of an unchanged environment is rendered once per path. */
const rendered = new Map<string, Rendered>();
const once = (key: string, render: () => Rendered) => () => rendered.get(key) ?? rendered.set(key, render()).get(key)!;

function environmentEdit(kind: EditKind, path: EnvironmentPath, environment: string, id: string, name: string, edit: ServerEdit, expected: Effects): CorpusEdit {
  return {
    name: `${environment} ${id}: ${name}`, kind, path,
    before: once(`${path} ${environment}`, () => PATHS[path](environmentNamed(environment))),
    after: () => PATHS[path](editServer(environment, id, edit)),
    expected,
  };
}
function descriptionEdit(kind: EditKind, path: EnvironmentPath, name: string, before: EnvironmentDescription, after: () => EnvironmentDescription, expected: Effects): CorpusEdit {
  return { name: `${before.name}: ${name}`, kind, path, before: once(`${path} ${before.name}`, () => PATHS[path](before)), after: () => PATHS[path](after()), expected };
}
function consumerEdit(kind: EditKind, name: string, edit: (app: ConsumerApp) => ConsumerApp, expected: Effects): CorpusEdit {
  return { name: `consumer app: ${name}`, kind, path: 'consumer', before: once('consumer', () => byConsumer(CONSUMER_APP)), after: () => byConsumer(edit(CONSUMER_APP)), expected };
}
function awsEdit(kind: EditKind, name: string, edit: Partial<EfsFileSystemProps>, expected: Effects): CorpusEdit {
  return { name: `aws stack: ${name}`, kind, path: 'aws', before: once('aws', () => byAwsStack(EFS_STACK)), after: () => byAwsStack({ ...EFS_STACK, ...edit }), expected };
}

const effects = (applies: Effects['applies'], data: Effects['data'] = 'kept', access: Effects['access'] = 'same'): Effects => ({ applies, data, access });
const IN_PLACE = effects('in place');
const RELOAD = effects('on reload');
const RESTART = effects('on restart');
const RECREATE = effects('by recreating');
const REFUSED = effects('refused');
const WIDER_ON_RELOAD = effects('on reload', 'kept', 'wider');
const WIDER_IN_PLACE = effects('in place', 'kept', 'wider');

const NEW_DATABASE: ServerEdit = (s) => ({
  databases: [...s.databases!, { name: 'reports', owner: s.databases![0].owner }],
  users: [...s.users ?? [], { name: 'reports_reader', kind: 'readonly', databases: ['reports'], password: { name: 'reports-logins', key: 'reader-password' } }],
});
/** prod-cnpg's object store, as the environment declares it. */
const PROD_CNPG_STORE = { destinationPath: 's3://microservices-backups/prod-cnpg', identity: { awsRoleArn: 'arn:aws:iam::123456789012:role/prod-cnpg-backups' } };
const TABLES_ONLY = 'CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);\nCREATE INDEX notes_body ON notes (body);\n';

export const CORPUS: readonly CorpusEdit[] = [
  // minikube-dev, by kubectl
  environmentEdit('routine', 'kubectl', 'minikube-dev', 'microservices', 'a new database and its read-only login', NEW_DATABASE, RECREATE),
  environmentEdit('routine', 'kubectl', 'minikube-dev', 'dbaas-metadata', 'a new schema file of tables and indexes', withSchemaFile('002-notes.sql', TABLES_ONLY), RECREATE),
  environmentEdit('routine', 'kubectl', 'minikube-dev', 'microservices', 'another backup schedule', (s) => ({ backup: { ...s.backup!, schedule: '0 3 * * *' } }), IN_PLACE),
  environmentEdit('routine', 'kubectl', 'minikube-dev', 'microservices', 'backups kept longer', (s) => ({ backup: { ...s.backup!, retention: { days: 14 } } }), IN_PLACE),
  environmentEdit('routine', 'kubectl', 'minikube-dev', 'microservices', 'work_mem 5MB', withParameters({ work_mem: '5MB' }), RELOAD),
  environmentEdit('routine', 'kubectl', 'minikube-dev', 'microservices', 'statement_timeout 30s', withParameters({ statement_timeout: '30s' }), RELOAD),
  environmentEdit('routine', 'kubectl', 'minikube-dev', 'microservices', 'slow statements logged', withParameters({ log_min_duration_statement: '500ms' }), RELOAD),
  environmentEdit('weakening', 'kubectl', 'minikube-dev', 'microservices', 'every statement over 0.4 ms logged', withParameters({ log_min_duration_statement: '400us' }), WIDER_ON_RELOAD),
  environmentEdit('disruptive', 'kubectl', 'minikube-dev', 'microservices', 'a team label on the server (claim templates cannot change)', () => ({ labels: { team: 'payments' } }), REFUSED),
  environmentEdit('disruptive', 'kubectl', 'minikube-dev', 'microservices', 'more memory', (s) => ({ resources: { ...s.resources, memoryRequest: '768Mi', memoryLimit: '1536Mi' } }), RESTART),
  environmentEdit('disruptive', 'kubectl', 'minikube-dev', 'microservices', 'max_connections 200', withParameters({ max_connections: 200 }), RESTART),
  environmentEdit('disruptive', 'kubectl', 'minikube-dev', 'microservices', 'storage 5Gi -> 10Gi', (s) => ({ storage: { ...s.storage, size: '10Gi' } }), REFUSED),
  environmentEdit('disruptive', 'kubectl', 'minikube-dev', 'microservices', 'a bare major change 17 -> 18', () => ({ majorVersion: 18 }), effects('by recreating', 'lost')),
  environmentEdit('disruptive', 'kubectl', 'minikube-dev', 'microservices', 'the server renamed', () => ({ name: 'orders' }), effects('in place', 'lost')),
  environmentEdit('disruptive', 'kubectl', 'minikube-dev', 'dbaas-metadata', 'backups kept 30 -> 7 days', (s) => ({ backup: { ...s.backup!, retention: { days: 7 } } }), effects('in place', 'lost')),
  environmentEdit('weakening', 'kubectl', 'minikube-dev', 'microservices', 'log_connections off', withParameters({ log_connections: false }), WIDER_ON_RELOAD),
  environmentEdit('weakening', 'kubectl', 'minikube-dev', 'microservices', "log_statement 'all'", (s) => ({ parameters: { ...s.parameters, log_statement: 'all' }, logsStatements: true }), WIDER_ON_RELOAD),
  environmentEdit('weakening', 'kubectl', 'minikube-dev', 'microservices', 'clients from another namespace', withBackend({ clientNamespaces: ['default'] }), WIDER_IN_PLACE),
  environmentEdit('weakening', 'kubectl', 'minikube-dev', 'dbaas-metadata', 'a schema file that grants to PUBLIC', withSchemaFile('002-grant.sql', 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC;\n'), effects('by recreating', 'kept', 'wider')),
  environmentEdit('weakening', 'kubectl', 'minikube-dev', 'microservices', 'dumps keep the role verifiers', (s) => ({ backup: { ...s.backup!, rolePasswords: true } }), WIDER_IN_PLACE),

  // solid-cloud, by Terraform and by both
  environmentEdit('routine', 'terraform', 'solid-cloud', 'titanium', 'a new schema file of tables and indexes', withSchemaFile('titanium-notes.sql', TABLES_ONLY), RECREATE),
  environmentEdit('routine', 'terraform', 'solid-cloud', 'titanium', 'a new setting for the applications', (s) => ({ connectionConfigMap: { ...s.connectionConfigMap!, extra: { ...s.connectionConfigMap!.extra, FEATURE_COMMENTS: 'true' } } }), IN_PLACE),
  environmentEdit('routine', 'terraform', 'solid-cloud', 'titanium', 'work_mem 5MB', withParameters({ work_mem: '5MB' }), RELOAD),
  environmentEdit('routine', 'terraform', 'solid-cloud', 'titanium', 'the Service renamed (cert-manager issues the new names)', withBackend({ serviceName: 'titanium-db' }), RECREATE),
  environmentEdit('disruptive', 'terraform', 'solid-cloud', 'titanium', 'a memory limit', (s) => ({ resources: { ...s.resources, memoryLimit: '2Gi' } }), RESTART),
  environmentEdit('disruptive', 'terraform', 'solid-cloud', 'titanium', 'another database for the image to create', withBackend({ database: 'titanium_v2' }), REFUSED),
  environmentEdit('weakening', 'terraform', 'solid-cloud', 'titanium', 'a schema file that makes a login a role creator', withSchemaFile('titanium-roles.sql', 'ALTER ROLE titanium CREATEROLE;\n'), effects('by recreating', 'kept', 'wider')),
  environmentEdit('weakening', 'terraform', 'solid-cloud', 'titanium', 'log_disconnections off', withParameters({ log_disconnections: false }), WIDER_ON_RELOAD),
  descriptionEdit('weakening', 'terraform', 'the default deny removed', environmentNamed('solid-cloud'), () => ({ ...environmentNamed('solid-cloud'), network: { defaultDeny: false } }), WIDER_IN_PLACE),
  environmentEdit('routine', 'both', 'solid-cloud', 'titanium', 'work_mem 5MB, on both paths', withParameters({ work_mem: '5MB' }), RELOAD),
  environmentEdit('weakening', 'both', 'solid-cloud', 'titanium', 'log_connections off, on both paths', withParameters({ log_connections: false }), WIDER_ON_RELOAD),
  descriptionEdit('weakening', 'both', 'the default deny removed, on both paths', environmentNamed('solid-cloud'), () => ({ ...environmentNamed('solid-cloud'), network: { defaultDeny: false } }), WIDER_IN_PLACE),

  // aks-phonebill-dev, by kubectl
  environmentEdit('routine', 'kubectl', 'aks-phonebill-dev', 'product-change', 'a new database and its read-only login', NEW_DATABASE, RECREATE),
  environmentEdit('routine', 'kubectl', 'aks-phonebill-dev', 'product-change', 'a new schema file of tables and indexes', withSchemaFile('002-notes.sql', 'CREATE TABLE product_change.notes (id int);\nCREATE INDEX ON product_change.notes (id);\n'), RECREATE),
  environmentEdit('routine', 'kubectl', 'aks-phonebill-dev', 'product-change', 'work_mem 8MB', withParameters({ work_mem: '8MB' }), RELOAD),
  environmentEdit('routine', 'kubectl', 'aks-phonebill-dev', 'product-change', 'fewer cipher suites', withParameters({ ssl_ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384' }), RELOAD),
  environmentEdit('routine', 'kubectl', 'aks-phonebill-dev', 'product-change', 'another backup schedule', (s) => ({ backup: { ...s.backup!, schedule: '0 4 * * *' } }), IN_PLACE),
  environmentEdit('disruptive', 'kubectl', 'aks-phonebill-dev', 'product-change', 'max_connections 200', withParameters({ max_connections: 200 }), RESTART),
  environmentEdit('disruptive', 'kubectl', 'aks-phonebill-dev', 'product-change', 'backups kept 7 -> 3 days', (s) => ({ backup: { ...s.backup!, retention: { days: 3 } } }), effects('in place', 'lost')),
  environmentEdit('disruptive', 'kubectl', 'aks-phonebill-dev', 'product-change', 'an applied schema file edited', (s) => ({
    databases: s.databases!.map((db) => ({ ...db, schemaFiles: db.schemaFiles!.map((f) => ({ ...f, sql: `${f.sql}\nALTER TABLE product_change.product_change_history ADD COLUMN note text;\n` })) })),
  }), REFUSED),
  environmentEdit('weakening', 'kubectl', 'aks-phonebill-dev', 'product-change', 'TLS switched off', () => ({ tls: { enabled: false } }), effects('by recreating', 'kept', 'wider')),
  environmentEdit('weakening', 'kubectl', 'aks-phonebill-dev', 'product-change', 'a schema file that grants the admin role to the read-only login', withSchemaFile('002-grant.sql', 'GRANT product_change_admin TO product_change_readonly;\n'), effects('by recreating', 'kept', 'wider')),
  environmentEdit('weakening', 'kubectl', 'aks-phonebill-dev', 'product-change', 'a schema file with a SECURITY DEFINER function', withSchemaFile('002-f.sql', 'CREATE FUNCTION product_change.f() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;\n'), effects('by recreating', 'kept', 'wider')),
  environmentEdit('weakening', 'kubectl', 'aks-phonebill-dev', 'product-change', 'log lines without user and client', withParameters({ log_line_prefix: '%m [%p] ' }), WIDER_ON_RELOAD),
  environmentEdit('weakening', 'kubectl', 'aks-phonebill-dev', 'product-change', "log_statement 'ddl'", (s) => ({ parameters: { ...s.parameters, log_statement: 'ddl' }, logsStatements: true }), WIDER_ON_RELOAD),

  // aws-efs, by kubectl (the file system's ids come from the aws stack)
  descriptionEdit('routine', 'kubectl', 'a new schema file of tables and indexes', awsEfs(), () => {
    const d = awsEfs();
    return { ...d, servers: d.servers.map((s) => ({ ...s, ...withSchemaFile('002-notes.sql', TABLES_ONLY)(s) }) as DatabaseServerDescription) };
  }, RECREATE),
  descriptionEdit('weakening', 'kubectl', 'a wider clientCidrs', awsEfs(), () => awsEfs({ ...config, clientCidrs: [...config.clientCidrs, '192.168.0.0/16'] }), WIDER_ON_RELOAD),
  descriptionEdit('disruptive', 'kubectl', 'another file system', awsEfs(), () => awsEfs({ ...config, fileSystemId: 'fs-0123456789abcdef0' }), REFUSED),
  descriptionEdit('routine', 'kubectl', 'the backups copied to another bucket', awsEfs(), () => awsEfs({ ...config, backupBucket: 'postgres-backups-archive' }), IN_PLACE),
  descriptionEdit('weakening', 'kubectl', 'the backups no longer copied to S3', awsEfs(), () => {
    const d = awsEfs();
    return { ...d, servers: d.servers.map((s) => ({ ...s, backup: { ...s.backup!, upload: undefined } })) };
  }, WIDER_IN_PLACE),

  // prod-operator (the Zalando operator), by kubectl
  environmentEdit('routine', 'kubectl', 'prod-operator', 'microservices', 'a larger volume', () => ({ storage: { size: '100Gi' } }), IN_PLACE),
  environmentEdit('routine', 'kubectl', 'prod-operator', 'microservices', 'another logical backup schedule', withBackend({ logicalBackup: { schedule: '0 3 * * *', retentionDays: 7 } }), IN_PLACE),
  environmentEdit('routine', 'kubectl', 'prod-operator', 'microservices', 'a third pooler instance', withBackend({ connectionPooler: { instances: 3, mode: 'transaction' } }), IN_PLACE),
  environmentEdit('routine', 'kubectl', 'prod-operator', 'microservices', 'work_mem 8MB', withParameters({ work_mem: '8MB' }), RELOAD),
  environmentEdit('routine', 'kubectl', 'prod-operator', 'microservices', 'a new database and its read-only login', NEW_DATABASE, RECREATE),
  environmentEdit('disruptive', 'kubectl', 'prod-operator', 'microservices', 'max_connections 200', withParameters({ max_connections: 200 }), RESTART),
  environmentEdit('disruptive', 'kubectl', 'prod-operator', 'microservices', 'more memory', (s) => ({ resources: { ...s.resources, memoryRequest: '3Gi', memoryLimit: '6Gi' } }), RESTART),
  environmentEdit('disruptive', 'kubectl', 'prod-operator', 'microservices', 'PostgreSQL 17 -> 18', () => ({ majorVersion: 18 }), RECREATE),
  environmentEdit('disruptive', 'kubectl', 'prod-operator', 'microservices', 'logical backups kept 7 -> 3 days', withBackend({ logicalBackup: { schedule: '0 2 * * *', retentionDays: 3 } }), effects('in place', 'lost')),
  environmentEdit('weakening', 'kubectl', 'prod-operator', 'microservices', 'a service login made superuser', withBackend({ userFlags: { userservice: ['superuser'] } }), WIDER_IN_PLACE),
  environmentEdit('weakening', 'kubectl', 'prod-operator', 'microservices', 'log_connections off', withParameters({ log_connections: false }), WIDER_ON_RELOAD),
  environmentEdit('weakening', 'kubectl', 'prod-operator', 'microservices', 'a service login given createrole', withBackend({ userFlags: { paymentservice: ['createrole'] } }), WIDER_IN_PLACE),

  // prod-cnpg (CloudNativePG), by kubectl
  environmentEdit('routine', 'kubectl', 'prod-cnpg', 'microservices', 'a larger volume', () => ({ storage: { size: '100Gi' } }), IN_PLACE),
  environmentEdit('routine', 'kubectl', 'prod-cnpg', 'microservices', 'work_mem 8MB', withParameters({ work_mem: '8MB' }), RELOAD),
  environmentEdit('routine', 'kubectl', 'prod-cnpg', 'microservices', 'a new database and its read-only login', (s) => ({
    databases: [...s.databases!, { name: 'reportdb', owner: 'reportservice' }],
    users: [...s.users!, { name: 'reportservice', kind: 'app', password: { name: 'postgres-cluster-reportservice', key: 'password', usernameKey: 'username' } },
      { name: 'reportreader', kind: 'readonly', databases: ['reportdb'], password: { name: 'postgres-cluster-reportreader', key: 'password', usernameKey: 'username' } }],
  }), RECREATE),
  environmentEdit('disruptive', 'kubectl', 'prod-cnpg', 'microservices', 'max_connections 200', withParameters({ max_connections: 200 }), RESTART),
  environmentEdit('disruptive', 'kubectl', 'prod-cnpg', 'microservices', 'more memory', (s) => ({ resources: { ...s.resources, memoryRequest: '3Gi', memoryLimit: '6Gi' } }), RESTART),
  // the operator's offline pg_upgrade; the schema Job takes the new image
  environmentEdit('disruptive', 'kubectl', 'prod-cnpg', 'microservices', 'PostgreSQL 17 -> 18', () => ({ majorVersion: 18 }), effects('by recreating', 'at risk')),
  environmentEdit('disruptive', 'kubectl', 'prod-cnpg', 'microservices', 'a smaller volume', () => ({ storage: { size: '40Gi' } }), REFUSED),
  // the Cluster goes with its claims, and the namespace with its default deny
  descriptionEdit('disruptive', 'kubectl', 'the server removed', environmentNamed('prod-cnpg'), () => ({ ...environmentNamed('prod-cnpg'), servers: [] }), effects('in place', 'lost', 'wider')),
  environmentEdit('routine', 'kubectl', 'prod-cnpg', 'microservices', 'base backups at 03:00', withBackend({ backup: { objectStore: PROD_CNPG_STORE, schedule: '0 0 3 * * *', retention: '7d' } }), IN_PLACE),
  environmentEdit('disruptive', 'kubectl', 'prod-cnpg', 'microservices', 'recovery window 7 -> 3 days', withBackend({ backup: { objectStore: PROD_CNPG_STORE, schedule: '0 0 2 * * *', retention: '3d' } }), effects('in place', 'lost')),
  environmentEdit('weakening', 'kubectl', 'prod-cnpg', 'microservices', 'backups switched off', withBackend({ backup: undefined }), effects('on restart', 'at risk')),
  environmentEdit('weakening', 'kubectl', 'prod-cnpg', 'microservices', 'log_connections off', withParameters({ log_connections: false }), WIDER_ON_RELOAD),
  environmentEdit('weakening', 'kubectl', 'prod-cnpg', 'microservices', 'a service login made an admin', (s) => ({ users: s.users!.map((u) => (u.name === 'paymentservice' ? { ...u, kind: 'admin' } : u)) }), effects('by recreating', 'kept', 'wider')),

  // a consumer's own chart
  consumerEdit('routine', 'a new schema file', (a) => ({ ...a, schema: { ...a.schema, databases: a.schema.databases!.map((db) => ({ ...db, schemaFiles: [...db.schemaFiles!, { name: '002-notes.sql', sql: TABLES_ONLY }] })) } }), RECREATE),
  consumerEdit('routine', 'a new read-only login', (a) => ({ ...a, schema: { ...a.schema, users: [...a.schema.users!, { name: 'analyst', kind: 'readonly', databases: ['orders'], password: { name: 'orders-logins', key: 'analyst' } }] } }), RECREATE),
  consumerEdit('routine', 'work_mem 5MB', (a) => ({ ...a, server: { ...a.server, parameters: { work_mem: '5MB' } } }), RELOAD),
  consumerEdit('routine', 'another backup schedule', (a) => ({ ...a, schedule: '30 1 * * *' }), IN_PLACE),
  consumerEdit('disruptive', 'shared_buffers 384MB', (a) => ({ ...a, server: { ...a.server, parameters: { ...a.server.parameters, shared_buffers: '384MB' } } }), RESTART),
  consumerEdit('disruptive', 'storage 10Gi -> 20Gi', (a) => ({ ...a, server: { ...a.server, storage: { size: '20Gi' } } }), REFUSED),
  consumerEdit('disruptive', 'backups kept 7 -> 2 days', (a) => ({ ...a, backupRetentionDays: 2 }), effects('in place', 'lost')),
  consumerEdit('weakening', 'an image from another registry', (a) => ({ ...a, server: { ...a.server, image: 'registry.example.com/postgres:17.7' } }), effects('by recreating', 'kept', 'wider')),
  consumerEdit('weakening', 'the app login made an admin', (a) => ({ ...a, schema: { ...a.schema, users: a.schema.users!.map((u) => (u.name === 'orders_app' ? { ...u, kind: 'admin', privileges: undefined } : u)) } }), effects('by recreating', 'kept', 'wider')),

  // a consumer's AWS stack
  awsEdit('routine', 'files move to Infrequent Access after 60 days', { transitionToIa: 'AFTER_60_DAYS' }, IN_PLACE),
  awsEdit('routine', 'a third mount target', { subnetIds: [...EFS_STACK.subnetIds, 'subnet-0c'] }, IN_PLACE),
  awsEdit('weakening', 'NFS from a wider range', { clientCidrs: ['10.0.0.0/8'] }, WIDER_IN_PLACE),
  awsEdit('disruptive', 'another root directory for the access point', { rootDirectory: '/pg' }, effects('by recreating', 'lost')),
  awsEdit('weakening', 'the destroy guard switched off', { preventDestroy: false }, effects('in place', 'at risk')),
];
