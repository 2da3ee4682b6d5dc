import { createHash } from 'crypto';
import { KubeConfigMap, KubeJob } from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { clientPodTemplate, jobResources, JobResources, PostgresServerConnection } from './client-pod';
import { Credentials } from './credentials';
import { commonLabels } from './labels';
import { RequiredSecrets } from './required-secrets';
import { SCHEMA_JOB_SCRIPT } from './sql/job-script';
import { LoginOwnership } from './sql/cluster-sql';
import { DatabaseDefinition, DatabaseUser } from './sql/model';
import { buildSqlPlan, renderPlanFiles } from './sql/plan';
import { validateDefinitions } from './sql/validate';
import { checkDnsLabel, checkInteger, checkLabels, fail, ownerOf } from './validation';
import { addChartChecks } from './checks/chart-checks';
import { checkRepresentable } from './checks/representable-text';

/** Properties of {@link SchemaInitJob}. */
export interface SchemaInitJobProps {
  /** The server to initialize. */
  readonly server: PostgresServerConnection;
  /**
   * Name of the Job.
   * @default `<server>-schema-init`
   */
  readonly name?: string;
  /**
   * Name of the ConfigMap holding the SQL.
   * @default `<server>-schema`
   */
  readonly configMapName?: string;
  /**
   * Databases with owners, schemas, schema files and history tracking.
   * @default - none
   */
  readonly databases?: DatabaseDefinition[];
  /**
   * Logins, each with a kind and a Secret key holding its password.
   * @default - none
   */
  readonly users?: DatabaseUser[];
  /**
   * `create`: the Job creates the logins and databases and sets passwords from the users'
   * Secret keys. `existing`: someone else (the Zalando operator) owns logins, passwords and
   * databases; the Job only adds what they cannot do: grants by kind, schema files, the
   * manager role and change history.
   * @default 'create'
   */
  readonly logins?: LoginOwnership;
  /**
   * Extensions created in database `postgres`, where monitoring connects (pg_stat_statements).
   * @default - none
   */
  readonly extensions?: string[];
  /**
   * Image that runs psql.
   * @default - the server's image
   */
  readonly image?: string;
  /**
   * Seconds to wait for the server before giving up with a message.
   * @default 300
   */
  readonly waitSeconds?: number;
  /**
   * Retries of a failed pod.
   * @default 3
   */
  readonly backoffLimit?: number;
  /**
   * Seconds the whole Job may run, waiting included.
   * @default 900
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Seconds a finished Job (and its logs) is kept; deleting it lets the next apply run it again.
   * @default 3600
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * CPU and memory.
   * @default - requests 50m / 64Mi, memory limit 256Mi
   */
  readonly resources?: JobResources;
  /**
   * Extra labels on the ConfigMap, the Job and its pod.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

const SQL_DIR = '/sql';

/**
 * Seed 004's schema Job, hardened: a ConfigMap with the SQL and a Job that waits for the server
 * (bounded), then creates logins and databases, sets up schemas and privileges, applies each
 * schema file once (recorded in a ledger table) and installs change history. Every step is
 * idempotent, so the Job can run again at any time. Passwords travel from Secrets through
 * environment variables into psql variables only.
 */
export class SchemaInitJob extends Construct {
  /** Name of the Job. */
  public readonly name: string;
  /** Name of the ConfigMap with the SQL. */
  public readonly configMapName: string;
  /** The ConfigMap's files, by name. */
  public readonly files: Readonly<Record<string, string>>;
  /** The Job. */
  public readonly job: KubeJob;

  constructor(scope: Construct, id: string, props: SchemaInitJobProps) {
    super(scope, id);
    addChartChecks(this);
    try {
      const owner = ownerOf(this, 'SchemaInitJob');
      const { server } = props;
      const databases = props.databases ?? [];
      const users = props.users ?? [];
      this.name = props.name ?? `${server.name}-schema-init`;
      this.configMapName = props.configMapName ?? `${server.name}-schema`;
      const waitSeconds = props.waitSeconds ?? 300;
      const activeDeadlineSeconds = props.activeDeadlineSeconds ?? 900;
      checkDnsLabel(owner, 'name', this.name);
      checkDnsLabel(owner, 'configMapName', this.configMapName, 253);
      checkInteger(owner, 'waitSeconds', waitSeconds, 1);
      checkInteger(owner, 'backoffLimit', props.backoffLimit ?? 3, 0);
      checkInteger(owner, 'activeDeadlineSeconds', activeDeadlineSeconds, 1);
      if (activeDeadlineSeconds <= waitSeconds) fail(owner, 'activeDeadlineSeconds', activeDeadlineSeconds, `must exceed waitSeconds (${waitSeconds}), or the Job is killed before it gives up waiting`);
      checkInteger(owner, 'ttlSecondsAfterFinished', props.ttlSecondsAfterFinished ?? 3600, 0);
      const resources = jobResources(owner, props.resources);
      checkLabels(owner, 'labels', props.labels ?? {});
      validateDefinitions(owner, server.superuser.username, databases, users);
      databases.forEach((db, i) => (db.schemaFiles ?? []).forEach((file, j) => checkRepresentable(owner, `databases[${i}].schemaFiles[${j}].sql`, file.sql)));

      const logins = props.logins ?? 'create';
      const plan = buildSqlPlan(server.databaseName, databases, users, logins, props.extensions ?? []);
      this.files = renderPlanFiles(plan);
      const labels = { ...commonLabels(server.name, 'schema-init'), ...props.labels };
      new KubeConfigMap(this, 'Sql', { metadata: { name: this.configMapName, namespace: server.namespace, labels }, data: { ...this.files } });

      this.job = new KubeJob(this, 'Resource', {
        metadata: { name: this.name, namespace: server.namespace, labels },
        spec: {
          backoffLimit: props.backoffLimit ?? 3,
          activeDeadlineSeconds,
          ttlSecondsAfterFinished: props.ttlSecondsAfterFinished ?? 3600,
          template: clientPodTemplate({
            server,
            containerName: 'schema-init',
            image: props.image ?? server.image,
            script: SCHEMA_JOB_SCRIPT,
            labels,
            annotations: { 'cdk8s-postgres.io/sql-checksum': createHash('sha256').update(JSON.stringify(this.files)).digest('hex') },
            env: [
              { name: 'SQL_DIR', value: SQL_DIR },
              { name: 'WAIT_SECONDS', value: String(waitSeconds) },
              ...plan.passwords.map((p) => ({ name: p.envVariable, valueFrom: { secretKeyRef: { name: p.secret.name, key: p.secret.key } } })),
            ],
            volumes: [{ name: 'sql', configMap: { name: this.configMapName } }],
            volumeMounts: [{ name: 'sql', mountPath: SQL_DIR, readOnly: true }],
            resources,
          }),
        },
      });

      for (const user of logins === 'create' ? users : []) {
        RequiredSecrets.declare(this, {
          namespace: server.namespace,
          name: user.password.name,
          keys: Credentials.fromSecret(user.password.name, { passwordKey: user.password.key, username: user.name, usernameKey: user.password.usernameKey }).secretKeys(),
        });
      }
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}
