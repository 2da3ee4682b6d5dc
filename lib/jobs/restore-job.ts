import { KubeJob } from '../private/k8s';
import { Construct } from 'constructs';
import { BACKUP_DIR } from './backup-cron-job';
import { backupName, RESTORE_SCRIPT } from './backup/scripts';
import { boolean, checkProps, object, optional, string } from '../checks/props-shape';
import { checkServerConnection, POSTGRES_SERVER_CONNECTION_SHAPE, PostgresServerConnection } from '../core/server-connection';
import { clientPodTemplate, JOB_RESOURCES_SHAPE, jobResources, JobResources } from './client-pod';
import { commonLabels } from '../private/labels';
import { databaseNameProblem } from '../sql/reserved-names';
import { checkDerivedLabel, checkDnsSubdomain, fail, ownerOf } from '../private/validation';
import { addChartChecks } from '../checks/chart-checks';
import { checkJobImage } from '../private/image-reference';

/** Properties of {@link RestoreJob}. */
export interface RestoreJobProps {
  /** The server to restore into. */
  readonly server: PostgresServerConnection;
  /** Claim the backups are on (a BackupCronJob's `claimName`). */
  readonly claimName: string;
  /** Database whose backups to read. */
  readonly sourceDatabase: string;
  /**
   * Database to restore into; created when missing.
   * @default - the source database
   */
  readonly targetDatabase?: string;
  /**
   * File name of the backup in the source database's directory, or 'latest'. BackupCronJob names
   * them `<name>_<yyyymmddThhmmssZ>.dump`, `<name>` being the database's name with every byte but
   * ASCII letters, digits, '_' and '-' written as %XX (`a/b` → `a%2Fb`).
   * @default 'latest'
   */
  readonly backup?: string;
  /**
   * Replace the contents of a non-empty target. Without it the Job refuses and changes nothing.
   * @default false
   */
  readonly overwrite?: boolean;
  /**
   * Name of the Job.
   * @default `<server>-restore`
   */
  readonly name?: string;
  /**
   * CPU and memory.
   * @default - requests 50m / 64Mi, memory limit 256Mi
   */
  readonly resources?: JobResources;
}

/** Runtime description of {@link RestoreJobProps}. */
export const RESTORE_JOB_PROPS_SHAPE = object<RestoreJobProps>({
  server: POSTGRES_SERVER_CONNECTION_SHAPE,
  claimName: string(),
  sourceDatabase: string(),
  targetDatabase: optional(string()),
  backup: optional(string()),
  overwrite: optional(boolean()),
  name: optional(string()),
  resources: optional(JOB_RESOURCES_SHAPE),
}, { name: 'RestoreJobProps' });

/**
 * Restores a `database`-mode backup of BackupCronJob into a target database, in one transaction
 * (`pg_restore --single-transaction --exit-on-error`). A non-empty target is only replaced when
 * `overwrite` is set. Run it once, when needed: it is not part of an environment's manifests.
 */
export class RestoreJob extends Construct {
  /** The Job. */
  public readonly job: KubeJob;

  constructor(scope: Construct, id: string, props: RestoreJobProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'RestoreJob');
      checkProps(owner, props, RESTORE_JOB_PROPS_SHAPE);
      checkServerConnection(owner, 'server', props.server);
      const { server } = props;
      const name = props.name ?? `${server.name}-restore`;
      const target = props.targetDatabase ?? props.sourceDatabase;
      const backup = props.backup ?? 'latest';
      checkDerivedLabel(owner, 'name', name, props.name !== undefined, "'<server>-restore'");
      checkDnsSubdomain(owner, 'claimName', props.claimName);
      for (const [field, value] of [['sourceDatabase', props.sourceDatabase], ['targetDatabase', target]]) {
        const problem = databaseNameProblem(value);
        if (problem) fail(owner, field, value, problem);
      }
      // A file of the source database's own directory: the name BackupCronJob gives its dumps.
      const prefix = backupName(props.sourceDatabase);
      if (backup !== 'latest' && !(backup.startsWith(`${prefix}_`) && /^\d{8}T\d{6}Z\.dump$/.test(backup.slice(prefix.length + 1)))) {
        fail(owner, 'backup', backup, `is neither 'latest' nor a backup file name such as '${prefix}_20261125T020000Z.dump'`);
      }
      checkJobImage(owner, 'server.image', server.image, server.image, '');
      const labels = commonLabels(server.name, 'restore');
      this.job = new KubeJob(this, 'Resource', {
        metadata: { name, namespace: server.namespace, labels },
        spec: {
          backoffLimit: 0,
          activeDeadlineSeconds: 3600,
          ttlSecondsAfterFinished: 86400,
          template: clientPodTemplate({
            server,
            containerName: 'restore',
            image: server.image,
            script: RESTORE_SCRIPT,
            labels,
            env: [
              { name: 'BACKUP_DIR', value: BACKUP_DIR },
              { name: 'SOURCE_DATABASE', value: props.sourceDatabase },
              { name: 'TARGET_DATABASE', value: target },
              { name: 'BACKUP_FILE', value: backup },
              { name: 'OVERWRITE', value: String(props.overwrite ?? false) },
            ],
            volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: props.claimName, readOnly: true } }],
            volumeMounts: [{ name: 'backup', mountPath: BACKUP_DIR, readOnly: true }],
            resources: jobResources(owner, props.resources),
          }),
        },
      });
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}
