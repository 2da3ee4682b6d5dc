import { EnvironmentDescription } from '../lib';
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
export declare function awsEfs(efs?: AwsEfsConfig): EnvironmentDescription;
