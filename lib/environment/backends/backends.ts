import { ServerBackend } from '../environment-description';
import { CLOUDNATIVEPG_BACKEND } from './cloudnativepg-backend';
import { ServerBackendType } from './server-backend';
import { STATEFUL_SET_BACKEND } from './stateful-set-backend';
import { ZALANDO_BACKEND } from './zalando-backend';

/** Every backend a server's description may name, by `backend.kind`. */
const BACKENDS: { readonly [K in ServerBackend['kind']]: ServerBackendType<Extract<ServerBackend, { kind: K }>> } = {
  statefulSet: STATEFUL_SET_BACKEND,
  zalando: ZALANDO_BACKEND,
  cloudnativepg: CLOUDNATIVEPG_BACKEND,
};

/** The backend type of a server's backend description. */
export function backendOf<B extends ServerBackend>(backend: B): ServerBackendType<B> {
  return BACKENDS[backend.kind] as unknown as ServerBackendType<B>;
}
