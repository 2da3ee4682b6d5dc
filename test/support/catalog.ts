import { TestServer } from './postgres-server';

const CLUSTER_STATE = `SELECT json_build_object(
  'databases', (SELECT json_agg(json_build_object('name', datname, 'owner', pg_get_userbyid(datdba), 'acl', datacl::text) ORDER BY datname) FROM pg_database),
  'roles', (SELECT json_agg(json_build_object('name', rolname, 'login', rolcanlogin, 'super', rolsuper, 'createdb', rolcreatedb,
    'createrole', rolcreaterole, 'inherit', rolinherit, 'replication', rolreplication, 'bypassrls', rolbypassrls, 'hasPassword', rolpassword IS NOT NULL) ORDER BY rolname) FROM pg_authid),
  'members', (SELECT json_agg(pg_get_userbyid(roleid) || ' > ' || pg_get_userbyid(member) ORDER BY pg_get_userbyid(roleid), pg_get_userbyid(member)) FROM pg_auth_members)
)`;

const DATABASE_STATE = `SELECT json_build_object(
  'schemas', (SELECT json_agg(json_build_object('name', nspname, 'owner', pg_get_userbyid(nspowner), 'acl', nspacl::text) ORDER BY nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'),
  'relations', (SELECT json_agg(json_build_object('name', n.nspname || '.' || c.relname, 'kind', c.relkind, 'owner', pg_get_userbyid(c.relowner), 'acl', c.relacl::text, 'oid', c.oid) ORDER BY n.nspname, c.relname)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'),
  'defaultAcls', (SELECT json_agg(json_build_object('role', pg_get_userbyid(defaclrole), 'schema', defaclnamespace::regnamespace::text, 'type', defaclobjtype, 'acl', defaclacl::text) ORDER BY pg_get_userbyid(defaclrole), defaclnamespace::regnamespace::text, defaclobjtype) FROM pg_default_acl),
  'functions', (SELECT json_agg(json_build_object('name', p.oid::regprocedure::text, 'owner', pg_get_userbyid(p.proowner), 'acl', p.proacl::text, 'body', md5(p.prosrc), 'definer', p.prosecdef, 'oid', p.oid) ORDER BY p.oid::regprocedure::text)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'),
  'triggers', (SELECT json_agg(json_build_object('table', tgrelid::regclass::text, 'name', tgname, 'oid', oid) ORDER BY tgrelid::regclass::text, tgname) FROM pg_trigger WHERE NOT tgisinternal)
)`;

/**
 * Everything the schema Job may touch, as JSON: databases, roles (without password
 * verifiers), memberships, and per database its schemas, relations, default privileges,
 * functions and triggers with their OIDs (so a drop and re-create shows up).
 */
export function catalogState(server: TestServer, databases: readonly string[]): Record<string, unknown> {
  const state: Record<string, unknown> = { cluster: JSON.parse(server.query(CLUSTER_STATE)) };
  for (const db of databases) state[db] = JSON.parse(server.query(DATABASE_STATE, { database: db }));
  return state;
}
