import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { environmentNamed } from '../environments';
import { RestoreJob, EnvironmentChart } from '../lib';

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
  return chart.toJson().map((o) => stringify(o)).join('---\n');
}

/** Parses `<environment> <server> <database> [--target DB] [--backup FILE] [--overwrite]`. */
export function parseRestoreArgs(args: string[]): RestoreRequest {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--overwrite') options.overwrite = true;
    else if (args[i] === '--target' || args[i] === '--backup') options[args[i].slice(2)] = args[++i] ?? '';
    else if (args[i].startsWith('--')) throw new Error(`unknown option ${args[i]}`);
    else positional.push(args[i]);
  }
  if (positional.length !== 3) throw new Error('usage: npm run --silent restore -- <environment> <server> <database> [--target DB] [--backup FILE] [--overwrite] | kubectl create -f -');
  const [environment, server, database] = positional;
  return { environment, server, database, target: options.target as string | undefined, backup: options.backup as string | undefined, overwrite: options.overwrite === true };
}

if (require.main === module) {
  try {
    process.stdout.write(renderRestoreJob(parseRestoreArgs(process.argv.slice(2))));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
