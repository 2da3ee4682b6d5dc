import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { METRIC_CATALOG } from '../lib/monitoring/metric-catalog';
import { KubeObject, loadDist, only, REPO_ROOT } from './support/manifests';
import { deployedMajor } from './support/deployed-major';
import { startPostgres, TestServer } from './support/postgres-server';
import { runJobScript } from './support/run-job';
import { promql, promtoolTestRules } from './support/promql';

const dist = loadDist();

function expressions(objects: KubeObject[]): string[] {
  const alerts = objects.filter((o) => o.kind === 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules.map((x: any) => x.expr)));
  const panels = objects.filter((o) => o.metadata.labels?.grafana_dashboard === '1')
    .flatMap((c) => Object.values<string>(c.data).flatMap((json) => JSON.parse(json).panels.flatMap((p: any) => p.targets.map((t: any) => t.expr))));
  return [...alerts, ...panels];
}

const monitored = ['aks-phonebill-dev', 'prod-operator', 'prod-cnpg'];
const allExpressions = monitored.flatMap((env) => expressions(dist[env]).map((e): [string, string] => [env, e]));

describe('PromQL', () => {
  test('there are expressions to check', () => {
    expect(allExpressions.length).toBeGreaterThan(20);
  });

  test.each(allExpressions)('%s: %s parses and uses only catalogued metrics', (_env, expr) => {
    const { errors, metrics } = promql(expr);
    expect(errors).toBe(0);
    expect(metrics.length).toBeGreaterThan(0);
    expect(metrics.filter((m) => !(m in METRIC_CATALOG))).toEqual([]);
  });

  test.each(monitored)('%s: promtool accepts every rule group', (env) => {
    const dir = mkdtempSync(join(tmpdir(), 'promtool-'));
    try {
      const files = dist[env].filter((o) => o.kind === 'PrometheusRule').map((rule, i) => {
        writeFileSync(join(dir, `${i}.yaml`), stringify(rule.spec));
        return join(dir, `${i}.yaml`);
      });
      expect(files.length).toBeGreaterThan(0);
      const checked = spawnSync('promtool', ['check', 'rules', ...files], { encoding: 'utf8' });
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
      writeFileSync(join(dir, 'bad.yaml'), stringify({ groups: [{ name: 'x', rules: [{ alert: 'X', expr: 'sum(' }] }] }));
      expect(spawnSync('promtool', ['check', 'rules', join(dir, 'bad.yaml')], { encoding: 'utf8' }).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("aks-phonebill-dev and prod-operator watch their servers' cert-manager Certificates", () => {
    for (const env of monitored) {
      const certificate = only(dist[env], 'Certificate');
      const alerts = dist[env].filter((o) => o.kind === 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
      expect(alerts.find((r: any) => r.alert === 'PostgresCertificateExpiresSoon').expr).toContain(`{namespace="${certificate.metadata.namespace}", name="${certificate.metadata.name}"}`);
      expect(alerts.map((r: any) => r.alert)).toContain('PostgresCertificateExpiryUnknown');
    }
  });

  test('the checks can fail', () => {
    expect(promql('sum by (pod) (rate(x[5m]) > ').errors).toBeGreaterThan(0);
    expect(promql('rate(pg_no_such_metric[5m])').metrics.filter((m) => !(m in METRIC_CATALOG))).toEqual(['pg_no_such_metric']);
  });
});

describe("seed 004 §8.1's alerts in aks-phonebill-dev", () => {
  const rules = only(dist['aks-phonebill-dev'], 'PrometheusRule').spec.groups[0].rules;
  const byName = Object.fromEntries(rules.map((r: any) => [r.alert, r]));

  test.each([
    ['PostgresCpuHigh', /\* 100 > 80$/, '5m'],
    ['PostgresMemoryHigh', /\* 100 > 85$/, '3m'],
    ['PostgresTooManyConnections', /> 80$/, undefined],
    ['PostgresStorageHigh', /\* 100 > 80$/, undefined],
    ['PostgresSlowQuery', /state="active"}\) > 5$/, undefined],
  ])('%s', (name, threshold, duration) => {
    const rule = byName[name as string];
    expect(rule.expr).toMatch(threshold as RegExp);
    expect(rule.for).toBe(duration);
  });

  test('the seed has a CPU limit, so CPU is measured against it', () => {
    expect(byName.PostgresCpuHigh.expr).toContain('kube_pod_container_resource_limits{namespace="phonebill-dev", pod=~"postgresql-product-change-[0-9]+", container="postgres", resource="cpu"}');
  });

  test('every alert has a severity and a runbook section that exists', () => {
    const runbooks = readFileSync(join(REPO_ROOT, 'docs', 'runbooks.md'), 'utf8');
    for (const rule of rules) {
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      const anchor = rule.annotations.runbook_url.split('#')[1];
      expect(runbooks).toContain(`## ${anchor}\n`);
    }
    // absolute: Prometheus and Grafana open it from the cluster, not from a checkout or the package
    const repository = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    for (const rule of rules) {
      const [base] = rule.annotations.runbook_url.split('#');
      expect(base).toBe(`${repository}/blob/main/docs/runbooks.md`);
      expect(existsSync(join(REPO_ROOT, base.slice(`${repository}/blob/main/`.length)))).toBe(true);
    }
  });
});

describe('exporter, scraping and dashboard', () => {
  const aks = dist['aks-phonebill-dev'];
  const pod = only(aks, 'StatefulSet').spec.template.spec;
  const exporter = pod.containers.find((c: any) => c.name === 'postgres-exporter');

  test('a pinned postgres-exporter on 9187 with the monitoring login from a Secret', () => {
    expect(exporter.image).toMatch(/^quay\.io\/prometheuscommunity\/postgres-exporter:v\d+\.\d+\.\d+$/);
    expect(exporter.ports).toEqual([{ name: 'metrics', containerPort: 9187, protocol: 'TCP' }]);
    expect(exporter.env).toContainEqual({ name: 'DATA_SOURCE_USER', value: 'postgres_exporter' });
    expect(exporter.env).toContainEqual({ name: 'DATA_SOURCE_PASS', valueFrom: { secretKeyRef: { name: 'postgresql-product-change-logins', key: 'exporter-password' } } });
    expect(exporter.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  test('pg_stat_statements is loaded and slow statements are logged', () => {
    const conf: string = only(aks, 'ConfigMap', 'postgresql-product-change-config').data['postgresql.conf'];
    expect(conf).toContain("shared_preload_libraries = 'pg_stat_statements'");
    expect(conf).toContain('log_min_duration_statement = 1000');
    expect(only(aks, 'ConfigMap', 'postgresql-product-change-schema').data['000-postgres.sql']).toContain('\nCREATE EXTENSION IF NOT EXISTS "pg_stat_statements";\n');
  });

  test('only the monitoring namespace reaches 9187', () => {
    expect(only(aks, 'NetworkPolicy', 'postgresql-product-change').spec.ingress[1]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      ports: [{ port: 9187, protocol: 'TCP' }],
    });
  });

  test('a ServiceMonitor that selects the metrics Service', () => {
    const monitor = only(aks, 'ServiceMonitor');
    const service = only(aks, 'Service', 'postgresql-product-change-metrics');
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(monitor.spec.endpoints[0].port).toBe(service.spec.ports[0].name);
  });

  test('a dashboard in a ConfigMap the Grafana sidecar loads, with the panels on-call needs', () => {
    const configMap = aks.find((o) => o.metadata.labels?.grafana_dashboard === '1')!;
    const dashboard = JSON.parse(Object.values<string>(configMap.data)[0]);
    expect(dashboard.panels.map((p: any) => p.title)).toEqual([
      'Connections vs max_connections', 'Transactions per second', 'Cache hit ratio', 'Replication lag',
      'Slowest statements (mean seconds per call)', 'Disk usage', 'CPU vs limit', 'Memory vs limit',
      // cert-manager writes its TLS Secret
      'Certificate: time until it expires',
    ]);
  });

  test('prod-operator: the sidecar uses the operator-made monitoring login', () => {
    const cluster = only(dist['prod-operator'], 'postgresql');
    expect(cluster.spec.users.postgres_exporter).toEqual([]);
    expect(cluster.spec.sidecars[0].env).toContainEqual({ name: 'DATA_SOURCE_USER', valueFrom: { secretKeyRef: { name: 'postgres-exporter.postgres-cluster.credentials.postgresql.acid.zalan.do', key: 'username' } } });
  });

  test('minikube-dev has monitoring available but off', () => {
    expect(dist['minikube-dev'].some((o) => o.kind === 'ServiceMonitor' || o.kind === 'PrometheusRule')).toBe(false);
  });
});

describe(`the monitoring login on PostgreSQL ${deployedMajor(dist['aks-phonebill-dev'])}, as aks-phonebill-dev deploys`, () => {
  let server: TestServer;
  const exporter = { user: 'postgres_exporter', password: 'exporter-pw', database: 'postgres' };
  beforeAll(async () => {
    server = await startPostgres({ major: deployedMajor(dist['aks-phonebill-dev']), serverArgs: () => ['-c', 'shared_preload_libraries=pg_stat_statements'] });
    server.query('CREATE DATABASE product_change_db'); // the image creates it from POSTGRES_DB
    const run = runJobScript(dist['aks-phonebill-dev'], 'postgresql-product-change-schema-init', server, {
      'postgresql-product-change-superuser': { password: server.superuserPassword },
      'postgresql-product-change-secret': { password: 'app-pw' },
      'postgresql-product-change-logins': { 'admin-password': 'admin-pw', 'readonly-password': 'readonly-pw', 'exporter-password': 'exporter-pw', 'backup-password': 'backup-pw' },
    });
    if (run.status !== 0) throw new Error(run.stderr);
    server.query("INSERT INTO product_change.circuit_breaker_state (service_name) VALUES ('SECRET_SERVICE')", { user: 'product_change_admin', password: 'admin-pw', database: 'product_change_db' });
  });
  afterAll(() => server?.stop());

  test('reads the statistics views, including other sessions and pg_stat_statements', () => {
    expect(Number(server.query('SELECT count(*) FROM pg_stat_database', exporter))).toBeGreaterThan(0);
    expect(server.query("SELECT count(*) > 0 FROM pg_stat_activity WHERE backend_type = 'checkpointer'", exporter)).toBe('t');
    expect(Number(server.query('SELECT count(*) FROM pg_stat_statements', exporter))).toBeGreaterThan(0);
    expect(server.query("SELECT current_setting('max_connections')", exporter)).toBe('100');
  });

  test('cannot read table data', () => {
    const result = server.psql('SELECT * FROM product_change.circuit_breaker_state', { ...exporter, database: 'product_change_db' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/permission denied for (schema product_change|database "product_change_db")/);
  });

  test('is no superuser and cannot write', () => {
    expect(server.query("SELECT rolsuper FROM pg_roles WHERE rolname = 'postgres_exporter'")).toBe('f');
    expect(server.psql('CREATE TABLE x (id int)', exporter).stderr).toContain('permission denied for schema public');
  });
});

describe("prod-cnpg: the same alerts and dashboard on the metrics of CloudNativePG's exporter", () => {
  const objects = dist['prod-cnpg'];
  const rules = only(objects, 'PrometheusRule').spec.groups[0].rules as Array<{ alert: string; expr: string; labels: object; annotations: object }>;
  const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));

  test('a metrics Service in front of every instance on 9187, a ServiceMonitor that selects it, and only the monitoring namespace may scrape', () => {
    const service = only(objects, 'Service', 'postgres-cluster-metrics');
    expect(service.spec.selector).toEqual({ 'cnpg.io/cluster': 'postgres-cluster', 'cnpg.io/podRole': 'instance' });
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 9187, targetPort: 9187, protocol: 'TCP' }]);
    expect(only(objects, 'ServiceMonitor').spec.selector.matchLabels).toEqual(Object.fromEntries(Object.entries(service.metadata.labels).filter(([k]) => k.startsWith('cdk8s-postgres.io/') || k === 'app.kubernetes.io/managed-by')));
    expect(only(objects, 'NetworkPolicy', 'postgres-cluster').spec.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 9187 }] });
    // no login of ours: the operator's exporter connects as its own user
    expect(objects.filter((o) => o.kind === 'DatabaseRole').map((o) => o.spec.name)).not.toContain('postgres_exporter');
  });

  test('the metrics are CloudNativePG\'s default ones, and promtool fires the alerts on them as Prometheus would', () => {
    const used = new Set(expressions(objects).flatMap((e) => promql(e).metrics));
    expect([...used].filter((m) => m.startsWith('pg_'))).toEqual([]);
    expect([...used].filter((m) => m.startsWith('cnpg_')).sort()).toEqual(['cnpg_backends_max_tx_duration_seconds', 'cnpg_backends_total', 'cnpg_collector_up', 'cnpg_pg_replication_lag', 'cnpg_pg_settings_setting', 'cnpg_pg_stat_database_blks_hit', 'cnpg_pg_stat_database_blks_read', 'cnpg_pg_stat_database_xact_commit', 'cnpg_pg_stat_database_xact_rollback']);
    const pod = 'namespace="microservices", pod="postgres-cluster-1"';
    const alert = (name: string, labels: object) => ({ exp_labels: { ...(byName[name].labels as object), ...labels }, exp_annotations: byName[name].annotations });
    const result = promtoolTestRules(only(objects, 'PrometheusRule').spec, [{
      interval: '1m',
      input_series: [
        // 85 connections in two states, over the default 80
        { series: `cnpg_backends_total{${pod}, datname="userdb", usename="a", application_name="", state="active"}`, values: '45x10' },
        { series: `cnpg_backends_total{${pod}, datname="userdb", usename="a", application_name="", state="idle"}`, values: '40x10' },
        // a query active for 12 s, over the default 5
        { series: `cnpg_backends_max_tx_duration_seconds{${pod}, datname="userdb", usename="a", application_name="", state="active"}`, values: '12x10' },
        // the exporter lost PostgreSQL
        { series: `cnpg_collector_up{${pod}, cluster="postgres-cluster"}`, values: '0x10' },
      ],
      alert_rule_test: [
        { eval_time: '5m', alertname: 'PostgresTooManyConnections', exp_alerts: [alert('PostgresTooManyConnections', { namespace: 'microservices', pod: 'postgres-cluster-1' })] },
        { eval_time: '5m', alertname: 'PostgresSlowQuery', exp_alerts: [alert('PostgresSlowQuery', { namespace: 'microservices', pod: 'postgres-cluster-1', datname: 'userdb' })] },
        { eval_time: '5m', alertname: 'PostgresExporterDown', exp_alerts: [alert('PostgresExporterDown', { namespace: 'microservices', pod: 'postgres-cluster-1' })] },
      ],
    }]);
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
