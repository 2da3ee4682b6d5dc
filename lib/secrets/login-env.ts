import { EnvVar } from '../private/k8s';
import { Login } from './login';

/** An environment variable carrying the login name: from the Secret when it carries it, else the plain name. */
export function usernameEnv(login: Login, name: string): EnvVar {
  return login.password.usernameKey === undefined
    ? { name, value: login.name }
    : { name, valueFrom: { secretKeyRef: { name: login.password.name, key: login.password.usernameKey } } };
}

/** An environment variable carrying the password, always by reference. */
export function passwordEnv(login: Login, name: string): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: login.password.name, key: login.password.key } } };
}
