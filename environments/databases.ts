import { readFileSync } from 'fs';
import { join } from 'path';
import { DatabaseDefinition, DatabaseServerDescription, DatabaseUser, SchemaFile } from '../lib';

/** A schema file from environments/schemas/. */
function schemaFile(name: string): SchemaFile {
  return { name, sql: readFileSync(join(__dirname, 'schemas', name), 'utf8') };
}

/**
 * Seed 001: five service databases, each owned by its service's login. The same list renders as
 * a StatefulSet in minikube-dev and as a Zalando cluster in prod-operator.
 */
export const MICROSERVICE_DATABASES: DatabaseDefinition[] = [
  { name: 'userdb', owner: 'userservice' },
  { name: 'paymentdb', owner: 'paymentservice' },
  { name: 'settlementdb', owner: 'settlementservice' },
  { name: 'partnerdb', owner: 'partnerservice' },
  { name: 'accountingdb', owner: 'accountingservice' },
];

/** Seed 001's service logins; passwords are keys `<login>-password` of Secret `postgres-secret`. */
export const MICROSERVICE_USERS: DatabaseUser[] = MICROSERVICE_DATABASES.map((db) => ({
  name: db.owner,
  kind: 'app',
  password: { name: 'postgres-secret', key: `${db.owner}-password` },
}));

/**
 * Seed 001's server, whichever backend runs it: minikube-dev runs it as a StatefulSet,
 * prod-operator on the Zalando operator, each adding its sizes and its `backend`.
 */
export const MICROSERVICES_SERVER = {
  id: 'microservices',
  namespace: 'microservices',
  databases: MICROSERVICE_DATABASES,
  users: MICROSERVICE_USERS,
} satisfies Partial<DatabaseServerDescription>;

/** Seed 000: the Mini DBaaS metadata database, owned by the superuser as in the seed. */
export const DBAAS_METADATA_DATABASES: DatabaseDefinition[] = [
  { name: 'dbaas_metadata', owner: 'postgres', schemaFiles: [schemaFile('dbaas-metadata.sql')] },
];

/** Seed 002: titanium's users and posts, owned by the services' login. */
export const TITANIUM_DATABASES: DatabaseDefinition[] = [
  { name: 'titanium', owner: 'titanium', schemaFiles: [schemaFile('titanium-users.sql'), schemaFile('titanium-posts.sql')] },
];

/** Seed 002: the login user-service and blog-service read from POSTGRES_USER / POSTGRES_PASSWORD. */
export const TITANIUM_USERS: DatabaseUser[] = [
  { name: 'titanium', kind: 'app', password: { name: 'postgres-credentials', key: 'POSTGRES_PASSWORD', usernameKey: 'POSTGRES_USER' } },
];

/** Seed 004: product_change_db with its own schema; the admin owns it. */
export const PRODUCT_CHANGE_DATABASES: DatabaseDefinition[] = [
  { name: 'product_change_db', owner: 'product_change_admin', schemas: ['product_change'], schemaFiles: [schemaFile('product-change.sql')] },
];

/** Seed 004 §9.2: application (SELECT, INSERT, UPDATE), administrator (all) and read-only logins. */
export const PRODUCT_CHANGE_USERS: DatabaseUser[] = [
  {
    name: 'product_change_app',
    kind: 'app',
    privileges: ['SELECT', 'INSERT', 'UPDATE'],
    databases: ['product_change_db'],
    password: { name: 'postgresql-product-change-secret', key: 'password', usernameKey: 'username' },
  },
  { name: 'product_change_admin', kind: 'admin', password: { name: 'postgresql-product-change-logins', key: 'admin-password' } },
  { name: 'product_change_readonly', kind: 'readonly', databases: ['product_change_db'], password: { name: 'postgresql-product-change-logins', key: 'readonly-password' } },
];

/** Seed 003: test_table with change history, changed only by members of the manager role. */
export const EFS_DATABASES: DatabaseDefinition[] = [
  {
    name: 'postgres',
    owner: 'postgres',
    schemaFiles: [schemaFile('efs-test-table.sql')],
    history: { tables: ['test_table'], managerRole: 'manager' },
  },
];

/** Seed 003: a manager who may change the tracked tables, and an application login that may not. */
export const EFS_USERS: DatabaseUser[] = [
  { name: 'manager_user', kind: 'manager', databases: ['postgres'], password: { name: 'postgres-logins', key: 'manager-user-password' } },
  { name: 'app_user', kind: 'app', databases: ['postgres'], password: { name: 'postgres-logins', key: 'app-user-password' } },
];
