import { backupSuite } from './suites/backup-restore';

// pg_dump 15, the machine's client, dumps servers up to 15 (see backup-restore.pg16.test.ts).
backupSuite(15);
