import { createHash } from 'crypto';
import { KubeConfigMap, KubeJob } from '../private/k8s';
import { Construct } from 'constructs';
import { array, checkProps, number, object, oneOf, optional, record, string } from '../checks/props-shape';
import { checkServerConnection, POSTGRES_SERVER_CONNECTION_SHAPE, PostgresServerConnection } from '../core/server-connection';
import { clientPodTemplate, JOB_RESOURCES_SHAPE, jobResources, JobResources, jobTiming } from './client-pod';
import { commonLabels, CONTENT_NAMED_JOB_LABEL, CONTENT_NAMED_JOB_MAX, contentNamedJob } from '../private/labels';
import { RequiredSecrets } from '../secrets/required-secrets';
import { Login } from '../secrets/login';
import { markSchemaJob } from '../monitoring/schema-job-requirement';
import { SCHEMA_JOB_SCRIPT } from '../sql/job-script';
import { LoginOwnership } from '../sql/cluster-sql';
import { DATABASE_DEFINITION_SHAPE, DATABASE_USER_SHAPE, DatabaseDefinition, DatabaseUser, SchemaFile } from '../sql/model';
import { buildSqlPlan, renderPlanFiles } from '../sql/plan';
import { validateDefinitions } from '../sql/validate';
import { checkDerivedLabel, checkDnsSubdomain, checkInteger, checkUserLabels, fail, ownerOf } from '../private/validation';
import { addChartChecks } from '../checks/chart-checks';
import { checkJobImage, parseImageReference } from '../private/image-reference';
import { passwordInSql } from '../checks/no-passwords';
import { checkRepresentable } from '../checks/representable-text';
import { SCHEMA_JOB_COMPONENT } from '../private/rendered-names';

/** Properties of {@link SchemaInitJob}. */
export interface SchemaInitJobProps {
  /** The server to initialize. */
  readonly server: PostgresServerConnection;
  /**
   * The Job's name before its content: the Job is named `<name>-<8 hex digits>` after its pod
   * template, so that a change (a new database, login or schema file) is a new Job that
   * `kubectl apply` and `cdktf deploy` create, while the finished Job of the earlier content is
   * left to its TTL. Its pods and the Job carry `cdk8s-postgres.io/job: <name>`:
   * `kubectl get jobs -l cdk8s-postgres.io/job=<name>`, `kubectl logs -l … --tail=-1`. At most 54
   * characters.
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
   * Logins, each with a kind and a Secret key holding its password. The server's exporter login
   * (`server.monitoringLogin`) is added as a `monitoring` login unless listed here.
   * @default - none (and the exporter's login when the server has one)
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
   * Extensions created in database `postgres`, where monitoring connects; pg_stat_statements is
   * added when the server has an exporter.
   * @default - none (pg_stat_statements when the server has an exporter)
   */
  readonly extensions?: string[];
  /**
   * Image that runs psql: a pinned PostgreSQL image of the server's major. When the Job sets
   * passwords it needs perl (core modules only) to compute SCRAM verifiers, which the official
   * Debian-based images have and the Alpine ones do not.
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

/** Runtime description of {@link SchemaInitJobProps}. */
export const SCHEMA_INIT_JOB_PROPS_SHAPE = object<SchemaInitJobProps>({
  server: POSTGRES_SERVER_CONNECTION_SHAPE,
  name: optional(string()),
  configMapName: optional(string()),
  databases: optional(array(DATABASE_DEFINITION_SHAPE)),
  users: optional(array(DATABASE_USER_SHAPE)),
  logins: optional(oneOf('create', 'existing')),
  extensions: optional(array(string())),
  image: optional(string()),
  waitSeconds: optional(number()),
  backoffLimit: optional(number()),
  activeDeadlineSeconds: optional(number()),
  ttlSecondsAfterFinished: optional(number()),
  resources: optional(JOB_RESOURCES_SHAPE),
  labels: optional(record(string())),
}, { name: 'SchemaInitJobProps' });

const SQL_DIR = '/sql';

/**
 * A schema Job: a ConfigMap with the SQL and a Job that waits for the server
 * (bounded), then creates logins and databases, sets up schemas and privileges, applies each
 * schema file once (recorded in a ledger table) and installs change history. Every step is
 * idempotent, so the Job can run again at any time.
 *
 * Passwords travel from Secrets through environment variables to the Job script, which turns each
 * into a SCRAM-SHA-256 verifier (random salt, 4096 iterations) and drops the password: the server
 * receives verifiers only. They are set in one transaction that first turns off statement logging
 * (all, by duration, sampled, on error), its pg_stat_activity text and pg_stat_statements, so
 * no view a non-superuser can read (pg_monitor's included) and no log line holds them. These are
 * superuser settings: when `server.superuser` names a login that is not a superuser (nor granted
 * SET on them), the password step fails before sending anything and the Job stops with a message
 * saying why; with `logins: 'existing'` the Job sets no password.
 *
 * Schema files run as their database's owner, over the owner's own connection (the Job reads the
 * owner's password from its Secret for that), never in a superuser session, and their text reaches
 * the server as one query that psql does not interpret (see {@link SchemaFile}).
 */
export class SchemaInitJob extends Construct {
  /** Name of the Job: `<name>-<8 hex digits of its pod template's SHA-256>`. */
  public readonly name: string;
  /** The Job's name before its content (the `name` prop): the value of its label `cdk8s-postgres.io/job`. */
  public readonly baseName: string;
  /** Name of the ConfigMap with the SQL. */
  public readonly configMapName: string;
  /** The ConfigMap's files, by name. */
  public readonly files: Readonly<Record<string, string>>;
  /** The Job. */
  public readonly job: KubeJob;

  constructor(scope: Construct, id: string, props: SchemaInitJobProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'SchemaInitJob');
      checkProps(owner, props, SCHEMA_INIT_JOB_PROPS_SHAPE);
      checkServerConnection(owner, 'server', props.server);
      const { server } = props;
      // a file saved on Windows is the same SQL: its line endings become \n (a lone \r is still refused)
      const databases = (props.databases ?? []).map((db) => (db.schemaFiles ? { ...db, schemaFiles: db.schemaFiles.map((f) => ({ ...f, sql: f.sql.replace(/\r\n/g, '\n') })) } : db));
      const users = withMonitoringLogin(owner, props.users ?? [], server.monitoringLogin);
      const extensions = server.monitoringLogin && !(props.extensions ?? []).includes('pg_stat_statements')
        ? [...props.extensions ?? [], 'pg_stat_statements']
        : props.extensions ?? [];
      this.baseName = props.name ?? `${server.name}-schema-init`;
      this.configMapName = props.configMapName ?? `${server.name}-schema`;
      // The Job's pods carry its whole name, content suffix included, as the label job-name (63 characters).
      checkDerivedLabel(owner, 'name', this.baseName, props.name !== undefined, "'<server>-schema-init' (the Job's name adds '-' and 8 hex digits of its content)", CONTENT_NAMED_JOB_MAX);
      checkDnsSubdomain(owner, 'configMapName', this.configMapName);
      const { waitSeconds, activeDeadlineSeconds, ttlSecondsAfterFinished } = jobTiming(owner, props, { activeDeadlineSeconds: 900, ttlSecondsAfterFinished: 3600 });
      checkInteger(owner, 'backoffLimit', props.backoffLimit ?? 3, 0);
      const resources = jobResources(owner, props.resources);
      checkJobImage(owner, props.image === undefined ? 'server.image' : 'image', props.image ?? server.image, server.image,
        "the Job's psql and pg_isready should be the server's own; use the server's major");
      checkUserLabels(owner, 'labels', props.labels ?? {});
      validateDefinitions(owner, server.superuser.name, databases, users);
      databases.forEach((db, i) => (db.schemaFiles ?? []).forEach((file, j) => {
        checkRepresentable(owner, `databases[${i}].schemaFiles[${j}].sql`, file.sql);
        const problem = passwordInSql(file.sql);
        if (problem) fail(owner, `databases[${i}].schemaFiles[${j}]`, file.name, problem);
      }));

      const logins = props.logins ?? 'create';
      const plan = buildSqlPlan(server.databaseName, databases, users, logins, extensions);
      const image = props.image ?? server.image;
      if (plan.passwords.length && isAlpineImage(image)) {
        fail(owner, props.image === undefined ? 'server.image' : 'image', image, "is an Alpine image, which has no perl: the Job computes the SCRAM verifiers of the logins' passwords with perl so that no password reaches the server; set image to the Debian-based image of the same version (e.g. without '-alpine')");
      }
      this.files = renderPlanFiles(plan);
      const labels = { ...commonLabels(server.name, SCHEMA_JOB_COMPONENT), ...props.labels };
      new KubeConfigMap(this, 'Sql', { metadata: { name: this.configMapName, namespace: server.namespace, labels }, data: { ...this.files } });

      const jobLabels = { ...labels, [CONTENT_NAMED_JOB_LABEL]: this.baseName };
      const template = clientPodTemplate({
        server,
        containerName: 'schema-init',
        image,
        script: SCHEMA_JOB_SCRIPT,
        labels: jobLabels,
        annotations: { 'cdk8s-postgres.io/sql-checksum': createHash('sha256').update(JSON.stringify(this.files)).digest('hex') },
        env: [
          { name: 'SQL_DIR', value: SQL_DIR },
          { name: 'WAIT_SECONDS', value: String(waitSeconds) },
          ...plan.passwords.map((p) => ({ name: p.envVariable, valueFrom: { secretKeyRef: { name: p.secret.name, key: p.secret.key } } })),
          // The owners whose passwords the Job does not set (logins it does not create), for their schema files.
          ...plan.owners.filter((o) => !plan.passwords.some((p) => p.envVariable === o.envVariable))
            .map((o) => ({ name: o.envVariable, valueFrom: { secretKeyRef: { name: o.secret.name, key: o.secret.key } } })),
        ],
        volumes: [{ name: 'sql', configMap: { name: this.configMapName } }],
        volumeMounts: [{ name: 'sql', mountPath: SQL_DIR, readOnly: true }],
        resources,
      });
      // A Job's template cannot change: other content is another Job.
      this.name = contentNamedJob(this.baseName, template);
      this.job = new KubeJob(this, 'Resource', {
        metadata: { name: this.name, namespace: server.namespace, labels: jobLabels },
        spec: { backoffLimit: props.backoffLimit ?? 3, activeDeadlineSeconds, ttlSecondsAfterFinished, template },
      });

      for (const user of logins === 'create' ? users : []) {
        RequiredSecrets.declareLogin(this, server.namespace, user);
      }
      markSchemaJob(this, server.namespace, server.name);
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}

function isAlpineImage(image: string): boolean {
  const parsed = parseImageReference(image);
  return typeof parsed !== 'string' && /(?:^|[-._])alpine/.test(parsed.tag ?? '');
}

/** The users, with the server's exporter login added as a `monitoring` login unless they list it. */
function withMonitoringLogin(owner: string, users: DatabaseUser[], login: Login | undefined): DatabaseUser[] {
  if (!login) return users;
  const listed = users.findIndex((u) => u.name === login.name);
  if (listed < 0) return [...users, { name: login.name, kind: 'monitoring', password: login.password }];
  if (users[listed].kind !== 'monitoring') fail(owner, `users[${listed}].kind`, users[listed].kind, `must be 'monitoring': '${login.name}' is the server's exporter login`);
  return users;
}
