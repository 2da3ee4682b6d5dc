import { App, Chart } from 'cdk8s';
import { environmentNamed, UnknownEnvironmentError } from '../environments';
import { RestoreJob, EnvironmentChart } from '../lib';
import { eachRendered } from '../lib/environment/manifest-writer';
import { toYaml } from '../lib/core/yaml-text';
import { readOptions } from '../lib/cli/command-line';

export const RESTORE_USAGE = 'usage: npm run --silent restore -- <environment> <server> <database> [--target DB] [--backup FILE] [--overwrite] | kubectl create -f -';

/** A wrong command line: exit 2 with the usage. */
export class RestoreUsageError extends Error {}

/** What to restore, from the command line. */
export interface RestoreRequest {
  readonly environment: string;
  /** Server id in the environment description (e.g. 'product-change'). */
  readonly server: string;
  readonly database: string;
  readonly target?: string;
  readonly backup?: string;
  readonly overwrite?: boolean;
}

/** A RestoreJob manifest for a server of an environment, reading the claim its backup CronJob writes. */
export function renderRestoreJob(request: RestoreRequest): string {
  const app = new App({ outdir: '/nonexistent' });
  const environment = new EnvironmentChart(app, request.environment, environmentNamed(request.environment));
  const server = environment.servers[request.server];
  const backup = environment.backups[request.server];
  if (!server || !backup) {
    throw new Error(`environment '${request.environment}' has no server '${request.server}' with backups (servers with backups: ${Object.keys(environment.backups).join(', ') || 'none'})`);
  }
  if (backup.mode === 'cluster') {
    throw new Error(`server '${request.server}' is backed up with pg_dumpall (cluster mode); restore such a file with psql as the superuser, e.g. kubectl exec -i <pod> -- psql -U postgres < cluster_<stamp>.sql`);
  }
  const chart = new Chart(app, 'restore');
  new RestoreJob(chart, 'restore', {
    server,
    claimName: backup.claimName,
    sourceDatabase: request.database,
    targetDatabase: request.target,
    backup: request.backup,
    overwrite: request.overwrite,
  });
  // checked and written as the library writes dist/: YAML that kubectl reads back as the same values
  return eachRendered([chart], (json) => toYaml([json]))[0].join('---\n');
}

/** Parses `<environment> <server> <database> [--target DB] [--backup FILE] [--overwrite]`. */
export function parseRestoreArgs(args: readonly string[]): RestoreRequest {
  const positional: string[] = [];
  const usage = (reason: string): never => { throw new RestoreUsageError(`${reason}; ${RESTORE_USAGE}`); };
  const options = new Map(readOptions(args, ['target', 'backup'], usage, (a) => positional.push(a), ['overwrite']));
  if (positional.length !== 3) usage(`give the environment, the server and the database (got ${positional.length} of them)`);
  const [environment, server, database] = positional;
  return { environment, server, database, target: options.get('target'), backup: options.get('backup'), overwrite: options.has('overwrite') };
}

if (require.main === module) {
  try {
    process.stdout.write(renderRestoreJob(parseRestoreArgs(process.argv.slice(2))));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof RestoreUsageError || error instanceof UnknownEnvironmentError ? 2 : 1);
  }
}
