import { spawnSync, SpawnSyncOptions } from 'child_process';

/** A command to time: program and arguments, with the options it runs with. */
export interface Command {
  readonly program: string;
  readonly args: readonly string[];
  readonly options?: SpawnSyncOptions;
  /** Runs before each timed run, untimed (emptying an output folder, say). */
  readonly before?: () => void;
  /** Exit statuses that count as success. @default [0] */
  readonly okStatuses?: readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs the command once; its wall seconds and what it printed. Fails naming the command when it fails. */
export function timed(command: Command): { seconds: number; stdout: string } {
  command.before?.();
  const started = process.hrtime.bigint();
  const result = spawnSync(command.program, command.args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...command.options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!(command.okStatuses ?? [0]).includes(result.status ?? Number.NaN)) throw new Error(`${command.program} ${command.args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return { seconds, stdout: String(result.stdout) };
}

/** A figure's median over `runs` runs after one warm-up run. */
export function medianOf<T>(runs: number, measure: () => T, value: (sample: T) => number): number {
  measure();
  return median(Array.from({ length: runs }, () => value(measure())));
}

/**
 * Two commands in turn, A B A B …, after one warm-up run of each: the median of each and the
 * median of the ratios A/B pair by pair, so that a drift of the machine's speed cancels out.
 */
export function paired(a: Command, b: Command, runs: number): { a: number; b: number; ratio: number } {
  timed(a);
  timed(b);
  const pairs = Array.from({ length: runs }, () => [timed(a).seconds, timed(b).seconds]);
  return { a: median(pairs.map(([x]) => x)), b: median(pairs.map(([, y]) => y)), ratio: median(pairs.map(([x, y]) => x / y)) };
}

/** The JSON line a consumer script prints last. */
export function lastJson<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}
