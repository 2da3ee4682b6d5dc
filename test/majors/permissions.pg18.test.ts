import { permissionSuite } from './suites/permissions';

permissionSuite(18);
