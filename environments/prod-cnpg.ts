import { DatabaseUser, EnvironmentDescription } from '../lib';
import { MICROSERVICE_USERS, MICROSERVICES_SERVER } from './databases';

/** The cluster's name, which its login Secrets and Services start with. */
const CLUSTER = 'postgres-cluster';

/**
 * prod-cnpg: prod-operator's databases and logins (seed 001's five services) on a CloudNativePG
 * cluster: a primary and two replicas with automatic failover, 50Gi each. The operator makes each
 * login (a DatabaseRole) with the password of a basic-auth Secret of its own, which it reads as
 * `username` and `password`: the logins are seed 001's, their Secrets the shape the operator needs.
 * Backups leave the cluster: WAL and nightly base backups to S3, kept 7 days.
 */
const users: DatabaseUser[] = MICROSERVICE_USERS.map((user) => ({
  ...user,
  password: { name: `${CLUSTER}-${user.name}`, key: 'password', usernameKey: 'username' },
}));

export const prodCnpg: EnvironmentDescription = {
  name: 'prod-cnpg',
  summary: 'Microservices databases on a highly available CloudNativePG cluster',
  // The CA ClusterIssuer of docs/tls.md signs the server's certificate, as in prod-operator.
  certManager: { issuer: { name: 'cdk8s-postgres-ca' } },
  servers: [
    {
      ...MICROSERVICES_SERVER,
      users,
      name: CLUSTER,
      majorVersion: 17,
      instances: 3,
      storage: { size: '50Gi' },
      resources: { cpuRequest: '500m', memoryRequest: '2Gi', memoryLimit: '4Gi' },
      // prod-operator's alerts and dashboard, on the metrics the operator's instance manager exports (no login of ours).
      monitoring: {},
      backend: {
        kind: 'cloudnativepg',
        // The operator's release manifest installs it in cnpg-system; only its pod (and the instances) reach port 8000.
        network: { operatorNamespace: 'cnpg-system', operatorPodLabels: { 'app.kubernetes.io/name': 'cloudnative-pg' } },
        // WAL archived continuously and a base backup every night to S3, through the Barman Cloud plugin, with the
        // cluster's ServiceAccount's IAM role (IRSA): no key anywhere. Seed 001 keeps backups 7 days: any point of
        // the last 7 days can be recovered into a new cluster (docs/environments.md, "prod-cnpg").
        backup: {
          objectStore: { destinationPath: 's3://microservices-backups/prod-cnpg', identity: { awsRoleArn: 'arn:aws:iam::123456789012:role/prod-cnpg-backups' } },
          schedule: '0 0 2 * * *',
          retention: '7d',
        },
        // As prod-operator's: two PgBouncer pods in transaction mode (Service postgres-cluster-pooler-rw).
        pooler: { instances: 2, mode: 'transaction' },
      },
    },
  ],
};
