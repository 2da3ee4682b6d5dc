import { roleNameProblem } from '../sql/reserved-names';
import { checkDnsSubdomain, checkSecretKey, fail } from '../private/validation';
import { Login, SecretKeyReference } from './login';

/** Fails when the login's name is one PostgreSQL refuses or the Secret's name or keys are malformed. */
export function checkLogin(owner: string, field: string, login: Login): void {
  const problem = roleNameProblem(login.name);
  if (problem) fail(owner, `${field}.name`, login.name, problem);
  checkSecretKeyReference(owner, `${field}.password`, login.password);
}

/** Fails when the Secret's name or a key is malformed. */
export function checkSecretKeyReference(owner: string, field: string, reference: SecretKeyReference): void {
  checkDnsSubdomain(owner, `${field}.name`, reference.name);
  checkSecretKey(owner, `${field}.key`, reference.key);
  if (reference.usernameKey !== undefined) checkSecretKey(owner, `${field}.usernameKey`, reference.usernameKey);
}
