import { spawn } from 'child_process';
import { join } from 'path';
import { RUN_ROOT_ENV } from './run-root-env';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runRoot = require('./run-root') as { createRunRoot(owner: number): string; orphanedRoots(): string[]; removeRunRoot(root: string, owner: number): void };

/** Where the global teardown finds the reaper to end. */
export const REAPER_PID = 'CDK8S_POSTGRES_TEST_REAPER';

/**
 * Jest's global setup: one folder for everything the run writes (see run-root.js), made the
 * temporary folder of every worker and every program the tests start (TMPDIR, which Jest's
 * workers inherit), and a reaper that removes it with every server and process of the run
 * however the run ends. Roots left by runs that were killed outright are removed first.
 */
export default function globalSetup(): void {
  for (const orphan of runRoot.orphanedRoots()) runRoot.removeRunRoot(orphan, Number.NaN);
  const root = runRoot.createRunRoot(process.pid);
  process.env.TMPDIR = root;
  process.env[RUN_ROOT_ENV] = root;
  const reaper = spawn(process.execPath, [join(__dirname, 'run-root.js'), String(process.pid), root], { detached: true, stdio: 'ignore' });
  reaper.unref();
  process.env[REAPER_PID] = String(reaper.pid);
}
