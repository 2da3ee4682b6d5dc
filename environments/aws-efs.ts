import { EnvironmentDescription } from '../lib';
import config from './aws-efs.config.json';
import { EFS_DATABASES, EFS_USERS } from './databases';

/** Where the EFS file system and access point of seed 003 are, and who may log in. */
export interface AwsEfsConfig {
  readonly fileSystemId: string;
  readonly accessPointId: string;
  /** Address ranges (the cluster's pod network) that may log in with scram-sha-256. */
  readonly clientCidrs: string[];
  /** AWS region of the cluster and the backup bucket. */
  readonly region: string;
  /** The S3 bucket every verified dump is copied to (stack aws-efs's output `backup_bucket`). */
  readonly backupBucket: string;
}

/**
 * aws-efs (seed 003): PostgreSQL whose data lives on EFS, so it survives the loss of an
 * availability zone; the access point owns the data directory as the postgres user. The seed's
 * test_table carries change history, and only members of the manager role may change it.
 * Nightly dumps, as a read-only login, go to a claim and then to S3 under the backup pods' own
 * IAM role (EKS Pod Identity, associated by stack aws-efs): the seed kept no backup at all.
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
        backup: {
          schedule: '0 2 * * *',
          retention: { days: 7 },
          storage: { size: '10Gi' },
          login: { name: 'postgres_backup', password: { name: 'postgres-logins', key: 'backup-password' } },
          upload: { bucket: efs.backupBucket, region: efs.region },
        },
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
