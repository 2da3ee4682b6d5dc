import { EnvironmentDescription } from '../lib';
import { TITANIUM_DATABASES, TITANIUM_USERS } from './databases';

/**
 * solid-cloud (seed 002): titanium's PostgreSQL, replacing the per-pod SQLite files of
 * user-service and blog-service with one server they reach over the network.
 */
export const solidCloud: EnvironmentDescription = {
  name: 'solid-cloud',
  summary: 'titanium (SQLite to PostgreSQL) on Solid Cloud',
  // cert-manager is installed with a CA ClusterIssuer of this name (README: "TLS"); it signs each server's certificate.
  certManager: { issuer: { name: 'cdk8s-postgres-ca' } },
  servers: [
    {
      id: 'titanium',
      namespace: 'titanium-prod',
      name: 'postgresql',
      storage: { size: '10Gi', storageClassName: 'local-path' },
      databases: TITANIUM_DATABASES,
      // Secret postgres-credentials (POSTGRES_USER, POSTGRES_PASSWORD) is what the services read.
      users: TITANIUM_USERS,
      connectionConfigMap: { name: 'titanium-db-config', database: 'titanium', extra: { USE_POSTGRES: 'true' } },
      backend: {
        kind: 'statefulSet',
        superuser: { name: 'postgres', password: { name: 'postgresql-superuser', key: 'password' } },
        serviceName: 'postgresql-service',
        database: 'titanium',
      },
    },
  ],
};
