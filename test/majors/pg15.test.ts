import { everyMajorSuites } from './suites/every-major';

// The real-server suites on PostgreSQL 15, one server each, one after the other; Jest runs the
// majors' files side by side. Backups: backup-restore.pg15.test.ts.
const MAJOR = 15;
everyMajorSuites(MAJOR);
