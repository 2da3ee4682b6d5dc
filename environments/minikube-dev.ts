import { EnvironmentDescription } from '../lib';
import { DBAAS_METADATA_DATABASES, MICROSERVICE_DATABASES, MICROSERVICE_USERS } from './databases';

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
      superuser: { secretName: 'dbaas-metadata-postgresql-local', passwordKey: 'postgres-password' },
      databases: DBAAS_METADATA_DATABASES,
      // Seed 000 keeps metadata backups for 30 days.
      backup: {
        schedule: '0 2 * * *',
        retention: { days: 30 },
        storage: { size: '1Gi', storageClassName: 'csi-hostpath-sc' },
        // Dumps run as a read-only login, not the superuser.
        login: { name: 'dbaas_metadata_backup', password: { name: 'dbaas-metadata-postgresql-local', key: 'backup-password' } },
      },
      statefulSet: {
        name: 'dbaas-metadata-postgresql-local',
        database: 'dbaas_metadata',
        storage: { size: '1Gi', storageClassName: 'csi-hostpath-sc' },
        resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
        portForwardLocalPort: 5434,
      },
    },
    {
      id: 'microservices',
      namespace: 'microservices',
      superuser: { secretName: 'postgres-secret', passwordKey: 'postgres-password' },
      databases: MICROSERVICE_DATABASES,
      users: MICROSERVICE_USERS,
      // Seed 001 backs the dev server up with pg_dumpall: roles and all five databases in one file.
      // The backup login reads everything pg_dumpall needs (roles, memberships, settings, every table).
      backup: {
        schedule: '30 2 * * *',
        mode: 'cluster',
        retention: { days: 7 },
        storage: { size: '5Gi' },
        login: { name: 'microservices_backup', password: { name: 'postgres-secret', key: 'backup-password' } },
      },
      statefulSet: {
        name: 'postgresql',
        configMapName: 'postgres-config',
        replicas: 1,
        storage: { size: '5Gi' },
        resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
      },
    },
  ],
  volumeSnapshotClasses: [
    // minikube's volumesnapshots addon ships 'csi-hostpath-snapclass' (Delete); this one keeps snapshots.
    { id: 'csi-hostpath-retain', driver: 'hostpath.csi.k8s.io', deletionPolicy: 'Retain' },
  ],
};
