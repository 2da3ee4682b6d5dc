import { backupSuiteOrLimit } from './suites/backup-restore';

// Backups on majors the machine's pg_dump can dump (15 on Debian bookworm: 14 and 15); on newer
// majors the test shows pg_dump's refusal instead.
backupSuiteOrLimit(15);
