import { spawnSync, SpawnSyncReturns } from 'child_process';

// The same script often sits in many objects (a Job's in every environment that has it):
// shellcheck reads each distinct script once per test file; every caller still asserts on it.
const verdicts = new Map<string, SpawnSyncReturns<string>>();

/** shellcheck's verdict on `script` read as `shell`, at every severity (style and up). */
export function shellcheck(shell: 'sh' | 'bash', script: string): SpawnSyncReturns<string> {
  const key = `${shell}\0${script}`;
  let verdict = verdicts.get(key);
  if (!verdict) verdicts.set(key, verdict = spawnSync('shellcheck', ['--shell', shell, '--severity', 'style', '-'], { input: script, encoding: 'utf8' }));
  return verdict;
}
