// The package's main entry: constructs, their props and the types those props name, plus the
// documented helpers. Everything else in lib/ is internal; test/public-api.test.ts pins this list.
export { BackupCronJob, type BackupCronJobProps, type BackupRetention } from './jobs/backup-cron-job';
export type { BlobUploadOptions } from './jobs/backup/blob-upload';
export { BackupStorage, type NewBackupClaimOptions } from './storage/backup-storage';
export type { JobResources, PostgresServerConnection } from './jobs/client-pod';
export { ConnectionConfigMap, type ConnectionConfigMapProps } from './server/connection-config-map';
export type { Login, SecretKeyReference } from './secrets/login';
export { type EfsDynamicVolumeProps, type EfsStaticVolumeProps, EfsVolume, type EfsVolumeCommonProps, type IDataVolume } from './storage/efs-volume';
export type { BackupDescription, DatabaseServerDescription, EnvironmentDescription, MonitoringDescription, NetworkDescription, ServerBackend, StatefulSetBackend, ZalandoBackend } from './environment/environment-description';
export { EnvironmentChart } from './environment/environment-chart';
export { MajorUpgradeJob, type MajorUpgradeJobProps } from './jobs/major-upgrade-job';
export { ManagerRoleSql } from './sql/manager-role-sql';
export { toYaml, writeChart, writeCharts } from './environment/manifest-writer';
export type { AlertThresholds, MonitoredServer, WatchedCertificate } from './monitoring/alert-rules';
export { type MonitorableServer, PostgresMonitoring, type PostgresMonitoringProps } from './monitoring/postgres-monitoring';
export { type ExternalEgress, ExternalEgressPolicy, type ExternalEgressPolicyProps, type ZalandoNetworkOptions } from './network';
export type { ParameterValue } from './config/postgres-config';
export { type MajorUpgradeDeclaration, PostgresMajorUpgrade, type PostgresMajorUpgradeProps } from './server/postgres-major-upgrade';
export { PostgresStatefulSet, type PostgresStatefulSetProps } from './server/postgres-stateful-set';
export type { ContainerResources, PostgresServerProps, ServerMonitoringProps, ServerStorageProps } from './server/server-props';
export { DEFAULT_MAJOR_VERSION, SUPPORTED_MAJOR_VERSIONS } from './server/postgres-version';
export type { ProbeTiming } from './server/probes';
export { type RequiredSecret, RequiredSecrets, type SecretKeyContent } from './secrets/required-secrets';
// `npx cdk8s-postgres secrets` runs an app with this hook on app.synth()
import './secrets/secrets-file';
export { RestoreJob, type RestoreJobProps } from './jobs/restore-job';
export { SchemaInitJob, type SchemaInitJobProps } from './jobs/schema-init-job';
export type { LoginOwnership } from './sql/cluster-sql';
export type { DatabaseDefinition, DatabaseUser, HistoryTracking, SchemaFile, TablePrivilege, UserKind } from './sql/model';
export type { QualifiedName } from './sql/quote';
export { type CertManagerIssuer, type ClientTls, type PostgresTlsProps, type RequiredCertificate, RequiredCertificates } from './server/tls';
export { ValidationError } from './diagnostics/validation-error';
export { VolumeSnapshotClass, type VolumeSnapshotClassProps } from './storage/volume-snapshot-class';
export { Warnings } from './diagnostics/warnings';
export { ZalandoCluster, type ZalandoClusterProps, type ZalandoLogicalBackupOptions, type ZalandoPoolerOptions } from './zalando/zalando-cluster';
export * as zalando from './imports/acid.zalan.do';
