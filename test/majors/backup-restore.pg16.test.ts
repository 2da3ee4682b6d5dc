import { backupLimitSuite } from './suites/backup-restore';

// pg_dump 15, the machine's client, refuses 16 and later: this file shows that limit.
backupLimitSuite(16);
