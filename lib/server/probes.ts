import { Probe } from '../private/k8s';
import { defined, number, object, optional } from '../checks/props-shape';
import { fail } from '../private/validation';

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

const INT32_MAX = 2147483647;
/** The least value of each timing: the API server refuses negative values and replaces a 0 period, timeout or threshold with its own default. */
const MINIMUM: Required<ProbeTiming> = { initialDelaySeconds: 0, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 };

/**
 * Fails unless each timing is a whole number the API server keeps as written (int32; at least 1,
 * initialDelaySeconds at least 0). Types and keys are checked by the props shape before this. A
 * timeout longer than the period is allowed: the kubelet runs one check at a time, so the next
 * one simply waits.
 */
export function checkProbeTiming(owner: string, field: string, timing: ProbeTiming | undefined): void {
  for (const [key, value] of Object.entries(timing ?? {})) {
    const min = MINIMUM[key as keyof ProbeTiming];
    if (value === undefined || min === undefined) continue;
    if (!Number.isInteger(value) || value < min || value > INT32_MAX) {
      const zero = value === 0 ? '; the API server would replace 0 with its own default' : '';
      fail(owner, `${field}.${key}`, value, `must be a whole number of ${key === 'failureThreshold' ? 'failures' : 'seconds'} from ${min} to ${INT32_MAX}${zero}`);
    }
  }
}

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
