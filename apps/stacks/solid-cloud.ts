import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App } from 'cdk8s';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { solidCloud } from '../../environments/solid-cloud';
import { EnvironmentChart } from '../../lib';
import { ChartManifests, requireTerraformVersion } from '../../lib/terraform/kubernetes';

/**
 * Stack `solid-cloud` (seed 002), in the seed's module split where it maps to something real:
 * `kubernetes` (the namespace), `network` (the NetworkPolicies that admit only database
 * clients) and `database` (PostgreSQL, its schema Job, the application ConfigMap and the
 * Secrets, whose passwords come from sensitive variables).
 */
export class SolidCloudStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    requireTerraformVersion(this);
    const kubeconfig = new TerraformVariable(this, 'kubeconfig_path', {
      type: 'string',
      description: 'kubeconfig of the Solid Cloud cluster (the seed sets it in terraform.tfvars, so the wrong cluster is never targeted)',
    });
    new KubernetesProvider(this, 'kubernetes', { configPath: kubeconfig.stringValue });

    const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), solidCloud.name, solidCloud);
    const kubernetes = new ChartManifests(this, 'Kubernetes', { chart, include: (o) => o.kind === 'Namespace', secrets: false });
    const dependsOn = kubernetes.resources;
    new ChartManifests(this, 'Network', { chart, include: (o) => o.kind === 'NetworkPolicy', secrets: false, dependsOn });
    new ChartManifests(this, 'Database', { chart, include: (o) => o.kind !== 'Namespace' && o.kind !== 'NetworkPolicy', dependsOn });
  }
}
