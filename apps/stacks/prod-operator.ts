import { DataKubernetesResources } from '@cdktf/provider-kubernetes/lib/data-kubernetes-resources';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App } from 'cdk8s';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { prodOperator } from '../../environments/prod-operator';
import { EnvironmentChart } from '../../lib';
import { ChartManifests, requireTerraformVersion } from '../../lib/terraform/kubernetes';

/** How to install the operator, as seed 001 does it. */
export const OPERATOR_INSTALL = 'kubectl apply -k github.com/zalando/postgres-operator/manifests';

/**
 * Stack `prod-operator` (seed 001, production): the namespace and the Zalando cluster (with its
 * metrics Service and schema Job) through the kubernetes provider. The operator itself is a
 * prerequisite; without its CRD the plan stops with the command that installs it.
 */
export class ProdOperatorStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    requireTerraformVersion(this);
    const kubeconfig = new TerraformVariable(this, 'kubeconfig_path', { type: 'string', default: '~/.kube/config', description: 'kubeconfig of the production cluster' });
    new KubernetesProvider(this, 'kubernetes', { configPath: kubeconfig.stringValue });
    const crd = new DataKubernetesResources(this, 'OperatorCrd', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      fieldSelector: 'metadata.name=postgresqls.acid.zalan.do',
    });
    const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), prodOperator.name, prodOperator);
    new ChartManifests(this, 'Workload', {
      chart,
      lifecycle: (o) => o.kind === 'postgresql' ? {
        precondition: [{
          condition: `\${length(${crd.fqn}.objects) > 0}`,
          errorMessage: `The Zalando postgres-operator is not installed in this cluster (no CRD postgresqls.acid.zalan.do). Install it first: ${OPERATOR_INSTALL}`,
        }],
      } : undefined,
    });
  }
}
