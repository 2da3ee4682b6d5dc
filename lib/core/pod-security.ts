import { PodSecurityContext, Quantity, SecurityContext, Volume, VolumeMount } from '../private/k8s';

/** uid and gid of the `postgres` user in the official images. */
export const POSTGRES_UID = 999;

/**
 * Pod-level settings of the Pod Security Standards "restricted" profile. fsGroup makes mounted
 * volumes writable for the server; OnRootMismatch skips the recursive chown on every restart.
 */
export function restrictedPodSecurityContext(uid: number = POSTGRES_UID): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level settings of "restricted", plus a read-only root filesystem. */
export function restrictedContainerSecurityContext(uid: number = POSTGRES_UID): SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** A writable scratch directory on a read-only root filesystem. */
export interface ScratchDirectory {
  /** Volume name. */
  readonly name: string;
  /** Where it is mounted. */
  readonly mountPath: string;
  /** Backed by memory (for /dev/shm). */
  readonly memory?: boolean;
  /** Upper bound, as a quantity. */
  readonly sizeLimit?: string;
}

/** Volumes and mounts for scratch directories. */
export function scratchVolumes(dirs: readonly ScratchDirectory[]): { volumes: Volume[]; mounts: VolumeMount[] } {
  return {
    volumes: dirs.map((d) => ({
      name: d.name,
      emptyDir: {
        ...(d.memory ? { medium: 'Memory' } : {}),
        ...(d.sizeLimit ? { sizeLimit: Quantity.fromString(d.sizeLimit) } : {}),
      },
    })),
    mounts: dirs.map((d) => ({ name: d.name, mountPath: d.mountPath })),
  };
}

