import { EnvVar, PodTemplateSpec, Quantity, Volume, VolumeMount } from '../private/k8s';
import { object, optional, string } from '../checks/props-shape';
import { clientCaVolume } from '../core/client-tls';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, scratchVolumes } from '../core/pod-security';
import { PostgresServerConnection } from '../core/server-connection';
import { passwordEnv, usernameEnv } from '../secrets/login-env';
import { checkRequestsAndLimits } from '../private/quantity';
import { checkInteger, fail } from '../private/validation';

/** CPU and memory of a Job container. */
export interface JobResources {
  /**
   * CPU the scheduler reserves.
   * @default '50m'
   */
  readonly cpuRequest?: string;
  /**
   * Memory the scheduler reserves.
   * @default '64Mi'
   */
  readonly memoryRequest?: string;
  /**
   * Memory ceiling.
   * @default '256Mi'
   */
  readonly memoryLimit?: string;
}

/** Runtime description of {@link JobResources}. */
export const JOB_RESOURCES_SHAPE = object<JobResources>({
  cpuRequest: optional(string()),
  memoryRequest: optional(string()),
  memoryLimit: optional(string()),
}, { name: 'JobResources' });

/** How long a Job waits for its server, may run in all, and is kept once finished. */
export interface JobTiming {
  readonly waitSeconds: number;
  readonly activeDeadlineSeconds: number;
  readonly ttlSecondsAfterFinished: number;
}

/** The timing a Job was given, with its defaults (a 300 s wait) applied and checked. */
export function jobTiming(owner: string, given: Partial<JobTiming>, defaults: Omit<JobTiming, 'waitSeconds'>): JobTiming {
  const timing = {
    waitSeconds: given.waitSeconds ?? 300,
    activeDeadlineSeconds: given.activeDeadlineSeconds ?? defaults.activeDeadlineSeconds,
    ttlSecondsAfterFinished: given.ttlSecondsAfterFinished ?? defaults.ttlSecondsAfterFinished,
  };
  checkInteger(owner, 'waitSeconds', timing.waitSeconds, 1);
  checkInteger(owner, 'activeDeadlineSeconds', timing.activeDeadlineSeconds, 1);
  if (timing.activeDeadlineSeconds <= timing.waitSeconds) {
    fail(owner, 'activeDeadlineSeconds', timing.activeDeadlineSeconds, `must exceed waitSeconds (${timing.waitSeconds}), or the Job is killed before it gives up waiting`);
  }
  checkInteger(owner, 'ttlSecondsAfterFinished', timing.ttlSecondsAfterFinished, 0);
  return timing;
}

/** What a Job's container gets unless told otherwise. */
const JOB_RESOURCE_DEFAULTS: Required<JobResources> = { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/** Resources with defaults applied and quantities checked. */
export function jobResources(owner: string, resources: JobResources | undefined, defaults: Required<JobResources> = JOB_RESOURCE_DEFAULTS): Required<JobResources> {
  const r = {
    cpuRequest: resources?.cpuRequest ?? defaults.cpuRequest,
    memoryRequest: resources?.memoryRequest ?? defaults.memoryRequest,
    memoryLimit: resources?.memoryLimit ?? defaults.memoryLimit,
  };
  checkRequestsAndLimits(owner, r);
  return r;
}

/** A bash script run as a client of the server. */
export interface ClientPodOptions {
  readonly server: PostgresServerConnection;
  readonly containerName: string;
  readonly image: string;
  readonly script: string;
  /** Labels of the pod (the server's client label is added). */
  readonly labels: Record<string, string>;
  /**
   * Annotations of the pod.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /** Environment after the libpq connection variables. */
  readonly env: EnvVar[];
  readonly volumes: Volume[];
  readonly volumeMounts: VolumeMount[];
  readonly resources: Required<JobResources>;
}

/**
 * The pod of every Job the library runs against a server: the server's image, the restricted
 * security baseline, a writable /tmp, the client label, and libpq's environment (PGHOST, PGPORT,
 * PGDATABASE, PGUSER, PGPASSWORD from the superuser's Secret; with TLS, PGSSLMODE verify-full
 * and PGSSLROOTCERT, the CA certificate mounted alone).
 */
export function clientPodTemplate(options: ClientPodOptions): PodTemplateSpec {
  const { server } = options;
  const scratch = scratchVolumes([{ name: 'tmp', mountPath: '/tmp', sizeLimit: '64Mi' }]);
  const ca = server.tls ? clientCaVolume(server.tls) : undefined;
  return {
    metadata: {
      labels: { ...options.labels, [server.clientLabel.key]: server.clientLabel.value },
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: restrictedPodSecurityContext(),
      containers: [{
        name: options.containerName,
        image: options.image,
        imagePullPolicy: 'IfNotPresent',
        command: ['/bin/bash', '-c', options.script],
        env: [
          { name: 'PGHOST', value: server.serviceName },
          { name: 'PGPORT', value: String(server.port) },
          { name: 'PGDATABASE', value: server.databaseName },
          usernameEnv(server.superuser, 'PGUSER'),
          passwordEnv(server.superuser, 'PGPASSWORD'),
          { name: 'PGCONNECT_TIMEOUT', value: '10' },
          { name: 'PGAPPNAME', value: `cdk8s-postgres-${options.containerName}` },
          // Idempotent statements say "already exists, skipping"; only warnings and errors matter.
          { name: 'PGOPTIONS', value: '-c client_min_messages=warning' },
          ...(ca ? [{ name: 'PGSSLMODE', value: 'verify-full' }, { name: 'PGSSLROOTCERT', value: ca.file }] : []),
          ...options.env,
        ],
        resources: {
          requests: { cpu: Quantity.fromString(options.resources.cpuRequest), memory: Quantity.fromString(options.resources.memoryRequest) },
          limits: { memory: Quantity.fromString(options.resources.memoryLimit) },
        },
        securityContext: restrictedContainerSecurityContext(),
        volumeMounts: [...options.volumeMounts, ...(ca ? [ca.mount] : []), ...scratch.mounts],
      }],
      volumes: [...options.volumes, ...(ca ? [ca.volume] : []), ...scratch.volumes],
    },
  };
}
