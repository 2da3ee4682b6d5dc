import { EnvironmentDescription } from '../lib';
import { PRODUCT_CHANGE_DATABASES, PRODUCT_CHANGE_USERS } from './databases';

/** The storage account (its default name in the stack) and container the dumps are copied to. */
export const BACKUP_STORAGE_ACCOUNT = 'phonebilldevbackups';
export const BACKUP_CONTAINER = 'postgresql-backups';

/** Seed 004's labels on every object of the product-change database. */
const SEED_LABELS = { app: 'postgresql-product-change', service: 'product-change', tier: 'database' };

/**
 * aks-phonebill-dev (seed 004): the Product-Change service's development database on AKS,
 * PostgreSQL 14 with the seed's sizes, probes, settings, schema Job and nightly backup.
 */
export const aksPhonebillDev: EnvironmentDescription = {
  name: 'aks-phonebill-dev',
  summary: 'Product-Change development database on AKS (phonebill-dev-aks)',
  // The seed turns fsync, synchronous_commit and full_page_writes off for speed (§12.1); that
  // is only allowed because this environment declares itself a disposable development database.
  disposable: true,
  // cert-manager is installed with a CA ClusterIssuer of this name (README: "TLS"); it signs each server's certificate.
  certManager: { issuer: { name: 'cdk8s-postgres-ca' } },
  servers: [
    {
      id: 'product-change',
      namespace: 'phonebill-dev',
      name: 'postgresql-product-change',
      majorVersion: 14,
      labels: SEED_LABELS,
      storage: { size: '20Gi', storageClassName: 'managed-standard' },
      resources: { cpuRequest: '500m', cpuLimit: '1000m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
      databases: PRODUCT_CHANGE_DATABASES,
      users: PRODUCT_CHANGE_USERS,
      // Seed 004 §8: the exporter, the §8.1 alerts (default thresholds) and a dashboard.
      monitoring: { login: { name: 'postgres_exporter', password: { name: 'postgresql-product-change-logins', key: 'exporter-password' } } },
      schemaInit: {
        jobName: 'postgresql-product-change-schema-init',
        configMapName: 'postgresql-product-change-schema',
        labels: { app: 'postgresql-product-change', 'job-type': 'schema-init' },
      },
      backup: {
        name: 'postgresql-product-change-backup',
        labels: { app: 'postgresql-product-change', 'job-type': 'backup' },
        schedule: '0 2 * * *',
        databases: ['product_change_db'],
        retention: { days: 7 },
        storage: { name: 'postgresql-product-change-backup-pvc', size: '10Gi', storageClassName: 'managed-standard' },
        // Dumps run as a read-only login (pg_read_all_data), not the superuser.
        login: { name: 'product_change_backup', password: { name: 'postgresql-product-change-logins', key: 'backup-password' } },
        // §7.1: each verified dump is copied to the stack's storage account with workload identity. The
        // client ID is the stack's backup_upload_client_id output: Terraform sets it; kubectl users annotate.
        upload: { accountName: BACKUP_STORAGE_ACCOUNT, containerName: BACKUP_CONTAINER },
      },
      backend: {
        kind: 'statefulSet',
        superuser: { name: 'postgres', password: { name: 'postgresql-product-change-superuser', key: 'password' } },
        configMapName: 'postgresql-product-change-config',
        database: 'product_change_db',
        livenessProbe: { initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 },
        readinessProbe: { initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 3 },
      },
      parameters: {
        // §4.1
        max_connections: 100,
        shared_buffers: '256MB',
        effective_cache_size: '1GB',
        work_mem: '4MB',
        maintenance_work_mem: '64MB',
        checkpoint_completion_target: 0.7,
        wal_buffers: '16MB',
        default_statistics_target: 100,
        // §4.2
        log_destination: 'stderr',
        logging_collector: true,
        log_directory: 'log',
        log_filename: 'postgresql-%Y-%m-%d_%H%M%S.log',
        log_min_duration_statement: 1000,
        log_checkpoints: true,
        log_connections: true,
        log_disconnections: true,
        // §12.1, disposable development database only
        fsync: false,
        synchronous_commit: false,
        full_page_writes: false,
        timezone: 'UTC',
        log_timezone: 'UTC',
      },
    },
  ],
};
