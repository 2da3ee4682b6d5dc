import { EnvironmentDescription } from '../lib';
import { DBAAS_METADATA_DATABASES, MICROSERVICES_SERVER } from './databases';

/**
 * minikube-dev: seed 000's Mini DBaaS metadata database (CSI hostpath storage, reached with
 * `kubectl port-forward … 5434:5432`) and seed 001's dev database for five microservices.
 */
export const minikubeDev: EnvironmentDescription = {
  name: 'minikube-dev',
  summary: 'Mini DBaaS metadata database and the microservices dev database on minikube',
  // No cert-manager on minikube: `npm run secrets -- minikube-dev` prints a self-signed CA and each server's certificate.
  servers: [
    {
      id: 'dbaas-metadata',
      namespace: 'dbaas-dbaas-metadata',
      name: 'dbaas-metadata-postgresql-local',
      storage: { size: '1Gi', storageClassName: 'csi-hostpath-sc' },
      resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
      databases: DBAAS_METADATA_DATABASES,
      // Seed 000 keeps metadata backups for 30 days.
      backup: {
        schedule: '0 2 * * *',
        retention: { days: 30 },
        storage: { size: '1Gi', storageClassName: 'csi-hostpath-sc' },
        // Dumps run as a read-only login, not the superuser.
        login: { name: 'dbaas_metadata_backup', password: { name: 'dbaas-metadata-postgresql-local', key: 'backup-password' } },
      },
      backend: {
        kind: 'statefulSet',
        superuser: { name: 'postgres', password: { name: 'dbaas-metadata-postgresql-local', key: 'postgres-password' } },
        database: 'dbaas_metadata',
        portForwardLocalPort: 5434,
      },
    },
    {
      // The same server prod-operator runs on the Zalando operator: only sizes and the backend differ.
      ...MICROSERVICES_SERVER,
      name: 'postgresql',
      instances: 1,
      storage: { size: '5Gi' },
      resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
      // Seed 001 backs the dev server up with pg_dumpall: roles and all five databases in one file.
      // The backup login reads everything pg_dumpall needs (roles, memberships, settings, every table).
      backup: {
        schedule: '30 2 * * *',
        mode: 'cluster',
        retention: { days: 7 },
        storage: { size: '5Gi' },
        login: { name: 'microservices_backup', password: { name: 'postgres-secret', key: 'backup-password' } },
      },
      backend: {
        kind: 'statefulSet',
        superuser: { name: 'postgres', password: { name: 'postgres-secret', key: 'postgres-password' } },
        configMapName: 'postgres-config',
      },
    },
  ],
  volumeSnapshotClasses: [
    // minikube's volumesnapshots addon ships 'csi-hostpath-snapclass' (Delete); this one keeps snapshots.
    { id: 'csi-hostpath-retain', driver: 'hostpath.csi.k8s.io', deletionPolicy: 'Retain' },
  ],
};
