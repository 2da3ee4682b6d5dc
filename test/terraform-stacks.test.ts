import { Testing } from 'cdktf';
import { AksPhonebillDevStack } from '../apps/stacks/aks-phonebill-dev';
import { OPERATOR_INSTALL, ProdOperatorStack } from '../apps/stacks/prod-operator';
import { SolidCloudStack } from '../apps/stacks/solid-cloud';
import { allocatable, AKS_VM_SIZES, chooseNodeSize, demandOf } from '../lib/terraform/aks-node-size';
import { loadDist, only } from './support/manifests';
import { passwordLiteralLines } from './support/password-scan';

const kinds = (json: any) => Object.values<any>(json.resource.kubernetes_manifest ?? {}).map((m) => `${m.manifest.kind}/${m.manifest.metadata.name}`).sort();
const distKinds = (env: string) => loadDist()[env].map((o) => `${o.kind}/${o.metadata.name}`).sort();

describe('stack aks-phonebill-dev', () => {
  const stack = new AksPhonebillDevStack(Testing.app(), 'aks-phonebill-dev');
  const text = Testing.synth(stack);
  const json = JSON.parse(text);

  test('resource group phonebill-dev-rg', () => {
    expect(Testing.toHaveResourceWithProperties(text, 'azurerm_resource_group', { name: 'phonebill-dev-rg' })).toBe(true);
  });

  test('AKS cluster phonebill-dev-aks: managed identity, RBAC, a network policy engine, one system pool', () => {
    expect(Testing.toHaveResourceWithProperties(text, 'azurerm_kubernetes_cluster', {
      name: 'phonebill-dev-aks',
      identity: { type: 'SystemAssigned' },
      role_based_access_control_enabled: true,
      network_profile: { network_plugin: 'azure', network_policy: 'azure' },
      default_node_pool: { name: 'system', node_count: 1, vm_size: stack.nodeSize.name },
    })).toBe(true);
  });

  test('the node holds the environment\'s pods and AKS\'s add-ons', () => {
    const demand = demandOf(loadDist()['aks-phonebill-dev']);
    // The server, its major guard and its exporter, the schema Job, the backup Job's dump and upload steps (init and main containers counted together, as an upper bound).
    expect(demand.cpu).toBeCloseTo(0.5 + 0.01 + 0.01 + 0.05 + 0.05 + 0.05, 5);
    expect(demand.largestMemoryLimitGiB).toBe(2 + (32 + 128) / 1024);
    const node = allocatable(stack.nodeSize);
    expect(node.cpu).toBeGreaterThanOrEqual(demand.cpu + 0.6);
    expect(node.memoryGiB).toBeGreaterThanOrEqual(demand.largestMemoryLimitGiB + 1.2);
  });

  test('backups go to a private container in a TLS-only account with soft delete', () => {
    expect(Testing.toHaveResourceWithProperties(text, 'azurerm_storage_account', {
      min_tls_version: 'TLS1_2', https_traffic_only_enabled: true, allow_nested_items_to_be_public: false,
      blob_properties: { delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } },
    })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(text, 'azurerm_storage_container', { container_access_type: 'private' })).toBe(true);
  });

  describe('the backup upload identity (workload identity, no key)', () => {
    const only1 = (type: string) => {
      const all = Object.entries<any>(json.resource[type] ?? {});
      expect(all).toHaveLength(1);
      return { id: all[0][0], ...all[0][1] };
    };

    test('a user-assigned managed identity in phonebill-dev-rg', () => {
      expect(only1('azurerm_user_assigned_identity')).toMatchObject({ name: 'phonebill-dev-backup-upload', resource_group_name: expect.stringMatching(/azurerm_resource_group\.\w+\.name/) });
    });

    test("a federated credential trusting only the backup ServiceAccount, on the cluster's OIDC issuer, for Entra ID's token exchange", () => {
      const identity = only1('azurerm_user_assigned_identity');
      const credential = only1('azurerm_federated_identity_credential');
      expect(credential.subject).toBe('system:serviceaccount:phonebill-dev:postgresql-product-change-backup');
      expect(credential.issuer).toMatch(/^\$\{azurerm_kubernetes_cluster\.\w+\.oidc_issuer_url\}$/);
      expect(credential.audience).toEqual(['api://AzureADTokenExchange']);
      expect(credential.parent_id).toBe(`\${azurerm_user_assigned_identity.${identity.id}.id}`);
      // The subject names the ServiceAccount the backup pods run as.
      const pod = only(loadDist()['aks-phonebill-dev'], 'CronJob', 'postgresql-product-change-backup').spec.jobTemplate.spec.template;
      expect(`system:serviceaccount:phonebill-dev:${pod.spec.serviceAccountName}`).toBe(credential.subject);
    });

    test('Storage Blob Data Contributor on the backup container only, for that identity', () => {
      const identity = only1('azurerm_user_assigned_identity');
      const account = only1('azurerm_storage_account');
      const container = only1('azurerm_storage_container');
      const roles = Object.entries<any>(json.resource.azurerm_role_assignment).filter(([, r]) => r.principal_id === `\${azurerm_user_assigned_identity.${identity.id}.principal_id}`);
      expect(roles).toHaveLength(1);
      const role = roles[0][1];
      expect(role.role_definition_name).toBe('Storage Blob Data Contributor');
      expect(role.principal_id).toBe(`\${azurerm_user_assigned_identity.${identity.id}.principal_id}`);
      expect(role.principal_type).toBe('ServicePrincipal');
      expect(role.scope).toBe(`\${azurerm_storage_account.${account.id}.id}/blobServices/default/containers/\${azurerm_storage_container.${container.id}.name}`);
      expect(container.name).toBe('postgresql-backups');
    });

    test('the deployed ServiceAccount carries the client ID, the upload the stack\'s account; the output tells kubectl users', () => {
      const identity = only1('azurerm_user_assigned_identity');
      const manifests = Object.values<any>(json.resource.kubernetes_manifest).map((m) => m.manifest);
      const account = manifests.find((m) => m.kind === 'ServiceAccount' && m.metadata.name === 'postgresql-product-change-backup');
      expect(account.metadata.annotations).toEqual({ 'azure.workload.identity/client-id': `\${azurerm_user_assigned_identity.${identity.id}.client_id}` });
      const upload = manifests.find((m) => m.kind === 'CronJob' && m.metadata.name === 'postgresql-product-change-backup').spec.jobTemplate.spec.template.spec.containers[0];
      expect(upload.env).toContainEqual({ name: 'BLOB_ENDPOINT', value: 'https://${var.backup_storage_account_name}.blob.core.windows.net' });
      expect(json.output.backup_upload_client_id.value).toBe(`\${azurerm_user_assigned_identity.${identity.id}.client_id}`);
      expect(json.output.backup_upload_client_id.description).toContain('kubectl annotate serviceaccount -n phonebill-dev postgresql-product-change-backup azure.workload.identity/client-id=');
    });
  });

  test('the kubernetes provider reaches the cluster\'s API server with an Entra ID token, no client key (details in terraform-aks.test.ts)', () => {
    const provider = json.provider.kubernetes[0];
    expect(provider.host).toMatch(/azurerm_kubernetes_cluster\.\w+\.kube_config\[0\]\.host/);
    expect(provider.exec[0].command).toBe('kubelogin');
    expect(provider).not.toHaveProperty('client_key');
  });

  test('deploys the namespace and every manifest of dist/aks-phonebill-dev.k8s.yaml', () => {
    expect(kinds(json)).toEqual(distKinds('aks-phonebill-dev'));
  });

  test('Secret postgresql-product-change-secret from a sensitive variable, with the login name', () => {
    const secret = Object.values<any>(json.resource.kubernetes_secret_v1).find((s) => s.metadata.name === 'postgresql-product-change-secret');
    expect(secret.data_wo).toEqual({ password: '${var.postgresql_product_change_secret__password}', username: 'product_change_app' });
    expect(json.variable.postgresql_product_change_secret__password).toMatchObject({ sensitive: true });
  });

  test('no password literal', () => {
    expect(passwordLiteralLines(JSON.stringify(json, null, 1))).toEqual([]);
  });

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('stack solid-cloud', () => {
  const json = JSON.parse(Testing.synth(new SolidCloudStack(Testing.app(), 'solid-cloud')));

  test('the kubernetes provider reads the kubeconfig path from a variable', () => {
    expect(json.provider.kubernetes[0].config_path).toBe('${var.kubeconfig_path}');
    expect(json.variable.kubeconfig_path).not.toHaveProperty('default');
  });

  test("the seed's modules: kubernetes (namespace), network (NetworkPolicy), database (the rest)", () => {
    const byModule: Record<string, string[]> = {};
    for (const [id, m] of Object.entries<any>(json.resource.kubernetes_manifest)) {
      const module = id.split('_')[0];
      (byModule[module] ??= []).push(m.manifest.kind);
    }
    expect(byModule.Kubernetes).toEqual(['Namespace']);
    expect(byModule.Network).toEqual(distKinds('solid-cloud').filter((k) => k.startsWith('NetworkPolicy/')).map(() => 'NetworkPolicy'));
    expect(byModule.Database).not.toContain('Namespace');
    expect(kinds(json)).toEqual(distKinds('solid-cloud'));
  });

  test('Secret postgres-credentials (POSTGRES_USER, POSTGRES_PASSWORD) from a sensitive variable', () => {
    const secret = Object.values<any>(json.resource.kubernetes_secret_v1).find((s) => s.metadata.name === 'postgres-credentials');
    expect(secret.data_wo).toEqual({ POSTGRES_PASSWORD: '${var.postgres_credentials__POSTGRES_PASSWORD}', POSTGRES_USER: 'titanium' });
    expect(json.variable.postgres_credentials__POSTGRES_PASSWORD).toMatchObject({ sensitive: true });
  });

  test('no password literal', () => {
    expect(passwordLiteralLines(JSON.stringify(json, null, 1))).toEqual([]);
  });

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('stack prod-operator', () => {
  const json = JSON.parse(Testing.synth(new ProdOperatorStack(Testing.app(), 'prod-operator')));
  const manifests = Object.values<any>(json.resource.kubernetes_manifest);

  test('the namespace and the cluster, with everything beside it', () => {
    expect(kinds(json)).toEqual(distKinds('prod-operator'));
    expect(manifests.find((m) => m.manifest.kind === 'postgresql').manifest.metadata).toMatchObject({ name: 'postgres-cluster', namespace: 'microservices' });
  });

  test('without the operator the plan stops with the command that installs it', () => {
    const cluster = manifests.find((m) => m.manifest.kind === 'postgresql');
    expect(cluster.lifecycle.precondition[0].condition).toBe('${length(data.kubernetes_resources.OperatorCrd.objects) > 0}');
    expect(cluster.lifecycle.precondition[0].error_message).toContain(OPERATOR_INSTALL);
    expect(Object.values<any>(json.data.kubernetes_resources)[0]).toMatchObject({ kind: 'CustomResourceDefinition', field_selector: 'metadata.name=postgresqls.acid.zalan.do' });
  });

  test('creates no Secret: the operator makes the credentials', () => {
    expect(json.resource.kubernetes_secret_v1).toBeUndefined();
    expect(passwordLiteralLines(JSON.stringify(json, null, 1))).toEqual([]);
  });

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('AKS node sizing', () => {
  test('a small database fits the smallest size; a bigger one moves up', () => {
    expect(chooseNodeSize({ cpu: 0.6, memoryGiB: 1.2, largestMemoryLimitGiB: 2 }).name).toBe('Standard_B2s');
    expect(chooseNodeSize({ cpu: 0.6, memoryGiB: 4, largestMemoryLimitGiB: 4 }).name).toBe('Standard_D2s_v5');
    expect(chooseNodeSize({ cpu: 3, memoryGiB: 8, largestMemoryLimitGiB: 8 }).name).toBe('Standard_D4s_v5');
    expect(() => chooseNodeSize({ cpu: 64, memoryGiB: 1, largestMemoryLimitGiB: 1 })).toThrow('no AKS node size holds 64.60 CPU');
  });

  test('allocatable is below the VM size', () => {
    for (const size of AKS_VM_SIZES) {
      expect(allocatable(size).cpu).toBeLessThan(size.vcpus);
      expect(allocatable(size).memoryGiB).toBeLessThan(size.memoryGiB);
    }
  });
});
