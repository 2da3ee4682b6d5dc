import { StateBackend } from '../lib/terraform/aws';

/** The cloud whose backend a stack uses unless TFSTATE_BACKEND says otherwise; none for kubernetes-only stacks. */
export type StateCloud = 'azurerm' | 's3' | undefined;

/**
 * Chooses a stack's state backend from the environment:
 *
 * - `TFSTATE_BACKEND`: `azurerm`, `s3` or `local`. `local` makes every stack local; `azurerm`
 *   or `s3` is the backend of the kubernetes-only stacks (solid-cloud, prod-operator).
 * - Azure: `TFSTATE_AZURE_ACCOUNT` (required), `TFSTATE_AZURE_CONTAINER` (default `tfstate`),
 *   `TFSTATE_AZURE_RESOURCE_GROUP`, `TFSTATE_AZURE_SUBSCRIPTION_ID`.
 * - S3: `TFSTATE_S3_BUCKET` and `TFSTATE_S3_REGION` (required), `TFSTATE_S3_KMS_KEY_ID`.
 * - Either: `TFSTATE_KEY_PREFIX` (default `cdk8s-postgres`), the folder of the state keys.
 *
 * A stack on Azure uses the Azure backend, a stack on AWS the S3 backend. Without the settings
 * its backend needs, a stack falls back to local state with a warning, unless TFSTATE_BACKEND
 * asked for that backend explicitly: then synthesis stops.
 */
export function stateBackendFor(stack: string, home: StateCloud, env: NodeJS.ProcessEnv = process.env): StateBackend {
  const asked = env.TFSTATE_BACKEND?.trim() || undefined;
  if (asked !== undefined && !['azurerm', 's3', 'local'].includes(asked)) {
    throw new Error(`TFSTATE_BACKEND ${JSON.stringify(asked)} is not one of azurerm, s3, local`);
  }
  if (asked === 'local') return StateBackend.local('TFSTATE_BACKEND=local');
  const kind = home ?? (asked as StateCloud) ?? (env.TFSTATE_AZURE_ACCOUNT ? 'azurerm' : env.TFSTATE_S3_BUCKET ? 's3' : undefined);
  if (kind === undefined) return StateBackend.local('set TFSTATE_BACKEND and its settings for a remote backend');
  const required = kind === 'azurerm' ? ['TFSTATE_AZURE_ACCOUNT'] : ['TFSTATE_S3_BUCKET', 'TFSTATE_S3_REGION'];
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) {
    if (asked === kind) throw new Error(`TFSTATE_BACKEND=${kind} needs ${missing.join(' and ')} (stack ${stack})`);
    return StateBackend.local(`no ${missing.join(' or ')} for the ${kind} backend`);
  }
  return kind === 'azurerm'
    ? StateBackend.azureStorage({
      storageAccountName: env.TFSTATE_AZURE_ACCOUNT!,
      containerName: env.TFSTATE_AZURE_CONTAINER || undefined,
      resourceGroupName: env.TFSTATE_AZURE_RESOURCE_GROUP || undefined,
      subscriptionId: env.TFSTATE_AZURE_SUBSCRIPTION_ID || undefined,
      keyPrefix: env.TFSTATE_KEY_PREFIX || undefined,
    })
    : StateBackend.s3({ bucket: env.TFSTATE_S3_BUCKET!, region: env.TFSTATE_S3_REGION!, kmsKeyId: env.TFSTATE_S3_KMS_KEY_ID || undefined, keyPrefix: env.TFSTATE_KEY_PREFIX || undefined });
}
