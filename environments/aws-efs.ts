import { EnvironmentDescription } from '../lib';
import config from './aws-efs.config.json';
import { EFS_DATABASES, EFS_USERS } from './databases';

/** Where the EFS file system and access point of seed 003 are, and who may log in. */
export interface AwsEfsConfig {
  readonly fileSystemId: string;
  readonly accessPointId: string;
  /** Address ranges (the cluster's pod network) that may log in with scram-sha-256. */
  readonly clientCidrs: string[];
}

/**
 * aws-efs (seed 003): PostgreSQL whose data lives on EFS, so it survives the loss of an
 * availability zone; the access point owns the data directory as the postgres user. The seed's
 * test_table carries change history, and only members of the manager role may change it.
 */
export function awsEfs(efs: AwsEfsConfig = config): EnvironmentDescription {
  return {
    name: 'aws-efs',
    summary: 'PostgreSQL on Amazon EFS with change history and a manager role',
    // cert-manager is installed with a CA ClusterIssuer of this name (README: "TLS"); it signs each server's certificate.
    certManager: { issuer: { name: 'cdk8s-postgres-ca' } },
    servers: [
      {
        id: 'postgres',
        namespace: 'default',
        name: 'postgres',
        databases: EFS_DATABASES,
        users: EFS_USERS,
        backend: {
          kind: 'statefulSet',
          superuser: { name: 'postgres', password: { name: 'postgres-superuser', key: 'password' } },
          efs: {
            fileSystemId: efs.fileSystemId,
            accessPointId: efs.accessPointId,
            storageClassName: 'efs-sc',
            persistentVolumeName: 'postgres-pv',
            claimName: 'postgres-pvc',
          },
          configMapName: 'postgres-cm',
          // The seed's pg_hba let every address in; here only the cluster's range, with scram-sha-256.
          clientCidrs: efs.clientCidrs,
        },
      },
    ],
  };
}
