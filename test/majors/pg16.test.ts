import { hostileNameSuite } from './suites/hostile-names';
import { minikubeDevSuite } from './suites/minikube-dev';
import { passwordSecrecySuite } from './suites/password-secrecy';
import { permissionSuite } from './suites/permissions';
import { seedSuite } from './suites/seeds';
import { serverConfigSuite } from './suites/server-config';

// The real-server suites on PostgreSQL 16, one server each, one after the other; Jest runs the
// majors' files side by side. Backups: backup-restore.pg16.test.ts.
const MAJOR = 16;
permissionSuite(MAJOR);
hostileNameSuite(MAJOR);
seedSuite(MAJOR);
minikubeDevSuite(MAJOR);
serverConfigSuite(MAJOR);
passwordSecrecySuite(MAJOR);
