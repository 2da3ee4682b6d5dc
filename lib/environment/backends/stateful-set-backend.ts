import { EfsVolume } from '../../storage/efs-volume';
import { PostgresStatefulSet, PostgresStatefulSetProps } from '../../server/postgres-stateful-set';
import { PostgresMajorUpgrade } from '../../upgrades/postgres-major-upgrade';
import { StatefulSetBackend } from '../environment-description';
import { ServerBackendType } from './server-backend';

/** `kind: 'statefulSet'`: a PostgresStatefulSet, or both servers of a declared major upgrade. */
export const STATEFUL_SET_BACKEND: ServerBackendType<StatefulSetBackend> = {
  logins: 'create',
  podSecurity: 'restricted',
  clientNamespaces: (backend) => backend.clientNamespaces ?? [],
  childIds: (backend) => (backend.efs ? [['efs', 'its EFS volume']] : []),
  render(scope, { server, backend, props: shared }, rendered) {
    const { kind, efs, upgrade, ...own } = backend;
    const dataVolume = efs ? EfsVolume.fromFileSystemId(scope, `${server.id}-efs`, { ...efs, namespace: server.namespace }) : undefined;
    const props: PostgresStatefulSetProps = { ...shared, ...own, dataVolume };
    const upgrading = upgrade ? new PostgresMajorUpgrade(scope, server.id, { ...upgrade, server: props }) : undefined;
    const serving = upgrading ? upgrading.serving : new PostgresStatefulSet(scope, server.id, props);
    if (upgrading) rendered.upgrades[server.id] = upgrading;
    rendered.servers[server.id] = serving;
    // The clients reach whichever server serves: both StatefulSets of an upgrade.
    const statefulSets = upgrading ? [...upgrading.previous ? [upgrading.previous] : [], upgrading.upgraded] : [serving];
    return {
      connection: serving,
      monitored: serving,
      declaredName: upgrading?.name,
      endpoint: { name: upgrading?.name ?? serving.name, namespace: serving.namespace, clientLabel: serving.clientLabel, targets: statefulSets.map((pods) => ({ podLabels: pods.selectorLabels, port: pods.port })) },
      schemaJobUsers: (users) => users,
    };
  },
};
