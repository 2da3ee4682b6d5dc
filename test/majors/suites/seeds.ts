import { PRODUCT_CHANGE_DATABASES, PRODUCT_CHANGE_USERS, TITANIUM_DATABASES, TITANIUM_USERS } from '../../../environments/databases';
import { loadDist } from '../../support/manifests';
import { startPostgres, TestServer } from '../../support/postgres-server';
import { JOB_NAME, schemaJobObjects } from '../../support/schema-chart';
import { runJobScript, TestSecrets } from '../../support/run-job';

/**
 * Seed 002's titanium schema and seed 004's product-change schema, applied by their Jobs, and
 * seed 003's history and manager role by the schema Job of dist/aws-efs.k8s.yaml.
 */
const secrets: TestSecrets = {
  'db-superuser': { password: 'test-superuser-password' },
  'postgres-credentials': { POSTGRES_PASSWORD: 'titanium-pw' },
  'postgresql-product-change-secret': { password: 'app-pw' },
  'postgresql-product-change-logins': { 'admin-password': 'admin-pw', 'readonly-password': 'readonly-pw' },
};
export function seedSuite(major: number): void {
  describe(`seed schemas on PostgreSQL ${major}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startPostgres({ major });
      const result = runJobScript(schemaJobObjects([...TITANIUM_DATABASES, ...PRODUCT_CHANGE_DATABASES], [...TITANIUM_USERS, ...PRODUCT_CHANGE_USERS]), JOB_NAME, server, secrets);
      if (result.status !== 0) throw new Error(result.stderr);
    });
    afterAll(() => server?.stop());

    describe('seed 002: titanium', () => {
      const titanium = { user: 'titanium', password: 'titanium-pw', database: 'titanium' };

      test('users and posts with exactly the seed columns', () => {
        const columns = server.query(`SELECT string_agg(table_name || '.' || column_name || ':' || data_type || coalesce('(' || character_maximum_length || ')', '') || ':' || is_nullable, '|' ORDER BY table_name, ordinal_position)
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('users', 'posts')`, titanium);
        expect(columns.split('|')).toEqual([
          'posts.id:integer:NO', 'posts.title:character varying(200):NO', 'posts.content:text:NO', 'posts.author:character varying(100):NO',
          'posts.created_at:timestamp without time zone:YES', 'posts.updated_at:timestamp without time zone:YES',
          'users.id:integer:NO', 'users.username:character varying(100):NO', 'users.email:character varying(255):NO',
          'users.password_hash:character varying(255):NO', 'users.created_at:timestamp without time zone:YES',
        ]);
      });

      test('the three indexes, exactly', () => {
        const indexes = server.query("SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'idx_%'", titanium);
        expect(indexes.split('\n')).toEqual([
          'CREATE INDEX idx_posts_author ON public.posts USING btree (author)',
          'CREATE INDEX idx_posts_created_at ON public.posts USING btree (created_at DESC)',
          'CREATE INDEX idx_users_username ON public.users USING btree (username)',
        ]);
      });

      test('CRUD works for the services\' login', () => {
        server.query("INSERT INTO users (username, email, password_hash) VALUES ('kim', 'kim@example.com', 'x')", titanium);
        server.query("INSERT INTO posts (title, content, author) VALUES ('hello', 'first post', 'kim')", titanium);
        server.query("UPDATE posts SET title = 'hi' WHERE author = 'kim'", titanium);
        expect(server.query('SELECT title FROM posts', titanium)).toBe('hi');
        server.query('DELETE FROM posts', titanium);
      });
    });

    describe('seed 004: product_change schema', () => {
      const admin = { user: 'product_change_admin', password: 'admin-pw', database: 'product_change_db' };

      test('3 tables, 12 indexes, 3 views, 2 trigger functions in schema product_change', () => {
        const count = (sql: string) => server.query(sql, admin);
        expect(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'product_change'")).toBe('3');
        expect(count("SELECT count(*) FROM pg_views WHERE schemaname = 'product_change'")).toBe('3');
        expect(count(`SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'product_change' AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)`)).toBe('12');
        expect(count("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'product_change' AND p.prorettype = 'trigger'::regtype")).toBe('2');
      });

      test('the circuit breaker starts closed', () => {
        expect(server.query("SELECT service_name || ':' || state FROM product_change.circuit_breaker_state", admin)).toBe('KOS_SERVICE:CLOSED');
      });

      test('trigger functions keep updated_at and the step times', () => {
        server.query("INSERT INTO product_change.product_change_history (request_id, user_id, line_number, customer_id, current_product_code, target_product_code, requested_at) VALUES ('t1', 'u', '010', 'c', 'A', 'B', now() - interval '1 minute')", admin);
        server.query("UPDATE product_change.product_change_history SET process_status = 'COMPLETED' WHERE request_id = 't1'", admin);
        expect(server.query("SELECT (processed_at IS NOT NULL) || ',' || (updated_at > created_at) || ',' || version FROM product_change.product_change_history WHERE request_id = 't1'", admin)).toBe('true,true,1');
      });

      test('monitoring views answer', () => {
        expect(server.query("SELECT requests FROM product_change.v_product_change_daily_summary WHERE process_status = 'COMPLETED'", admin)).toBe('1');
        expect(server.query('SELECT rejecting_calls FROM product_change.v_circuit_breaker_status', admin)).toBe('f');
        server.query("INSERT INTO product_change.kos_integration_log (request_id, integration_type, method, endpoint, response_time_ms, is_success) VALUES ('t1', 'PRODUCT_CHANGE', 'POST', '/kos/product', 120, true), ('t1', 'PRODUCT_CHANGE', 'POST', '/kos/product', 80, false)", admin);
        expect(server.query("SELECT calls || ',' || successes || ',' || failure_rate_percent FROM product_change.v_kos_integration_stats", admin)).toBe('2,1,50.00');
      });
    });

    describe("seed 003 on EFS: the schema Job from dist/aws-efs.k8s.yaml", () => {
      test('test_table with its initial row, owned by the manager, with the history trigger', () => {
        const run = runJobScript(loadDist()['aws-efs'], 'postgres-schema-init', server, {
          'postgres-superuser': { password: server.superuserPassword },
          'postgres-logins': { 'manager-user-password': 'manager-pw', 'app-user-password': 'app-pw', 'backup-password': 'backup-pw' },
        });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(server.query("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'test_table'")).toBe('manager');
        expect(server.query("SELECT tgname FROM pg_trigger WHERE tgrelid = 'test_table'::regclass AND NOT tgisinternal")).toBe('user_changes_trigger');
        expect(server.query('SELECT name FROM test_table', { user: 'app_user', password: 'app-pw' })).toBe('Test Data');
      });
    });
  });
}
