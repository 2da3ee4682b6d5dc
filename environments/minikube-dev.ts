import { EnvironmentDescription } from '../lib';

/** Seed 001's five service databases and the logins that own them; prod-operator renders the same list. */
export const MICROSERVICE_DATABASES = [
  { name: 'userdb', owner: 'userservice' },
  { name: 'paymentdb', owner: 'paymentservice' },
  { name: 'settlementdb', owner: 'settlementservice' },
  { name: 'partnerdb', owner: 'partnerservice' },
  { name: 'accountingdb', owner: 'accountingservice' },
];

/**
 * minikube-dev: seed 000's Mini DBaaS metadata database (CSI hostpath storage, reached with
 * `kubectl port-forward … 5434:5432`) and seed 001's dev database for five microservices.
 */
export const minikubeDev: EnvironmentDescription = {
  name: 'minikube-dev',
  summary: 'Mini DBaaS metadata database and the microservices dev database on minikube',
  servers: [
    {
      id: 'dbaas-metadata',
      namespace: 'dbaas-dbaas-metadata',
      superuser: { secretName: 'dbaas-metadata-postgresql-local', passwordKey: 'postgres-password' },
      databases: [{ name: 'dbaas_metadata', owner: 'postgres' }],
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
      users: MICROSERVICE_DATABASES.map((db) => ({
        name: db.owner,
        password: { name: 'postgres-secret', key: `${db.owner}-password` },
      })),
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
