import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Login } from '../secrets/login';

const SCHEMA_JOB_FOR = 'cdk8s-postgres:schema-job-for';

/** The server a schema Job creates logins on. */
interface SchemaJobTarget {
  readonly namespace: string;
  readonly server: string;
}

/** Marks `job` as the schema Job of a server, for {@link requireSchemaJob}. */
export function markSchemaJob(job: IConstruct, namespace: string, server: string): void {
  job.node.addMetadata(SCHEMA_JOB_FOR, { namespace, server } satisfies SchemaJobTarget);
}

/**
 * Fails synthesis, naming `owner` and `field`, when no schema Job of the server sits in the
 * chart: the exporter's login and pg_stat_statements exist only once a SchemaInitJob creates
 * them, and an exporter without its login only logs failed connections.
 */
export function requireSchemaJob(server: IConstruct & { readonly name: string; readonly namespace: string }, owner: string, field: string, login: Login): void {
  server.node.addValidation({
    validate: () => {
      const chart = Chart.of(server);
      const found = chart.node.findAll().some((c) => c.node.metadata.some((m) => {
        const target = m.data as SchemaJobTarget;
        return m.type === SCHEMA_JOB_FOR && target.namespace === server.namespace && target.server === server.name;
      }));
      return found ? [] : [`${owner}: ${field} ${JSON.stringify(login.name)} is created by no SchemaInitJob of this server in chart '${chart.node.path}': ` +
        "add one (new SchemaInitJob(scope, id, { server })); it creates the login (member of pg_monitor) and the pg_stat_statements extension the exporter reads"];
    },
  });
}
