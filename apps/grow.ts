import { App } from 'cdk8s';
import { environmentNamed, UnknownEnvironmentError } from '../environments';
import { EnvironmentChart } from '../lib';
import { checkDeclared, GrowObject, GrowPlan, GrowRefusal, GrowSubject, planGrowth } from '../lib/cli/grow-plan';

export { canonicalSize, GrowRefusal } from '../lib/cli/grow-plan';

/** What to grow, from the command line. */
export interface GrowRequest {
  readonly environment: string;
  /** Server id in the environment description (e.g. 'microservices'). */
  readonly server: string;
  /** The new size, a Kubernetes quantity such as '10Gi'. */
  readonly size: string;
  /** Recreate the StatefulSet with `npx cdktf deploy <stack>` instead of `kubectl apply`. */
  readonly terraform?: boolean;
  /** Only check that the environment declares `size` (the printed script's guard). */
  readonly checkDeclared?: boolean;
}

export const GROW_USAGE = 'usage: npm run --silent grow -- <environment> <server> <size> [--terraform]   (e.g. minikube-dev microservices 10Gi)';

/** The Terraform stack that deploys each environment's manifests (apps/terraform.ts). */
export const TERRAFORM_STACKS: Readonly<Record<string, string>> = {
  'solid-cloud': 'solid-cloud',
  'aks-phonebill-dev': 'aks-phonebill-dev',
  'aws-efs': 'aws-efs-workload',
  'prod-operator': 'prod-operator',
};

/** Parses `<environment> <server> <size> [--terraform] [--check-declared]`. */
export function parseGrowArgs(args: readonly string[]): GrowRequest {
  const positional = args.filter((a) => !a.startsWith('--'));
  const unknown = args.find((a) => a.startsWith('--') && a !== '--terraform' && a !== '--check-declared');
  if (unknown) throw new GrowRefusal(`unknown option ${unknown}\n${GROW_USAGE}`, true);
  if (positional.length !== 3) throw new GrowRefusal(GROW_USAGE, true);
  const [environment, server, size] = positional;
  return { environment, server, size, terraform: args.includes('--terraform'), checkDeclared: args.includes('--check-declared') };
}

/** The server of the request as its environment renders it, and how this repository declares, renders and applies it. */
function subjectOf(request: GrowRequest): GrowSubject {
  let description;
  try {
    description = environmentNamed(request.environment);
  } catch (error) {
    throw new GrowRefusal((error as Error).message, error instanceof UnknownEnvironmentError);
  }
  const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), description.name, description);
  // By its id in the description, or by the name it renders (what the review sees in the manifests).
  const server = description.servers.find((s) => s.id === request.server)
    ?? description.servers.find((s) => chart.connections[s.id]?.name === request.server);
  if (!server) {
    throw new GrowRefusal(`environment '${request.environment}' has no server '${request.server}' (servers: ${description.servers.map((s) => s.id).join(', ')})`);
  }
  const objects = chart.toJson() as GrowObject[];
  const find = (kind: string, name: string, namespace?: string) => objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  const stack = TERRAFORM_STACKS[request.environment];
  if (request.terraform && !stack) {
    throw new GrowRefusal(`environment '${request.environment}' has no Terraform stack (stacks: ${Object.entries(TERRAFORM_STACKS).map(([e, s]) => (e === s ? e : `${s} for ${e}`)).join(', ')}); drop --terraform`);
  }
  const file = `dist/${request.environment}.k8s.yaml`;
  const how = {
    who: `environment '${request.environment}' server '${request.server}'`,
    what: `server '${request.server}' of environment '${request.environment}'`,
    title: `Environment '${request.environment}', server '${request.server}'`,
    holder: 'the environment',
    declaredAt: `environments/${request.environment}.ts, server '${request.server}'`,
    declareIn: `environments/${request.environment}.ts`,
    checkCommand: (size: string) => `npm run --silent grow -- ${request.environment} ${request.server} ${size} --check-declared`,
    synthCommand: 'npx cdk8s synth --no-check-upgrade',
    applyCommands: request.terraform
      ? [`# Terraform creates it again (stack ${stack}); give the --var options and TF_VAR_ variables you deploy with.`, `npx cdktf deploy ${stack}`]
      : [`kubectl apply -f ${file}`],
    notes: !request.terraform && stack ? ['', `# Deployed with Terraform (stack ${stack})? Print the script with --terraform instead.`] : [],
    onMinikube: request.environment.startsWith('minikube'),
  };
  const cluster = chart.clusters[server.id];
  if (cluster) {
    const resource = find('postgresql', cluster.name, cluster.namespace)!;
    return { ...how, storage: { backend: 'zalando', cluster: resource }, declared: resource.spec.volume.size, field: 'storage.size' };
  }
  const cnpg = chart.cloudNativePgClusters[server.id];
  if (cnpg) {
    const resource = find('Cluster', cnpg.name, cnpg.namespace)!;
    return { ...how, storage: { backend: 'cloudnativepg', cluster: resource }, declared: resource.spec.storage.size, field: 'storage.size' };
  }
  const sts = chart.servers[server.id];
  const statefulSet = find('StatefulSet', sts.name, sts.namespace)!;
  const claimTemplates: GrowObject[] = statefulSet.spec.volumeClaimTemplates ?? [];
  if (claimTemplates.length > 0) {
    return { ...how, storage: { backend: 'statefulSet', statefulSet, claimTemplates }, declared: claimTemplates[0].spec.resources.requests.storage, field: 'storage.size' };
  }
  // A data volume of its own (EfsVolume): the claim the pod template mounts.
  const claimName: string = statefulSet.spec.template.spec.volumes.find((v: any) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName;
  const claim = find('PersistentVolumeClaim', claimName, sts.namespace)!;
  return {
    ...how,
    storage: { backend: 'efs', claim, storageClass: find('StorageClass', claim.spec.storageClassName) },
    declared: claim.spec.resources.requests.storage,
    field: 'efs',
  };
}

/** The command: what it prints on stdout and stderr, and its exit status. */
export function runGrow(args: readonly string[]): { stdout: string; stderr: string; status: number } {
  try {
    const request = parseGrowArgs(args);
    const subject = subjectOf(request);
    if (request.checkDeclared) return { stdout: '', stderr: `${checkDeclared(subject, request.size)}\n`, status: 0 };
    const plan: GrowPlan = planGrowth(subject, request.size);
    return { stdout: plan.script, stderr: plan.warnings.map((w) => `WARNING: ${w}\n`).join(''), status: 0 };
  } catch (error) {
    return { stdout: '', stderr: `${(error as Error).message}\n`, status: error instanceof GrowRefusal && error.usage ? 2 : 1 };
  }
}

if (require.main === module) {
  const result = runGrow(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.status;
}
