import { RESTORE_SCRIPT } from '../lib/jobs/backup/scripts';
import { MAJOR_UPGRADE_SCRIPT } from '../lib/jobs/major-upgrade/script';
import { loadDist } from './support/manifests';
import { shellcheck } from './support/shellcheck';

/**
 * Every shell script the library emits, checked by shellcheck: the container commands and exec
 * hooks and probes of every pod in dist/, and RestoreJob's and MajorUpgradeJob's scripts (not part of any environment).
 */
const scripts = new Map<string, { shell: 'bash' | 'sh'; script: string }>();
const collect = (where: string, command: unknown) => {
  if (!Array.isArray(command) || command.length !== 3 || command[1] !== '-c') return;
  const shell = command[0].endsWith('bash') ? 'bash' : 'sh';
  const key = `${shell}:${command[2]}`;
  if (![...scripts.values()].some((s) => `${s.shell}:${s.script}` === key)) scripts.set(where, { shell, script: command[2] });
};
for (const [env, objects] of Object.entries(loadDist())) {
  for (const o of objects) {
    const pod = o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec;
    for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
      const where = `${env}: ${o.kind}/${o.metadata.name} ${c.name}`;
      collect(`${where} command`, c.command);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) collect(`${where} ${probe}`, c[probe]?.exec?.command);
      collect(`${where} preStop`, c.lifecycle?.preStop?.exec?.command);
    }
  }
}
scripts.set('RestoreJob', { shell: 'bash', script: RESTORE_SCRIPT });
scripts.set('MajorUpgradeJob', { shell: 'bash', script: MAJOR_UPGRADE_SCRIPT });

test('there are scripts of every kind to check: schema Job, backup, major guard, restore, major upgrade, probes and hooks', () => {
  const names = [...scripts.keys()].join('\n');
  for (const part of ['schema-init command', 'backup command', 'major-guard command', 'RestoreJob', 'MajorUpgradeJob', 'Probe', 'preStop']) expect(names).toContain(part);
});

test.each([...scripts.entries()])('shellcheck finds nothing in %s', (_where, { shell, script }) => {
  const result = shellcheck(shell, script);
  expect(result.error).toBeUndefined();
  expect(result.stdout).toBe('');
  expect(result.status).toBe(0);
});
