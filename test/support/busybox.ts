import { execFileSync } from 'child_process';
import { chmodSync, mkdtempSync, symlinkSync } from 'fs';
import { join } from 'path';

/**
 * A folder of BusyBox applets (symlinks to the machine's busybox), to put first on PATH as an
 * Alpine image has them; readable by every user (the servers run as user postgres).
 */
export function busyboxApplets(parent: string, applets: readonly string[]): string {
  const busybox = execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(parent, 'busybox-'));
  chmodSync(dir, 0o755);
  for (const applet of applets) symlinkSync(busybox, join(dir, applet));
  return dir;
}
