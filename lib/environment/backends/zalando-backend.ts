import { poolerPods, spiloPods } from '../../network/zalando-policies';
import { ZalandoCluster } from '../../zalando/zalando-cluster';
import { ZalandoBackend } from '../environment-description';
import { ServerBackendType } from './server-backend';

/**
 * `kind: 'zalando'`: a ZalandoCluster. The operator owns logins, passwords and databases; the
 * schema Job adds what it cannot do. Its pods (Spilo) cannot meet the restricted profile: the
 * postgresql resource cannot set their security context.
 */
export const ZALANDO_BACKEND: ServerBackendType<ZalandoBackend> = {
  logins: 'existing',
  podSecurity: 'baseline',
  backupLoginRefusal: "needs the StatefulSet backend: the operator owns the Zalando cluster's logins",
  clientNamespaces: (backend) => backend.network?.clientNamespaces ?? [],
  childIds: () => [],
  render(scope, { server, backend, props, users }, rendered) {
    const { kind, ...own } = backend;
    const cluster = new ZalandoCluster(scope, server.id, { ...props, ...own, databases: server.databases, users });
    rendered.clusters[server.id] = cluster;
    const { connection } = cluster;
    return {
      connection,
      monitored: cluster,
      endpoint: {
        name: cluster.name,
        namespace: cluster.namespace,
        clientLabel: connection.clientLabel,
        targets: [{ podLabels: spiloPods(cluster.name), port: connection.port }, ...(cluster.poolerService ? [{ podLabels: poolerPods(cluster.name), port: connection.port }] : [])],
      },
      // The operator writes each login's password to a Secret of its own; schema files run with the owner's.
      schemaJobUsers: (all) => all.map((u) => ({ ...u, password: { name: cluster.credentialSecretName(u.name), key: 'password' } })),
    };
  },
};
