import { EnvVar, KubeJob, KubeNetworkPolicy } from '../private/k8s';
import { Construct } from 'constructs';
import { checkProps, number, object, optional, record, string } from '../checks/props-shape';
import { checkServerConnection, POSTGRES_SERVER_CONNECTION_SHAPE, PostgresServerConnection } from '../core/server-connection';
import { clientPodTemplate, JOB_RESOURCES_SHAPE, jobResources, JobResources, jobTiming } from './client-pod';
import { passwordEnv, usernameEnv } from '../secrets/login-env';
import { MAJOR_UPGRADE_SCRIPT } from './major-upgrade/script';
import { commonLabels, selectorLabels } from '../private/labels';
import { checkDerivedLabel, checkUserLabels, fail, ownerOf } from '../private/validation';
import { addChartChecks } from '../checks/chart-checks';
import { markSchemaJob } from '../monitoring/schema-job-requirement';
import { checkJobImage, checkPostgresImage } from '../private/image-reference';
import { SUPPORTED_MAJOR_VERSIONS } from '../core/postgres-version';
import { DNS_EGRESS, podsPeer, tcp } from '../network/peers';
import { clientCaVolume } from '../core/client-tls';

/** Properties of {@link MajorUpgradeJob}. */
export interface MajorUpgradeJobProps {
  /** The server to copy from: the older major, left as it is. */
  readonly source: PostgresServerConnection;
  /**
   * The server to copy into: a newer major, a server of its own (its own StatefulSet and claim)
   * that holds nothing yet. The Job refuses one that holds data.
   */
  readonly target: PostgresServerConnection;
  /**
   * Name of the Job (and of its NetworkPolicy).
   * @default `<target>-major-upgrade`
   */
  readonly name?: string;
  /**
   * Image that runs pg_dump, pg_dumpall, pg_restore and psql: a pinned PostgreSQL image of the
   * target's major. PostgreSQL advises dumping with the newer major's programs, and pg_dump
   * refuses to dump a server newer than itself.
   * @default - the target's image
   */
  readonly image?: string;
  /**
   * Seconds to wait for both servers before giving up with a message.
   * @default 300
   */
  readonly waitSeconds?: number;
  /**
   * Seconds the whole Job may run, waiting and copying included.
   * @default 21600
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Seconds a finished Job (and its logs) is kept. A Job created again afterwards finds the copy
   * recorded on the target and changes nothing.
   * @default 86400
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * CPU and memory. The data streams from pg_dump to pg_restore; nothing is kept on disk.
   * @default - requests 100m / 128Mi, memory limit 512Mi
   */
  readonly resources?: JobResources;
  /**
   * Extra labels on the Job, its pod and its NetworkPolicy.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/** Runtime description of {@link MajorUpgradeJobProps}. */
export const MAJOR_UPGRADE_JOB_PROPS_SHAPE = object<MajorUpgradeJobProps>({
  source: POSTGRES_SERVER_CONNECTION_SHAPE,
  target: POSTGRES_SERVER_CONNECTION_SHAPE,
  name: optional(string()),
  image: optional(string()),
  waitSeconds: optional(number()),
  activeDeadlineSeconds: optional(number()),
  ttlSecondsAfterFinished: optional(number()),
  resources: optional(JOB_RESOURCES_SHAPE),
  labels: optional(record(string())),
}, { name: 'MajorUpgradeJobProps' });

/** Where the Job finds the source's CA certificate (the target's is at the usual place). */
const SOURCE_CA_DIR = '/etc/postgresql-source-ca';

/**
 * A major upgrade by dump and restore: a Job that copies every role (password verifiers
 * included, so logins keep logging in), every database with its owners, privileges, schemas,
 * extensions, data and schema-file ledger, from a server of an older major into a new, empty
 * server of a newer one, with the newer major's pg_dump
 * (https://www.postgresql.org/docs/current/upgrading.html#UPGRADING-VIA-PGDUMPALL: "It is
 * recommended that you use the pg_dump and pg_dumpall programs from the newer version"), then
 * compares both servers (row counts of every table, roles, memberships, verifiers) and records the
 * verified copy on the target. The source is only read: its data stays on its claim, and going
 * back is pointing clients at it again.
 *
 * The Job refuses a target that already holds data (a rerun never mixes data) and is a no-op
 * when the target records a finished copy of this source. Stop the applications' writes to the
 * source before it runs: what they write afterwards is not copied. A NetworkPolicy of the Job's
 * own lets its pod reach both servers' pods (labels `app.kubernetes.io/name: postgresql` and
 * `app.kubernetes.io/instance: <name>`, as PostgresStatefulSet labels them) and DNS, nothing else.
 */
export class MajorUpgradeJob extends Construct {
  /** Name of the Job. */
  public readonly name: string;
  /** Major of the source (from its image). */
  public readonly sourceMajorVersion: number;
  /** Major of the target (from its image). */
  public readonly targetMajorVersion: number;
  /** The Job. */
  public readonly job: KubeJob;

  constructor(scope: Construct, id: string, props: MajorUpgradeJobProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'MajorUpgradeJob');
      checkProps(owner, props, MAJOR_UPGRADE_JOB_PROPS_SHAPE);
      checkServerConnection(owner, 'source', props.source);
      checkServerConnection(owner, 'target', props.target);
      const { source, target } = props;
      if (source.namespace !== target.namespace) {
        fail(owner, 'target.namespace', target.namespace, `differs from the source's ('${source.namespace}'): the Job runs beside both servers, in one namespace, and mounts the CA Secrets of both`);
      }
      if (source.serviceName === target.serviceName || source.name === target.name) {
        const field = source.name === target.name ? 'name' : 'serviceName';
        fail(owner, `target.${field}`, target[field], "is the source's too: the copy goes into a new server of its own (its own StatefulSet and claim), never into the server it reads");
      }
      if (source.clientLabel.key === target.clientLabel.key && source.clientLabel.value !== target.clientLabel.value) {
        fail(owner, 'target.clientLabel', target.clientLabel, `has the source's key with another value ('${source.clientLabel.value}'): the Job's pod carries one value, and one of the two servers would refuse it`);
      }
      this.sourceMajorVersion = this.checkMajor(owner, 'source.image', source.image);
      this.targetMajorVersion = this.checkMajor(owner, 'target.image', target.image);
      if (this.targetMajorVersion <= this.sourceMajorVersion) {
        fail(owner, 'target.image', target.image, `is PostgreSQL ${this.targetMajorVersion}, not newer than the source's ${this.sourceMajorVersion} ('${source.image}'); an upgrade copies into a newer major`);
      }
      // The target's own image was checked above; an image given for the Job must be of the target's major.
      const image = props.image ?? target.image;
      if (props.image !== undefined) {
        checkJobImage(owner, 'image', props.image, target.image,
          "pg_dump must be the target's major: it refuses to dump a server newer than itself, and PostgreSQL advises the newer major's programs");
      }
      this.name = props.name ?? `${target.name}-major-upgrade`;
      checkDerivedLabel(owner, 'name', this.name, props.name !== undefined, "'<target>-major-upgrade'");
      const { waitSeconds, activeDeadlineSeconds, ttlSecondsAfterFinished } = jobTiming(owner, props, { activeDeadlineSeconds: 21600, ttlSecondsAfterFinished: 86400 });
      checkUserLabels(owner, 'labels', props.labels ?? {});
      const resources = jobResources(owner, props.resources, { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '512Mi' });

      const labels = { ...commonLabels(target.name, 'major-upgrade'), ...props.labels };
      const sourceCa = source.tls && clientCaVolume(source.tls, 'source-tls-ca', SOURCE_CA_DIR);
      const sourceEnv: EnvVar[] = [
        { name: 'SOURCE_PGHOST', value: source.serviceName },
        { name: 'SOURCE_PGPORT', value: String(source.port) },
        { name: 'SOURCE_PGDATABASE', value: source.databaseName },
        usernameEnv(source.superuser, 'SOURCE_PGUSER'),
        passwordEnv(source.superuser, 'SOURCE_PGPASSWORD'),
        ...(sourceCa ? [{ name: 'SOURCE_PGSSLMODE', value: 'verify-full' }, { name: 'SOURCE_PGSSLROOTCERT', value: sourceCa.file }] : []),
      ];
      this.job = new KubeJob(this, 'Resource', {
        metadata: { name: this.name, namespace: target.namespace, labels },
        spec: {
          // A failed run leaves the target partly filled, which the next run refuses: no retries.
          backoffLimit: 0,
          activeDeadlineSeconds,
          ttlSecondsAfterFinished,
          template: clientPodTemplate({
            server: target,
            containerName: 'major-upgrade',
            image,
            script: MAJOR_UPGRADE_SCRIPT,
            labels: { ...labels, [source.clientLabel.key]: source.clientLabel.value },
            env: [...sourceEnv, { name: 'WAIT_SECONDS', value: String(waitSeconds) }],
            volumes: sourceCa ? [sourceCa.volume] : [],
            volumeMounts: sourceCa ? [sourceCa.mount] : [],
            resources,
          }),
        },
      });
      new KubeNetworkPolicy(this, 'NetworkPolicy', {
        metadata: { name: this.name, namespace: target.namespace, labels },
        spec: {
          podSelector: { matchLabels: commonLabels(target.name, 'major-upgrade') },
          policyTypes: ['Egress'],
          egress: [
            DNS_EGRESS,
            { to: [podsPeer(selectorLabels(source.name))], ports: tcp(source.port) },
            { to: [podsPeer(selectorLabels(target.name))], ports: tcp(target.port) },
          ],
        },
      });
      // It creates every login of the target, the exporter's included, by copying the source's.
      markSchemaJob(this, target.namespace, target.name);
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  private checkMajor(owner: string, field: string, image: string): number {
    const major = checkPostgresImage(owner, field, image, 'postgres:17.10');
    if (!SUPPORTED_MAJOR_VERSIONS.includes(major)) {
      fail(owner, field, image, `is PostgreSQL ${major}, which the library does not support (${SUPPORTED_MAJOR_VERSIONS.join(', ')})`);
    }
    return major;
  }
}
