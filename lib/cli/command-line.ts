import { spawnSync } from 'child_process';

/**
 * The `--name <value>` and `--name=<value>` options of a command line, in order; `fail` gets the
 * reason of an unknown argument or a missing value and throws. Arguments that are not options go
 * to `positional` when given, and are unknown otherwise; `flags` take no value (read as 'true').
 */
export function readOptions(args: readonly string[], names: readonly string[], fail: (reason: string) => never, positional?: (arg: string) => void, flags: readonly string[] = []): Array<[name: string, value: string]> {
  const options: Array<[string, string]> = [];
  for (let i = 0; i < args.length; i++) {
    if (positional && !args[i].startsWith('-')) {
      positional(args[i]);
      continue;
    }
    if (args[i].startsWith('--') && flags.includes(args[i].slice(2))) {
      options.push([args[i].slice(2), 'true']);
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(args[i]);
    if (!match || !names.includes(match[1])) fail(`unexpected argument '${args[i]}'`);
    const value = match[2] ?? args[++i];
    // `--target --overwrite` gives --target no value, not one named '--overwrite'
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) fail(`--${match[1]} needs a value`);
    options.push([match[1], value]);
  }
  return options;
}

/** The commit `ref` names in the git repository at `cwd`, or undefined (a ref starting with '-' would be read as an option of git). */
export function commitOf(cwd: string, ref: string): string | undefined {
  if (ref.startsWith('-')) return undefined;
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
