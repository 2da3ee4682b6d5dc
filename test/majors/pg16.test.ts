import { everyMajorSuites } from './suites/every-major';

// The real-server suites on PostgreSQL 16, one server each, one after the other; Jest runs the
// majors' files side by side. Backups: backup-restore.pg16.test.ts.
const MAJOR = 16;
everyMajorSuites(MAJOR);
