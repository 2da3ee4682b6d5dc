import { EnvironmentDescription } from '../lib';
import { MICROSERVICES_SERVER } from './databases';

/**
 * prod-operator (seed 001, production): the five service databases of minikube-dev, now on a
 * Zalando postgres-operator cluster: a primary and two replicas with automatic failover, 50Gi
 * each, PgBouncer, nightly logical backups and postgres-exporter metrics. Every TCP login comes
 * over TLS with a scram-sha-256 verifier, which the operator stores for every login it manages
 * (ZalandoCluster).
 */
export const prodOperator: EnvironmentDescription = {
  name: 'prod-operator',
  summary: 'Microservices databases on a highly available Zalando operator cluster',
  // cert-manager is installed with a CA ClusterIssuer of this name (README: "TLS"); it signs each server's certificate.
  certManager: { issuer: { name: 'cdk8s-postgres-ca' } },
  servers: [
    {
      // minikube-dev's server, promoted: the same databases and logins, seed 001's production sizes, the operator as backend.
      ...MICROSERVICES_SERVER,
      name: 'postgres-cluster',
      majorVersion: 17,
      instances: 3,
      storage: { size: '50Gi' },
      resources: { cpuRequest: '500m', memoryRequest: '2Gi', memoryLimit: '4Gi' },
      // The operator creates the exporter's login and writes its password to its own Secret; the schema Job makes it a pg_monitor member.
      monitoring: { login: { name: 'postgres_exporter', password: { name: 'postgres-exporter.postgres-cluster.credentials.postgresql.acid.zalan.do', key: 'password' } } },
      backend: {
        kind: 'zalando',
        teamId: 'postgres',
        connectionPooler: { instances: 2, mode: 'transaction' },
        logicalBackup: { schedule: '0 2 * * *', retentionDays: 7 },
        // Seed 001 installs the operator with its manifests: namespace default, pod label name: postgres-operator.
        // Only those pods (and the cluster's own) reach Patroni's unauthenticated API on 8008; whoever may create
        // pods in default can pass for the operator (README "Network").
        network: { operatorNamespace: 'default', operatorPodLabels: { name: 'postgres-operator' } },
      },
    },
  ],
};
