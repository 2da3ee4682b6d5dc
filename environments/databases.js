"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EFS_USERS = exports.EFS_DATABASES = exports.PRODUCT_CHANGE_USERS = exports.PRODUCT_CHANGE_DATABASES = exports.TITANIUM_USERS = exports.TITANIUM_DATABASES = exports.DBAAS_METADATA_DATABASES = exports.MICROSERVICE_USERS = exports.MICROSERVICE_DATABASES = void 0;
const fs_1 = require("fs");
const path_1 = require("path");
/** A schema file from environments/schemas/. */
function schemaFile(name) {
    return { name, sql: (0, fs_1.readFileSync)((0, path_1.join)(__dirname, 'schemas', name), 'utf8') };
}
/**
 * Seed 001: five service databases, each owned by its service's login. The same list renders as
 * a StatefulSet in minikube-dev and as a Zalando cluster in prod-operator.
 */
exports.MICROSERVICE_DATABASES = [
    { name: 'userdb', owner: 'userservice' },
    { name: 'paymentdb', owner: 'paymentservice' },
    { name: 'settlementdb', owner: 'settlementservice' },
    { name: 'partnerdb', owner: 'partnerservice' },
    { name: 'accountingdb', owner: 'accountingservice' },
];
/** Seed 001's service logins; passwords are keys `<login>-password` of Secret `postgres-secret`. */
exports.MICROSERVICE_USERS = exports.MICROSERVICE_DATABASES.map((db) => ({
    name: db.owner,
    kind: 'app',
    password: { name: 'postgres-secret', key: `${db.owner}-password` },
}));
/** Seed 000: the Mini DBaaS metadata database, owned by the superuser as in the seed. */
exports.DBAAS_METADATA_DATABASES = [
    { name: 'dbaas_metadata', owner: 'postgres', schemaFiles: [schemaFile('dbaas-metadata.sql')] },
];
/** Seed 002: titanium's users and posts, owned by the services' login. */
exports.TITANIUM_DATABASES = [
    { name: 'titanium', owner: 'titanium', schemaFiles: [schemaFile('titanium-users.sql'), schemaFile('titanium-posts.sql')] },
];
/** Seed 002: the login user-service and blog-service read from POSTGRES_USER / POSTGRES_PASSWORD. */
exports.TITANIUM_USERS = [
    { name: 'titanium', kind: 'app', password: { name: 'postgres-credentials', key: 'POSTGRES_PASSWORD', usernameKey: 'POSTGRES_USER' } },
];
/** Seed 004: product_change_db with its own schema; the admin owns it. */
exports.PRODUCT_CHANGE_DATABASES = [
    { name: 'product_change_db', owner: 'product_change_admin', schemas: ['product_change'], schemaFiles: [schemaFile('product-change.sql')] },
];
/** Seed 004 §9.2: application (SELECT, INSERT, UPDATE), administrator (all) and read-only logins. */
exports.PRODUCT_CHANGE_USERS = [
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
exports.EFS_DATABASES = [
    {
        name: 'postgres',
        owner: 'postgres',
        schemaFiles: [schemaFile('efs-test-table.sql')],
        history: { tables: ['test_table'], managerRole: 'manager' },
    },
];
/** Seed 003: a manager who may change the tracked tables, and an application login that may not. */
exports.EFS_USERS = [
    { name: 'manager_user', kind: 'manager', databases: ['postgres'], password: { name: 'postgres-logins', key: 'manager-user-password' } },
    { name: 'app_user', kind: 'app', databases: ['postgres'], password: { name: 'postgres-logins', key: 'app-user-password' } },
];
