import { existsSync } from 'fs';
import { setTimeout as delay } from 'timers/promises';
import { REAPER_PID } from './global-setup';
import { RUN_ROOT_ENV } from './run-root-env';

/** Jest's global teardown: the reaper removes the run's folder, servers and processes now, and the run waits for it. */
export default async function globalTeardown(): Promise<void> {
  const reaper = Number(process.env[REAPER_PID]);
  const root = process.env[RUN_ROOT_ENV];
  if (!Number.isInteger(reaper) || !root) return;
  process.kill(reaper, 'SIGTERM');
  for (let waited = 0; waited < 10000 && existsSync(root); waited += 20) await delay(20);
}
