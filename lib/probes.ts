import { Probe } from 'cdk8s-plus-27/lib/imports/k8s';
import { defined, number, object, optional } from './checks/props-shape';

/** Timings of a probe; any field left out keeps the probe's default. */
export interface ProbeTiming {
  /**
   * Seconds after the container starts before the first check.
   * @default - per probe: 0 for startup, liveness and readiness (the startup probe holds the others back)
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between checks.
   * @default - per probe: startup 10, liveness 10, readiness 5
   */
  readonly periodSeconds?: number;
  /**
   * Seconds a check may take.
   * @default - per probe: startup 5, liveness 5, readiness 3
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the probe fails.
   * @default - per probe: startup 60 (ten minutes for initdb and crash recovery), liveness 6, readiness 3
   */
  readonly failureThreshold?: number;
}

/** Runtime description of {@link ProbeTiming}. */
export const PROBE_TIMING_SHAPE = object<ProbeTiming>({
  initialDelaySeconds: optional(number()),
  periodSeconds: optional(number()),
  timeoutSeconds: optional(number()),
  failureThreshold: optional(number()),
}, { name: 'ProbeTiming' });

export const STARTUP_DEFAULTS: Required<ProbeTiming> = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 60 };
export const LIVENESS_DEFAULTS: Required<ProbeTiming> = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 };
export const READINESS_DEFAULTS: Required<ProbeTiming> = { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 };

/**
 * `pg_isready` over TCP on the loopback address: it succeeds only once the server accepts
 * network connections, which the image's initdb phase (socket only) never does.
 */
export function pgIsReadyProbe(timing: ProbeTiming | undefined, defaults: Required<ProbeTiming>): Probe {
  return {
    exec: { command: ['/bin/sh', '-c', 'exec pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB" -h 127.0.0.1 -p 5432'] },
    ...defaults,
    ...defined(timing),
  };
}
