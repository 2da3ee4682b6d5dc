import { Chart } from 'cdk8s';
import { TerraformStack as CdktfStack, Testing as TerraformTesting } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BackupCronJob, BackupStorage, EnvironmentChart, EnvironmentDescription, PostgresStatefulSet, PostgresStatefulSetProps, SchemaInitJob, SchemaInitJobProps } from '../../lib';
import { EfsFileSystem, EfsFileSystemProps } from '../../lib/terraform/aws';
import { ChartManifests } from '../../lib/terraform/kubernetes';
import { Rendered } from '../../lib/review/both-paths';
import { ENVIRONMENTS } from '../../environments';
import { synth, testApp } from '../support/manifests';

// The ways a change reaches a cluster, each rendered as the review reads it: an environment's
// manifest file (kubectl apply), the same chart in a Terraform stack (cdktf deploy), both at once,
// a consumer's own chart of the constructs, and a Terraform stack of AWS resources.

const NO_STACKS: Rendered['stacks'] = [];
/** Where `npx cdk8s synth` writes the environment's manifests. */
const fileOf = (environment: string) => new Map([[environment, `dist/${environment}.k8s.yaml`]]);

export function environmentNamed(name: string): EnvironmentDescription {
  const found = ENVIRONMENTS.find((e) => e.name === name);
  if (!found) throw new Error(`no environment ${name}`);
  return found;
}

const manifestsOf = (d: EnvironmentDescription) => synth(new EnvironmentChart(testApp(), d.name, d));

/** The environment's chart as a Terraform stack deploys it: every object a `kubernetes_manifest` of ChartManifests. */
function stackOf(d: EnvironmentDescription) {
  const app = TerraformTesting.app();
  const stack = new CdktfStack(app, d.name);
  new ChartManifests(stack, 'Workload', { chart: new EnvironmentChart(testApp(), d.name, d) });
  return { name: d.name, environment: d.name, json: JSON.parse(TerraformTesting.synth(stack)) };
}

/** `dist/<environment>.k8s.yaml`, applied with kubectl. */
export const byKubectl = (d: EnvironmentDescription): Rendered => ({ manifests: new Map([[d.name, manifestsOf(d)]]), stacks: NO_STACKS, manifestFiles: fileOf(d.name) });
/** The same chart deployed by `cdktf deploy` only. */
export const byTerraform = (d: EnvironmentDescription): Rendered => ({ manifests: new Map(), stacks: [stackOf(d)] });
/** Both at once, as the repository's review sees an environment that has a stack and a manifest file. */
export const byBoth = (d: EnvironmentDescription): Rendered => ({ manifests: new Map([[d.name, manifestsOf(d)]]), stacks: [stackOf(d)], manifestFiles: fileOf(d.name) });

/** What a consumer's repository writes (docs/library.md, "SchemaInitJob" and "BackupCronJob"): its own chart of the constructs. */
export interface ConsumerApp {
  readonly server: Omit<PostgresStatefulSetProps, 'namespace' | 'superuser'>;
  readonly schema: Omit<SchemaInitJobProps, 'server'>;
  readonly backupRetentionDays: number;
  readonly schedule: string;
}

export const CONSUMER_APP: ConsumerApp = {
  server: { majorVersion: 17, storage: { size: '10Gi' }, parameters: { work_mem: '4MB' } },
  schema: {
    databases: [{
      name: 'orders', owner: 'orders_admin', schemas: ['public'],
      schemaFiles: [{ name: '001-orders.sql', sql: 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);\n' }],
    }],
    users: [
      { name: 'orders_admin', kind: 'admin', password: { name: 'orders-logins', key: 'admin' } },
      { name: 'orders_app', kind: 'app', databases: ['orders'], privileges: ['SELECT', 'INSERT', 'UPDATE'], password: { name: 'orders-logins', key: 'app' } },
    ],
  },
  backupRetentionDays: 7,
  schedule: '0 2 * * *',
};

export const CONSUMER_ENVIRONMENT = 'shop';

export function byConsumer(props: ConsumerApp): Rendered {
  const chart = new Chart(testApp(), CONSUMER_ENVIRONMENT);
  const db = new PostgresStatefulSet(chart, 'orders-db', {
    ...props.server, namespace: 'shop', superuser: { name: 'postgres', password: { name: 'orders-db-superuser', key: 'password' } },
  });
  new SchemaInitJob(chart, 'orders-schema', { server: db, ...props.schema });
  new BackupCronJob(chart, 'orders-backup', {
    server: db, schedule: props.schedule, retention: { days: props.backupRetentionDays },
    storage: BackupStorage.newClaim({ size: '10Gi' }),
    login: { name: 'orders_backup', password: { name: 'orders-logins', key: 'backup' } },
  });
  return { manifests: new Map([[CONSUMER_ENVIRONMENT, synth(chart)]]), stacks: NO_STACKS, manifestFiles: fileOf(CONSUMER_ENVIRONMENT), commands: 'package' };
}

export const EFS_STACK: EfsFileSystemProps = {
  name: 'postgres-data',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0a', 'subnet-0b'],
  clientCidrs: ['10.0.0.0/16'],
  csiDriverRoleArn: 'arn:aws:iam::123456789012:role/efs-csi',
};

/** A consumer's AWS stack of the EFS file system (as stack aws-efs builds it). */
export function byAwsStack(props: EfsFileSystemProps): Rendered {
  const stack = new CdktfStack(TerraformTesting.app(), 'aws-efs');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-2' });
  new EfsFileSystem(stack, 'PostgresData', props);
  return { manifests: new Map(), stacks: [{ name: 'aws-efs', environment: 'aws-efs', json: JSON.parse(TerraformTesting.synth(stack)) }] };
}
