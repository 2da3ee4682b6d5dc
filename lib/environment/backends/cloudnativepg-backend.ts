import { CloudNativePgCluster } from '../../cloudnativepg/cloudnativepg-cluster';
import { cnpgInstancePods } from '../../network/cnpg-policies';
import { CloudNativePgBackend } from '../environment-description';
import { ServerBackendType } from './server-backend';

/**
 * `kind: 'cloudnativepg'`: a CloudNativePgCluster. The operator makes the logins (a DatabaseRole
 * each, with the password of the login's basic-auth Secret) and the databases; the schema Job
 * adds what it cannot do. Its pods meet the restricted profile (the operator sets their security
 * context: non-root, no privilege escalation, every capability dropped, RuntimeDefault seccomp).
 */
export const CLOUDNATIVEPG_BACKEND: ServerBackendType<CloudNativePgBackend> = {
  logins: 'existing',
  podSecurity: 'restricted',
  backupLoginRefusal: "needs the StatefulSet backend: the CloudNativePG backend's backups are not this library's pg_dump CronJob",
  clientNamespaces: (backend) => backend.network?.clientNamespaces ?? [],
  childIds: () => [],
  render(scope, { server, backend, props, users }, rendered) {
    const { kind, ...own } = backend;
    const cluster = new CloudNativePgCluster(scope, server.id, { ...props, ...own, databases: server.databases, users });
    rendered.cloudNativePgClusters[server.id] = cluster;
    const { connection } = cluster;
    return {
      connection,
      monitored: cluster,
      endpoint: { name: cluster.name, namespace: cluster.namespace, clientLabel: connection.clientLabel, targets: [{ podLabels: cnpgInstancePods(cluster.name), port: connection.port }] },
      schemaJobUsers: (all) => all,
    };
  },
};
