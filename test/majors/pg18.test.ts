import { everyMajorSuites } from './suites/every-major';
import { permissionSuite } from './suites/permissions';

// The real-server suites on PostgreSQL 18, one server each, one after the other; Jest runs the
// majors' files side by side. Backups: backup-restore.pg18.test.ts.
const MAJOR = 18;
everyMajorSuites(MAJOR);

// The permission matrix again with CloudNativePG's logins (the major after prod-cnpg's).
permissionSuite(MAJOR, 'cloudnativepg');
