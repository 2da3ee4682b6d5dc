import { RUN_ROOT_ENV } from './support/run-root-env';
import { typeCheck } from './support/type-check';

/**
 * Jest transpiles without checking types (swc): this is the one place the suite fails on a type
 * error. The check itself started with the run (see support/type-check.ts) and runs beside the
 * other test files.
 */
test('the repository type-checks (tsc over lib, apps, environments, scripts, bench and test)', async () => {
  const { status, output } = await typeCheck(process.env[RUN_ROOT_ENV]!);
  expect(output).toBe('');
  expect(status).toBe(0);
}, 200000);
