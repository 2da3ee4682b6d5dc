import { chmodSync, writeFileSync } from 'fs';
import { join } from 'path';

/** Writes `<bin>/<name>`, a sh program that appends `<name> <arguments>` to `log`, then runs `body`: a stand-in for a program a script calls. */
export function writeStandIn(bin: string, log: string, name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\nprintf '%s\\n' "${name} $*" >> "${log}"\n${body}`);
  chmodSync(join(bin, name), 0o755);
}
