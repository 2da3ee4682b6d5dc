import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import type { Chart } from 'cdk8s';
import { ITerraformDependable, TerraformResourceLifecycle, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { RequiredSecrets } from '../secrets/required-secrets';
import { deployTimeChecksOf, renderForTerraform } from '../private/terraform-tokens';
import { deployTimeChecks } from './deploy-time-checks';
import { MANAGED_BY_LABEL } from '../private/labels';

/** A Kubernetes object as the chart renders it. */
export interface KubeObjectJson {
  /** API group and version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** Kind, e.g. `StatefulSet`. */
  readonly kind: string;
  /** Where the object lives. */
  readonly metadata: {
    /** The object's name. */
    readonly name: string;
    /** Its namespace; none for cluster-scoped objects. */
    readonly namespace?: string;
  };
}

/** Properties of {@link ChartManifests}. */
export interface ChartManifestsProps {
  /** The cdk8s chart to deploy. */
  readonly chart: Chart;
  /**
   * Which objects to deploy (Namespaces included).
   * @default - every object of the chart
   */
  readonly include?: (object: KubeObjectJson) => boolean;
  /**
   * Create the Secrets the chart references.
   * @default true
   */
  readonly secrets?: boolean;
  /**
   * Lifecycle settings (preconditions, for example) per object.
   * @default - none
   */
  readonly lifecycle?: (object: KubeObjectJson) => TerraformResourceLifecycle | undefined;
  /**
   * Resources that must exist first, such as a namespace created elsewhere.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Values for Secret keys that hold passwords, by `<secret>/<key>`. Each must be sensitive.
   * @default - one sensitive Terraform variable per key, named `<secret>__<key>` (non-alphanumerics become '_')
   */
  readonly passwords?: Record<string, string>;
}

/**
 * Deploys a cdk8s chart through the Terraform kubernetes provider: Namespaces first, then the
 * Secrets the chart references (their data write-only, kept out of the state, from sensitive
 * values), then every other object as a `kubernetes_manifest`. When the chart took Terraform
 * tokens where constructs check values (a storage account name, an EFS id), a `terraform_data`
 * resource checks their values with the constructs' own rules (preconditions), and every object
 * waits for it.
 *
 * Known limit: `kubernetes_manifest` reads the cluster's API schema at plan time, so even
 * `terraform plan` needs a reachable cluster (and CRDs installed). Where that cannot be had,
 * apply `dist/<environment>.k8s.yaml` with kubectl instead.
 */
export class ChartManifests extends Construct {
  /** The sensitive variables created for passwords, by `<secret>/<key>`. */
  public readonly passwordVariables: Record<string, TerraformVariable> = {};
  /** Every resource created here, for others to depend on. */
  public readonly resources: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: ChartManifestsProps) {
    super(scope, id);
    // The chart may hold Terraform tokens (a variable's value, an identity's client ID): rendered
    // here, they resolve; their values are checked by the gate below before anything is applied.
    const objects = renderForTerraform(props.chart, () => props.chart.toJson() as KubeObjectJson[]).filter(props.include ?? (() => true));
    const checks = deployTimeChecksOf(props.chart);
    const gate = checks.length ? [deployTimeChecks(this, 'DeployTimeChecks', checks)] : [];
    const first = [...props.dependsOn ?? [], ...gate];
    const namespaces: ITerraformDependable[] = [...first, ...objects
      .filter((o) => o.kind === 'Namespace')
      .map((o) => new Manifest(this, `Namespace-${o.metadata.name}`, { manifest: o, dependsOn: first }))];

    const secrets: ITerraformDependable[] = props.secrets === false ? [] : this.secrets(props, namespaces);
    const others = objects.filter((x) => x.kind !== 'Namespace').map((o) =>
      new Manifest(this, `${o.kind}-${o.metadata.namespace ?? 'cluster'}-${o.metadata.name}`, { manifest: o, dependsOn: [...namespaces, ...secrets], lifecycle: props.lifecycle?.(o) }));
    this.resources.push(...gate, ...namespaces.slice(first.length), ...secrets, ...others);
  }

  private secrets(props: ChartManifestsProps, dependsOn: ITerraformDependable[]): ITerraformDependable[] {
    const revision = new TerraformVariable(this, 'secrets_revision', {
      type: 'number',
      default: 1,
      description: 'Raise after changing a password variable: Secret data is write-only and is sent again only when this changes',
    });
    revision.overrideLogicalId('secrets_revision');
    return RequiredSecrets.collect(props.chart).map((secret) => {
      const data = Object.fromEntries(Object.entries(secret.keys).map(([key, content]) => {
        if ('value' in content) return [key, content.value];
        const ref = `${secret.name}/${key}`;
        return [key, props.passwords?.[ref] ?? this.passwordVariable(ref)];
      }));
      return new SecretV1(this, `Secret-${secret.namespace}-${secret.name}`, {
        metadata: { name: secret.name, namespace: secret.namespace, labels: { ...MANAGED_BY_LABEL, ...secret.labels } },
        type: secret.type ?? 'Opaque',
        dataWo: data,
        dataWoRevision: revision.numberValue,
        dependsOn,
      });
    });
  }

  private passwordVariable(ref: string): string {
    const [secret, key] = ref.split('/');
    const name = `${secret}__${key}`.replace(/[^A-Za-z0-9_]/g, '_');
    const variable = new TerraformVariable(this, name, {
      type: 'string',
      sensitive: true,
      description: `Password for key ${key} of Secret ${secret}`,
      validation: [{ condition: `\${length(var.${name}) >= 16}`, errorMessage: 'Use a password of at least 16 characters.' }],
    });
    // Users set it by this name (TF_VAR_<name> or a .tfvars file), so it must not carry a path hash.
    variable.overrideLogicalId(name);
    this.passwordVariables[ref] = variable;
    return variable.stringValue;
  }
}
