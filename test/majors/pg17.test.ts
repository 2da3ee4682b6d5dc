import { everyMajorSuites } from './suites/every-major';
import { permissionSuite } from './suites/permissions';
import { tlsSuite } from './suites/tls';

// The real-server suites on PostgreSQL 17, one server each, one after the other; Jest runs the
// majors' files side by side. Backups: backup-restore.pg17.test.ts.
const MAJOR = 17;
everyMajorSuites(MAJOR);
// TLS as the environment that deploys this major has it.
tlsSuite(MAJOR, 'solid-cloud');
// Without cert-manager: the self-signed pair of `npm run secrets -- minikube-dev`.
tlsSuite(MAJOR, 'minikube-dev', 'dbaas-metadata-postgresql-local');

// The permission matrix again with CloudNativePG's logins (prod-cnpg deploys 17).
permissionSuite(MAJOR, 'cloudnativepg');
