import { Volume, VolumeMount } from '../private/k8s';
import { object, string } from '../checks/props-shape';

/** What a client needs to verify the server: the Secret and key holding the CA certificate. */
export interface ClientTls {
  /** Secret holding the CA certificate. */
  readonly caSecretName: string;
  /** Key of the CA certificate in that Secret. */
  readonly caKey: string;
}

/** Runtime description of {@link ClientTls}. */
export const CLIENT_TLS_SHAPE = object<ClientTls>({ caSecretName: string(), caKey: string() }, { name: 'ClientTls' });

/** Keys of a kubernetes.io/tls Secret, plus the CA. */
export const TLS_KEYS = { certificate: 'tls.crt', privateKey: 'tls.key', ca: 'ca.crt' } as const;
/** Where client pods find the CA certificate. */
export const CLIENT_CA_DIR = '/etc/postgresql-ca';

/** The CA certificate alone, for clients: never the server's key. */
export function clientCaVolume(tls: ClientTls, name = 'tls-ca', directory = CLIENT_CA_DIR): { volume: Volume; mount: VolumeMount; file: string } {
  return {
    volume: { name, secret: { secretName: tls.caSecretName, items: [{ key: tls.caKey, path: TLS_KEYS.ca }], defaultMode: 0o444 } },
    mount: { name, mountPath: directory, readOnly: true },
    file: `${directory}/${TLS_KEYS.ca}`,
  };
}
