import { everyMajorSuites } from './suites/every-major';
import { tlsSuite } from './suites/tls';

// The real-server suites on PostgreSQL 14, one server each, one after the other; Jest runs the
// majors' files side by side. Backups: backup-restore.pg14.test.ts.
const MAJOR = 14;
everyMajorSuites(MAJOR);
// TLS as the environment that deploys this major has it.
tlsSuite(MAJOR, 'aks-phonebill-dev');
