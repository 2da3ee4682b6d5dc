import { KubeObject, loadDist } from './support/manifests';
import { shellcheck } from './support/shellcheck';

/** Every `sh -c` / `bash -c` script in an object, with where it sits. */
function shellScripts(object: KubeObject): { at: string; shell: 'sh' | 'bash'; script: string }[] {
  const found: { at: string; shell: 'sh' | 'bash'; script: string }[] = [];
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      const [program, flag, script] = value;
      const shell = typeof program === 'string' ? /(?:^|\/)(bash|sh)$/.exec(program)?.[1] : undefined;
      if (shell && flag === '-c' && typeof script === 'string') found.push({ at, shell: shell as 'sh' | 'bash', script });
      value.forEach((item, i) => walk(item, `${at}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, `${at}.${key}`);
    }
  };
  walk(object, '');
  return found;
}

const scripts = Object.entries(loadDist()).flatMap(([environment, objects]) =>
  objects.flatMap((o) => shellScripts(o).map((s) => ({ ...s, target: `${environment}: ${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}${s.at}` }))));

test('the manifests hold shell scripts to check', () => {
  expect(scripts.length).toBeGreaterThanOrEqual(20);
  expect(scripts.some((s) => s.shell === 'bash')).toBe(true);
});

test.each(scripts.map((s) => [s.target, s] as const))('shellcheck finds nothing in %s', (_target, { shell, script }) => {
  const result = shellcheck(shell, script);
  expect(result.error).toBeUndefined();
  expect(result.stdout).toBe('');
  expect(result.status).toBe(0);
});
