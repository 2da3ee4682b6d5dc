import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { KubePersistentVolumeClaim } from '../lib/private/k8s';
import { Construct } from 'constructs';
import {
  BackupStorage,
  EnvironmentChart,
  EnvironmentDescription,
  PostgresStatefulSet,
  RequiredSecrets,
  ValidationError,
  Warnings,
} from '../lib';
import { TODAY_CONTEXT_KEY } from '../lib/private/today';
import { ENVIRONMENTS } from '../environments';
import { CONSTRUCT_CASES, ConstructCase } from './support/constructs';
import { refused } from './support/errors';
import { TEST_TODAY } from './support/manifests';

/**
 * A construct or chart that fails leaves nothing behind: after a caught error, app.synth() writes
 * exactly what it writes without the failed attempt (no object, no warning, no required Secret),
 * and the same id can be used again.
 */

/** Everything an app hands on: the files app.synth() writes, the warnings, the Secrets to create, the constructs. */
interface Output {
  readonly files: Record<string, string>;
  readonly warnings: string[];
  readonly secrets: unknown[];
  readonly chartMetadata: unknown[];
  readonly paths: string[];
}

function newApp(dir: string): App {
  const app = new App({ outdir: dir });
  app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
  return app;
}

/** Builds an app with `build` into a fresh folder, synthesizes it and reads back what it wrote. */
function output(build: (app: App) => void): Output {
  const dir = mkdtempSync(join(tmpdir(), 'left-behind-'));
  try {
    const app = newApp(dir);
    build(app);
    app.synth();
    const files = Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    return {
      files,
      warnings: Warnings.collect(app),
      secrets: RequiredSecrets.collect(app),
      chartMetadata: app.node.children.flatMap((c) => c.node.metadata.map((m) => m.data)),
      paths: app.node.findAll().map((c) => c.node.path),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function caseOf(kind: string, id: string): ConstructCase {
  return CONSTRUCT_CASES.find((c) => c.kind === kind && c.id === id)!;
}

/** A storage that creates its claim and then fails: a failure after the construct has made children. */
class FailingStorage extends BackupStorage {
  public claimName(): string {
    return 'half-written';
  }

  public bind(scope: Construct, owner: string): void {
    new KubePersistentVolumeClaim(scope, 'Claim', { metadata: { name: 'half-written' } });
    throw new ValidationError(`${owner}: storage fails after creating its claim`);
  }
}

/** For each construct: props that fail, as late as the construct allows, and what the failure says. */
const failures: [string, string, (props: Record<string, unknown>) => Record<string, unknown>, string][] = [
  ['PostgresStatefulSet', 'orders', (p) => ({ ...p, majorVersion: 14, image: 'postgres:14.23', parameters: { shared_preload_libraries: 'auto_explain' } }),
    `PostgresStatefulSet 'test/orders': parameters.shared_preload_libraries "auto_explain" must include pg_stat_statements when monitoring is on`],
  ['SchemaInitJob', 'schema', (p) => ({ ...p, activeDeadlineSeconds: 30 }),
    `SchemaInitJob 'test/schema': activeDeadlineSeconds 30 must exceed waitSeconds (60), or the Job is killed before it gives up waiting`],
  ['BackupCronJob', 'backup', (p) => ({ ...p, storage: new FailingStorage() }),
    `BackupCronJob 'test/backup': storage fails after creating its claim`],
  ['RestoreJob', 'restore', (p) => ({ ...p, backup: 'yesterday' }),
    `RestoreJob 'test/restore': backup "yesterday" is neither 'latest' nor a backup file name such as 'orders_20261125T020000Z.dump'`],
  ['ZalandoCluster', 'acid-orders', (p) => ({ ...p, majorVersion: 14, monitoring: { login: { name: 'nobody', password: { name: 'my-secret', key: 'password' } } } }),
    `ZalandoCluster 'test/acid-orders': monitoring.login.password {"name":"my-secret","key":"password"} must name the Secret the operator writes the login's password to: { name: 'nobody.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' }`],
  ['EfsVolume', 'efs-static', (p) => ({ ...p, accessPointId: undefined, persistentVolumeName: 'Orders_PV' }),
    `EfsVolume 'test/efs-static': persistentVolumeName "Orders_PV" is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most 253 characters)`],
  ['EfsVolume', 'efs-dynamic', (p) => ({ ...p, directoryPerms: '999' }),
    `EfsVolume 'test/efs-dynamic': directoryPerms "999" is not an octal mode such as '700'`],
  ['ConnectionConfigMap', 'connection', (p) => ({ ...p, extra: { 'USE POSTGRES': 'true' } }),
    `ConnectionConfigMap 'test/connection': key "USE POSTGRES" is not a valid Secret key (letters, digits, '-', '_' and '.')`],
  ['VolumeSnapshotClass', 'snapshots', (p) => ({ ...p, driver: 'Host Path' }),
    `VolumeSnapshotClass 'test/snapshots': driver "Host Path" is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most 253 characters)`],
  ['PostgresMonitoring', 'monitoring', (p) => ({ ...p, scrapeIntervalSeconds: 1 }),
    `PostgresMonitoring 'test/monitoring': scrapeIntervalSeconds 1 must be an integer between 5 and 3600`],
];

describe('a construct that fails leaves nothing behind, and its id can be used again', () => {
  test.each(failures)('%s %s', (kind, id, bad, message) => {
    const c = caseOf(kind, id);
    const without = output((app) => {
      c.props(new Chart(app, 'test'));
    });
    let again: unknown;
    const withFailure = output((app) => {
      const chart = new Chart(app, 'test');
      const props = c.props(chart);
      expect(refused(() => c.build(chart, id, bad(props)))).toBe(message);
      // The same id, right after, with the props that work.
      again = c.build(chart, id, props);
    });
    const withSuccessOnly = output((app) => {
      const chart = new Chart(app, 'test');
      c.build(chart, id, c.props(chart));
    });
    expect(again).toBeDefined();
    expect(withFailure).toEqual(withSuccessOnly);
    // And the failed attempt alone changes nothing.
    const failedOnly = output((app) => {
      const chart = new Chart(app, 'test');
      const props = c.props(chart);
      refused(() => c.build(chart, id, bad(props)));
    });
    expect(failedOnly).toEqual(without);
  });

  test('the failures above come after warnings, children or Secrets were recorded', () => {
    // Each of these reaches a side effect before it fails; without the removal they would stay.
    const recorded: string[] = [];
    const warn = jest.spyOn(Warnings, 'add').mockImplementation((scope, message) => {
      recorded.push(`${scope.node.path}: ${message}`);
    });
    try {
      for (const [kind, id, bad] of failures.filter(([k, i]) => ['PostgresStatefulSet/orders', 'ZalandoCluster/acid-orders', 'EfsVolume/efs-static'].includes(`${k}/${i}`))) {
        const c = caseOf(kind, id);
        const chart = new Chart(newApp('/nonexistent'), 'test');
        refused(() => c.build(chart, id, bad(c.props(chart))));
      }
    } finally {
      warn.mockRestore();
    }
    expect(recorded).toEqual([
      'test/orders: PostgreSQL 14 reached end of life on 2026-11-12 and gets no more security fixes; upgrade it (docs/upgrading.md)',
      'test/acid-orders: PostgreSQL 14 reached end of life on 2026-11-12 and gets no more security fixes; upgrade it (docs/upgrading.md)',
      'test/efs-static: EFS volume without an access point: PostgreSQL must own its data directory and cannot chown it on EFS; give an access point with uid/gid 999',
    ]);
  });

  test.each([['PostgresStatefulSet', 'orders', 2], ['SchemaInitJob', 'schema', 2]] as const)('%s failing at its very end, after its objects and a required Secret', (kind, id, failingCall) => {
    const c = caseOf(kind, id);
    const without = output((app) => {
      c.props(new Chart(app, 'test'));
    });
    const declare = RequiredSecrets.declare;
    let calls = 0;
    const spy = jest.spyOn(RequiredSecrets, 'declare').mockImplementation((scope, secret) => {
      calls += 1;
      if (calls === failingCall) throw new ValidationError('the last step fails');
      declare(scope, secret);
    });
    let failed: Output;
    try {
      failed = output((app) => {
        const chart = new Chart(app, 'test');
        const props = c.props(chart);
        calls = 0;
        refused(() => c.build(chart, id, props));
      });
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(failingCall);
    expect(failed).toEqual(without);
  });

  test('a construct outside any chart is removed from the app it was added to', () => {
    const app = newApp('/nonexistent');
    expect(() => new PostgresStatefulSet(app, 'orders')).toThrow(/cannot find a parent chart/);
    expect(app.node.children).toEqual([]);
    expect(new PostgresStatefulSet(new Chart(app, 'orders'), 'orders').name).toBe('orders');
  });
});

describe('an environment chart that fails leaves nothing behind', () => {
  const good = ENVIRONMENTS.find((e) => e.name === 'minikube-dev')!;
  const broken: EnvironmentDescription = {
    name: 'staging',
    summary: 'a first server that works, then one that does not',
    servers: [
      { id: 'works', namespace: 'staging', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 'works-superuser', key: 'password' } } }, databases: [{ name: 'shop', owner: 'postgres' }], backup: { storage: { size: '1Gi' } } },
      { id: 'fails', namespace: 'staging', majorVersion: 14, storage: { size: 'lots' }, backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 'fails-superuser', key: 'password' } }, image: 'postgres:14.23' } },
    ],
  };
  const working: EnvironmentDescription = { ...broken, servers: [broken.servers[0]] };

  test('app.synth() writes only the good charts, then the same name builds', () => {
    const withoutStaging = output((app) => {
      new EnvironmentChart(app, good.name, good);
    });
    const withFailure = output((app) => {
      new EnvironmentChart(app, good.name, good);
      expect(refused(() => new EnvironmentChart(app, broken.name, broken))).toBe(
        `PostgresStatefulSet 'staging/fails': storage.size "lots" is not a Kubernetes quantity (e.g. '5Gi')`);
      expect(app.node.children.map((c) => c.node.id)).toEqual(['minikube-dev']);
    });
    expect(withFailure).toEqual(withoutStaging);
    expect(Object.keys(withFailure.files)).toEqual(['minikube-dev.k8s.yaml']);

    const reused = output((app) => {
      new EnvironmentChart(app, good.name, good);
      refused(() => new EnvironmentChart(app, broken.name, broken));
      new EnvironmentChart(app, working.name, working);
    });
    const direct = output((app) => {
      new EnvironmentChart(app, good.name, good);
      new EnvironmentChart(app, working.name, working);
    });
    expect(reused).toEqual(direct);
    expect(Object.keys(reused.files)).toEqual(['minikube-dev.k8s.yaml', 'staging.k8s.yaml']);
  });

  test('a description refused before the chart exists takes nothing either', () => {
    const app = newApp('/nonexistent');
    expect(refused(() => new EnvironmentChart(app, working.name, { ...working, servers: [{ ...working.servers[0], instances: '1' }] } as never))).toBe(
      `EnvironmentChart 'staging': servers[0].instances "1" must be a number, not a string`);
    expect(app.node.children).toEqual([]);
  });

  test('a second chart of the same name is refused without removing the first', () => {
    const app = newApp('/nonexistent');
    const first = new EnvironmentChart(app, working.name, working);
    expect(() => new EnvironmentChart(app, working.name, working)).toThrow(/There is already a Construct with name 'staging'/);
    expect(app.node.children).toEqual([first]);
  });
});
