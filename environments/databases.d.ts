import { DatabaseDefinition, DatabaseUser } from '../lib';
/**
 * Seed 001: five service databases, each owned by its service's login. The same list renders as
 * a StatefulSet in minikube-dev and as a Zalando cluster in prod-operator.
 */
export declare const MICROSERVICE_DATABASES: DatabaseDefinition[];
/** Seed 001's service logins; passwords are keys `<login>-password` of Secret `postgres-secret`. */
export declare const MICROSERVICE_USERS: DatabaseUser[];
/** Seed 000: the Mini DBaaS metadata database, owned by the superuser as in the seed. */
export declare const DBAAS_METADATA_DATABASES: DatabaseDefinition[];
/** Seed 002: titanium's users and posts, owned by the services' login. */
export declare const TITANIUM_DATABASES: DatabaseDefinition[];
/** Seed 002: the login user-service and blog-service read from POSTGRES_USER / POSTGRES_PASSWORD. */
export declare const TITANIUM_USERS: DatabaseUser[];
/** Seed 004: product_change_db with its own schema; the admin owns it. */
export declare const PRODUCT_CHANGE_DATABASES: DatabaseDefinition[];
/** Seed 004 §9.2: application (SELECT, INSERT, UPDATE), administrator (all) and read-only logins. */
export declare const PRODUCT_CHANGE_USERS: DatabaseUser[];
/** Seed 003: test_table with change history, changed only by members of the manager role. */
export declare const EFS_DATABASES: DatabaseDefinition[];
/** Seed 003: a manager who may change the tracked tables, and an application login that may not. */
export declare const EFS_USERS: DatabaseUser[];
