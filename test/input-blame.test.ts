import { PostgresMajorUpgrade, PostgresMonitoring, PostgresStatefulSet, SchemaInitJob } from '../lib';
import { refused } from './support/errors';
import { testChart } from './support/manifests';

// Each message names what the user wrote (the field and the value), not a value the library
// derived from it, and says what was probably meant where a declared name is close.

describe('messages name what the user wrote', () => {
  test('a misspelt owner is the owner, with the login it was probably meant to be', () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
    expect(refused(() => new SchemaInitJob(chart, 'schema', {
      server, databases: [{ name: 'orders', owner: 'order_app' }], users: [{ name: 'orders_app', kind: 'app', password: { name: 'logins', key: 'app' } }],
    }))).toBe("SchemaInitJob 'test/schema': databases[0].owner \"order_app\" is not a declared user (declare it in users, or use the superuser 'postgres'); did you mean 'orders_app'?");
    // a login that is truly left without a database is still named
    expect(refused(() => new SchemaInitJob(testChart(), 'schema', {
      server: new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop' }),
      databases: [{ name: 'orders', owner: 'postgres' }], users: [{ name: 'orders_app', kind: 'app', password: { name: 'logins', key: 'app' } }],
    }))).toBe("SchemaInitJob 'test/schema': users[0].databases [] gives login 'orders_app' no database: list the databases it may use");
  });

  test('a memory limit too large for the settings it derives is the limit, not a parameter nobody wrote', () => {
    expect(refused(() => new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop', resources: { memoryLimit: '40Ti', memoryRequest: '1Gi' } })))
      .toBe("PostgresStatefulSet 'test/db': resources.memoryLimit \"40Ti\" makes shared_buffers 10240GB, which is read by PostgreSQL as 1342177280 × 8kB, which is outside the range PostgreSQL accepts (16 × 8kB to 1073741823 × 8kB); give a smaller limit, or set parameters.shared_buffers");
  });

  test('monitoring a server without an exporter names the server', () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
    expect(refused(() => new PostgresMonitoring(chart, 'monitoring', { server })))
      .toBe("PostgresMonitoring 'test/monitoring': server \"test/db\" has no exporter: turn on the server's monitoring (monitoring: { login } on a PostgresStatefulSet or ZalandoCluster, monitoring: {} on a CloudNativePgCluster)");
  });

  test('an upgrade of a server whose name leaves no room for -pg<major> names the name given and the length that fits', () => {
    const name = `s${'o'.repeat(47)}`;
    expect(refused(() => new PostgresMajorUpgrade(testChart(), 'upgrade', { fromMajorVersion: 17, server: { namespace: 'shop', name, majorVersion: 18 } })))
      .toBe(`PostgresMajorUpgrade 'test/upgrade': server.name "${name}" leaves no room for the upgraded server's name '${name}-pg18' (53 characters, at most 52): give a name of at most 47 characters`);
  });
});
