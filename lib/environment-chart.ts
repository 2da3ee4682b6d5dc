import { Chart } from 'cdk8s';
import { KubeNamespace } from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { BackupCronJob } from './backup-cron-job';
import { BackupStorage } from './backup-storage';
import { ConnectionConfigMap } from './connection-config-map';
import { Credentials } from './credentials';
import { EfsVolume } from './efs-volume';
import { EnvironmentDescription } from './environment';
import { PostgresStatefulSet } from './postgres-stateful-set';
import { SchemaInitJob } from './schema-init-job';
import { VolumeSnapshotClass } from './volume-snapshot-class';

const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Renders an {@link EnvironmentDescription} with the StatefulSet backend: one chart (one
 * manifest file) holding its namespaces, servers and storage classes.
 */
export class StatefulSetEnvironmentChart extends Chart {
  /** The servers, by description id. */
  public readonly servers: Record<string, PostgresStatefulSet> = {};
  /** The schema Jobs, by server description id. */
  public readonly schemaJobs: Record<string, SchemaInitJob> = {};
  /** The backup CronJobs, by server description id. */
  public readonly backups: Record<string, BackupCronJob> = {};

  constructor(scope: Construct, environment: EnvironmentDescription) {
    super(scope, environment.name, { disableResourceNameHashes: true });
    const namespaces = [...new Set(environment.servers.map((s) => s.namespace))];
    // Namespaces every cluster has are used, never redefined.
    for (const namespace of namespaces.filter((n) => !BUILT_IN_NAMESPACES.includes(n))) {
      new KubeNamespace(this, `Namespace-${namespace}`, {
        metadata: {
          name: namespace,
          // The API server itself then rejects any pod that breaks the restricted profile.
          labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
        },
      });
    }
    for (const server of environment.servers) {
      const dataVolume = server.efs ? EfsVolume.fromFileSystemId(this, `${server.id}-efs`, { ...server.efs, namespace: server.namespace }) : undefined;
      this.servers[server.id] = new PostgresStatefulSet(this, server.id, {
        ...server.statefulSet,
        dataVolume,
        namespace: server.namespace,
        disposable: environment.disposable,
        superuser: Credentials.fromSecret(server.superuser.secretName, server.superuser),
      });
      if (server.databases?.length || server.users?.length) {
        this.schemaJobs[server.id] = new SchemaInitJob(this, `${server.id}-schema`, {
          server: this.servers[server.id],
          databases: server.databases,
          users: server.users,
          name: server.schemaInit?.jobName,
          configMapName: server.schemaInit?.configMapName,
          labels: server.schemaInit?.labels,
        });
      }
      if (server.connectionConfigMap) {
        new ConnectionConfigMap(this, `${server.id}-connection`, { ...server.connectionConfigMap, server: this.servers[server.id] });
      }
      if (server.backup) {
        const { storage, ...backup } = server.backup;
        this.backups[server.id] = new BackupCronJob(this, `${server.id}-backup`, {
          ...backup,
          server: this.servers[server.id],
          storage: 'existingClaim' in storage ? BackupStorage.existingClaim(storage.existingClaim) : BackupStorage.newClaim(storage),
        });
      }
    }
    for (const snapshotClass of environment.volumeSnapshotClasses ?? []) {
      new VolumeSnapshotClass(this, snapshotClass.id, snapshotClass);
    }
  }
}
