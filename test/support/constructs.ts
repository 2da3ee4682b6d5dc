import { Chart } from 'cdk8s';
import {
  BackupCronJob,
  BackupStorage,
  ConnectionConfigMap,
  EfsVolume,
  ExternalEgressPolicy,
  MajorUpgradeJob,
  PostgresMajorUpgrade,
  PostgresMonitoring,
  PostgresStatefulSet,
  RestoreJob,
  SchemaInitJob,
  VolumeSnapshotClass,
  ZalandoCluster,
} from '../../lib';

/**
 * Every public construct with props that use every property, for tests that try each one with
 * hostile input: `props(chart)` adds what the construct needs (a server) and returns the props.
 */
export interface ConstructCase {
  readonly kind: string;
  readonly id: string;
  props(chart: Chart): Record<string, unknown>;
  build(chart: Chart, id: string, props: unknown): unknown;
}

function server(chart: Chart): PostgresStatefulSet {
  return (chart.node.tryFindChild('db') as PostgresStatefulSet | undefined) ?? new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
}

const jobResources = () => ({ cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '128Mi' });

export const CONSTRUCT_CASES: ConstructCase[] = [
  {
    kind: 'PostgresStatefulSet',
    id: 'orders',
    props: () => ({
      namespace: 'shop',
      name: 'orders',
      serviceName: 'orders-db',
      headlessServiceName: 'orders-pods',
      configMapName: 'orders-settings',
      majorVersion: 17,
      image: 'postgres:17.10',
      database: 'orders',
      superuser: { name: 'admin', password: { name: 'orders-superuser', key: 'pw', usernameKey: 'user' } },
      storage: { size: '5Gi', storageClassName: 'fast', accessMode: 'ReadWriteOnce' },
      instances: 1,
      resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '256Mi', memoryLimit: '1Gi' },
      parameters: { max_connections: 50, log_statement: 'ddl', log_connections: true },
      logsStatements: true,
      disposable: false,
      clientCidrs: ['10.0.0.0/8', 'fd00::/8'],
      clientNamespaces: ['apps'],
      labels: { tier: 'database' },
      startupProbe: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 },
      livenessProbe: { periodSeconds: 10 },
      readinessProbe: { failureThreshold: 3 },
      allowVoluntaryEviction: false,
      monitoring: { login: { name: 'exporter', password: { name: 'orders-metrics', key: 'password' } }, image: 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1', scrapeNamespaces: ['monitoring'] },
      portForwardLocalPort: 15432,
    }),
    build: (chart, id, props) => {
      const server = new PostgresStatefulSet(chart, id, props as never);
      // A server with an exporter is whole with the schema Job that creates the exporter's login.
      if (server.monitoringLogin) new SchemaInitJob(chart, `${id}-schema`, { server });
      return server;
    },
  },
  {
    kind: 'SchemaInitJob',
    id: 'schema',
    props: (chart) => ({
      server: server(chart),
      name: 'orders-schema',
      configMapName: 'orders-schema-sql',
      databases: [{
        name: 'orders',
        owner: 'orders_owner',
        schemas: ['public', 'sales'],
        schemaFiles: [{ name: '001-items.sql', sql: 'CREATE TABLE sales.items (id serial PRIMARY KEY, name text);\n' }],
        history: { tables: ['sales.items'], managerRole: 'orders_manager', historyTable: { schema: 'sales', name: 'history' }, strict: false },
      }],
      users: [
        { name: 'orders_owner', kind: 'app', password: { name: 'logins', key: 'owner' } },
        { name: 'orders_writer', kind: 'app', databases: ['orders'], privileges: ['SELECT', 'INSERT'], password: { name: 'logins', key: 'writer' } },
        { name: 'orders_reader', kind: 'readonly', databases: ['orders'], password: { name: 'logins', key: 'reader', usernameKey: 'reader-user' } },
        { name: 'orders_boss', kind: 'manager', databases: ['orders'], password: { name: 'logins', key: 'boss' } },
      ],
      logins: 'create',
      extensions: ['pg_stat_statements'],
      image: 'postgres:17.10',
      waitSeconds: 60,
      backoffLimit: 2,
      activeDeadlineSeconds: 300,
      ttlSecondsAfterFinished: 600,
      resources: jobResources(),
      labels: { team: 'orders' },
    }),
    build: (chart, id, props) => new SchemaInitJob(chart, id, props as never),
  },
  {
    kind: 'BackupCronJob',
    id: 'backup',
    props: (chart) => ({
      server: server(chart),
      storage: BackupStorage.newClaim({ name: 'orders-dumps', size: '10Gi', storageClassName: 'standard' }),
      name: 'orders-backup',
      schedule: '0 2 * * *',
      timeZone: 'Asia/Seoul',
      mode: 'database',
      databases: ['orders'],
      retention: { days: 7, count: 10 },
      activeDeadlineSeconds: 3600,
      startingDeadlineSeconds: 600,
      image: 'postgres:17.10',
      resources: jobResources(),
      labels: { team: 'orders' },
    }),
    build: (chart, id, props) => new BackupCronJob(chart, id, props as never),
  },
  {
    kind: 'RestoreJob',
    id: 'restore',
    props: (chart) => ({
      server: server(chart),
      claimName: 'orders-dumps',
      sourceDatabase: 'orders',
      targetDatabase: 'orders_copy',
      backup: 'latest',
      overwrite: false,
      name: 'orders-restore',
      resources: jobResources(),
    }),
    build: (chart, id, props) => new RestoreJob(chart, id, props as never),
  },
  {
    kind: 'PostgresMajorUpgrade',
    id: 'orders-upgrade',
    props: () => ({
      fromMajorVersion: 16,
      fromImage: 'postgres:16.14',
      serve: 'previous',
      retirePrevious: false,
      server: {
        namespace: 'shop',
        name: 'orders',
        majorVersion: 17,
        superuser: { name: 'postgres', password: { name: 'orders-superuser', key: 'password' } },
        storage: { size: '5Gi', storageClassName: 'fast' },
        clientLabel: { key: 'access.example.com/orders', value: 'true' },
        tls: { secretName: 'orders-tls' },
      },
    }),
    build: (chart, id, props) => new PostgresMajorUpgrade(chart, id, props as never),
  },
  {
    kind: 'MajorUpgradeJob',
    id: 'upgrade',
    props: (chart) => ({
      source: (chart.node.tryFindChild('old-db') as PostgresStatefulSet | undefined) ?? new PostgresStatefulSet(chart, 'old-db', { namespace: 'shop', majorVersion: 14 }),
      target: server(chart),
      name: 'orders-upgrade',
      image: 'postgres:17.10',
      waitSeconds: 120,
      activeDeadlineSeconds: 7200,
      ttlSecondsAfterFinished: 3600,
      resources: jobResources(),
      labels: { team: 'shop' },
    }),
    build: (chart, id, props) => new MajorUpgradeJob(chart, id, props as never),
  },
  {
    kind: 'ZalandoCluster',
    id: 'acid-orders',
    props: () => ({
      namespace: 'shop',
      name: 'acid-orders',
      teamId: 'acid',
      majorVersion: 17,
      instances: 2,
      storage: { size: '10Gi', storageClassName: 'fast' },
      resources: { cpuRequest: '250m', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '1Gi' },
      databases: [{ name: 'orders', owner: 'orders_owner' }],
      users: [
        { name: 'orders_owner', kind: 'admin', password: { name: 'orders-owner.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } },
        { name: 'orders_metrics', kind: 'monitoring', password: { name: 'orders-metrics.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } },
      ],
      userFlags: { orders_owner: ['createdb'] },
      preparedDatabases: { reports: { defaultUsers: true } },
      connectionPooler: { instances: 2, mode: 'transaction', resources: { cpuRequest: '100m', memoryRequest: '64Mi' } },
      logicalBackup: { schedule: '30 0 * * *', retentionDays: 7 },
      parameters: { max_connections: 100 },
      disposable: false,
      tls: { secretName: 'orders-tls' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'postgres', effect: 'NoSchedule' }],
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['db'] }] }] } },
      monitoring: { image: 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1', login: { name: 'orders_metrics', password: { name: 'orders-metrics.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } }, scrapeNamespaces: ['monitoring'] },
      labels: { 'example.com/team': 'orders' },
      network: {
        operatorNamespace: 'postgres-operator',
        operatorPodLabels: { 'app.kubernetes.io/name': 'postgres-operator' },
        apiServer: { cidrs: ['10.0.0.1/32'], ports: [443] },
        objectStorage: { cidrs: ['0.0.0.0/0'], ports: [443] },
        clientNamespaces: ['apps'],
      },
    }),
    build: (chart, id, props) => {
      const cluster = new ZalandoCluster(chart, id, props as never);
      if (cluster.monitoringLogin) new SchemaInitJob(chart, `${id}-schema`, { server: cluster.connection, logins: 'existing' });
      return cluster;
    },
  },
  {
    kind: 'EfsVolume',
    id: 'efs-static',
    props: () => ({
      namespace: 'shop',
      storageClassName: 'efs-static',
      claimName: 'orders-data',
      capacity: '20Gi',
      accessMode: 'ReadWriteOnce',
      encryptInTransit: true,
      iamAuthorization: true,
      fileSystemId: 'fs-0123456789abcdef0',
      accessPointId: 'fsap-0123456789abcdef0',
      persistentVolumeName: 'orders-pv',
    }),
    build: (chart, id, props) => EfsVolume.fromFileSystemId(chart, id, props as never),
  },
  {
    kind: 'EfsVolume',
    id: 'efs-dynamic',
    props: () => ({
      namespace: 'shop',
      storageClassName: 'efs-dynamic',
      claimName: 'orders-dynamic',
      capacity: '20Gi',
      accessMode: 'ReadWriteOnce',
      encryptInTransit: true,
      iamAuthorization: true,
      fileSystemId: 'fs-0123456789abcdef0',
      uid: 999,
      gid: 999,
      directoryPerms: '700',
      basePath: '/postgresql',
    }),
    build: (chart, id, props) => EfsVolume.dynamic(chart, id, props as never),
  },
  {
    kind: 'ConnectionConfigMap',
    id: 'connection',
    props: (chart) => ({
      server: server(chart),
      database: 'orders',
      name: 'orders-connection',
      hostKey: 'DB_HOST',
      portKey: 'DB_PORT',
      databaseKey: 'DB_NAME',
      extra: { USE_POSTGRES: 'true' },
    }),
    build: (chart, id, props) => new ConnectionConfigMap(chart, id, props as never),
  },
  {
    kind: 'VolumeSnapshotClass',
    id: 'snapshots',
    props: () => ({ name: 'csi-snapshots', driver: 'hostpath.csi.k8s.io', deletionPolicy: 'Retain', parameters: { tier: 'standard' } }),
    build: (chart, id, props) => new VolumeSnapshotClass(chart, id, props as never),
  },
  {
    kind: 'PostgresMonitoring',
    id: 'monitoring',
    props: () => ({
      server: {
        monitoredServer: {
          name: 'orders', namespace: 'shop', podPattern: 'orders-[0-9]+', container: 'postgres', claimPattern: 'data-orders-[0-9]+', hasCpuLimit: false,
          metricsServiceLabels: { 'cdk8s-postgres.io/metrics': 'true' },
        },
      },
      thresholds: { cpuPercent: 80, memoryPercent: 85, connections: 80, storagePercent: 80, slowQuerySeconds: 5 },
      runbookBaseUrl: 'https://runbooks.example.com/postgres',
      prometheusLabels: { release: 'prometheus' },
      scrapeIntervalSeconds: 30,
    }),
    build: (chart, id, props) => new PostgresMonitoring(chart, id, props as never),
  },
  {
    kind: 'ExternalEgressPolicy',
    id: 'upload',
    props: () => ({
      namespace: 'shop',
      name: 'orders-backup-upload',
      podLabels: { 'app.kubernetes.io/instance': 'orders', 'app.kubernetes.io/component': 'backup' },
      egress: { cidrs: ['0.0.0.0/0', '::/0'], ports: [443] },
      labels: { 'app.kubernetes.io/managed-by': 'cdk8s-postgres' },
    }),
    build: (chart, id, props) => new ExternalEgressPolicy(chart, id, props as never),
  },
];
