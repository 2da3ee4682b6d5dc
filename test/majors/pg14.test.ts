import { hostileNameSuite } from './suites/hostile-names';
import { minikubeDevSuite } from './suites/minikube-dev';
import { passwordSecrecySuite } from './suites/password-secrecy';
import { permissionSuite } from './suites/permissions';
import { seedSuite } from './suites/seeds';
import { serverConfigSuite } from './suites/server-config';
import { tlsSuite } from './suites/tls';

// The real-server suites on PostgreSQL 14, one server each, one after the other; Jest runs the
// majors' files side by side. Backups: backup-restore.pg14.test.ts.
const MAJOR = 14;
permissionSuite(MAJOR);
hostileNameSuite(MAJOR);
seedSuite(MAJOR);
minikubeDevSuite(MAJOR);
serverConfigSuite(MAJOR);
// TLS as the environment that deploys this major has it.
tlsSuite(MAJOR, 'aks-phonebill-dev');
passwordSecrecySuite(MAJOR);
