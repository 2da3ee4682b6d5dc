"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.awsEfs = awsEfs;
const aws_efs_config_json_1 = __importDefault(require("./aws-efs.config.json"));
const databases_1 = require("./databases");
/**
 * aws-efs (seed 003): PostgreSQL whose data lives on EFS, so it survives the loss of an
 * availability zone; the access point owns the data directory as the postgres user. The seed's
 * test_table carries change history, and only members of the manager role may change it.
 */
function awsEfs(efs = aws_efs_config_json_1.default) {
    return {
        name: 'aws-efs',
        summary: 'PostgreSQL on Amazon EFS with change history and a manager role',
        servers: [
            {
                id: 'postgres',
                namespace: 'default',
                superuser: { secretName: 'postgres-superuser', passwordKey: 'password' },
                databases: databases_1.EFS_DATABASES,
                users: databases_1.EFS_USERS,
                efs: {
                    fileSystemId: efs.fileSystemId,
                    accessPointId: efs.accessPointId,
                    storageClassName: 'efs-sc',
                    persistentVolumeName: 'postgres-pv',
                    claimName: 'postgres-pvc',
                },
                statefulSet: {
                    name: 'postgres',
                    configMapName: 'postgres-cm',
                    // The seed's pg_hba let every address in; here only the cluster's range, with scram-sha-256.
                    clientCidrs: efs.clientCidrs,
                },
            },
        ],
    };
}
