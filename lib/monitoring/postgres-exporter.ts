import { Container, IntOrString, Quantity, VolumeMount } from '../private/k8s';
import { Login } from '../secrets/login';
import { passwordEnv, usernameEnv } from '../secrets/login-env';
import { restrictedContainerSecurityContext } from '../core/pod-security';

/** postgres-exporter, pinned. */
export const EXPORTER_IMAGE = 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1';
/** The exporter's port. */
export const EXPORTER_PORT = 9187;
/** uid of `nobody`, which the exporter image runs as. */
const NOBODY = 65534;

/**
 * The exporter as a sidecar: it reaches the server on its Unix socket, in the socket directory
 * the two containers share (`socketMount`, read-only), as a least-privilege monitoring login
 * (member of pg_monitor) with scram-sha-256; it runs as nobody under the restricted profile with a
 * read-only root filesystem, and also collects pg_stat_statements for the slowest-statements panel.
 * The socket never leaves the pod, so it needs neither TLS nor the server's certificate, and the
 * server's TCP port can demand TLS of everyone.
 */
export function exporterContainer(login: Login, socketMount: VolumeMount, image: string = EXPORTER_IMAGE): Container {
  const probe = { httpGet: { path: '/', port: IntOrString.fromString('metrics') }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 };
  return {
    name: 'postgres-exporter',
    image,
    imagePullPolicy: 'IfNotPresent',
    args: ['--collector.stat_statements'],
    env: [
      // The exporter prefixes 'postgresql://<user>:<password>@'; an empty host with host=<directory> is libpq's Unix socket.
      { name: 'DATA_SOURCE_URI', value: `/postgres?host=${socketMount.mountPath}&sslmode=disable` },
      usernameEnv(login, 'DATA_SOURCE_USER'),
      passwordEnv(login, 'DATA_SOURCE_PASS'),
    ],
    ports: [{ name: 'metrics', containerPort: EXPORTER_PORT, protocol: 'TCP' }],
    resources: {
      requests: { cpu: Quantity.fromString('10m'), memory: Quantity.fromString('32Mi') },
      limits: { memory: Quantity.fromString('128Mi') },
    },
    securityContext: restrictedContainerSecurityContext(NOBODY),
    volumeMounts: [{ ...socketMount, readOnly: true }],
    livenessProbe: { ...probe, failureThreshold: 6 },
    readinessProbe: probe,
  };
}
