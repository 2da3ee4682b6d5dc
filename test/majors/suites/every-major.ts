import { hostileNameSuite } from './hostile-names';
import { minikubeDevSuite } from './minikube-dev';
import { passwordSecrecySuite } from './password-secrecy';
import { permissionSuite } from './permissions';
import { schemaFileRightsSuite } from './schema-file-rights';
import { seedSuite } from './seeds';
import { serverConfigSuite } from './server-config';

/**
 * The real-server suites every supported major runs (backups have their own files). A major's
 * file calls this, then adds what only the environments deploying that major need.
 */
export function everyMajorSuites(major: number): void {
  permissionSuite(major);
  schemaFileRightsSuite(major);
  hostileNameSuite(major);
  seedSuite(major);
  minikubeDevSuite(major);
  serverConfigSuite(major);
  passwordSecrecySuite(major);
}
