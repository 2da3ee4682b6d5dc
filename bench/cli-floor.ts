import { mkdirSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * Projects whose apps do only what each CLI needs to finish without an error: the cdk8s app makes
 * its output folder, the cdktf app writes a manifest without stacks. Timed through the CLIs, they
 * are the floor of `npx cdk8s synth` and `npx cdktf synth` on the machine at hand: the CLI's own
 * work, which no app can take away. Each project links `node_modules` of `root`, where the CLIs
 * are installed.
 */
export function cliFloorProjects(work: string, root: string): { cdk8s: string; cdktf: string } {
  const project = (name: string, files: Record<string, string>) => {
    const dir = join(work, name);
    mkdirSync(dir);
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    return dir;
  };
  return {
    cdk8s: project('cdk8s-floor', {
      'cdk8s.yaml': 'language: typescript\napp: node app.js\noutput: dist\n',
      'app.js': "require('fs').mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });\n",
    }),
    cdktf: project('cdktf-floor', {
      'cdktf.json': JSON.stringify({ language: 'typescript', app: 'node app.js', projectId: 'cdktf-floor', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }),
      'app.js': [
        "const { mkdirSync, writeFileSync } = require('fs');",
        "const { join } = require('path');",
        'const outdir = process.env.CDKTF_OUTDIR;',
        'mkdirSync(outdir, { recursive: true });',
        "writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ version: require('cdktf/package.json').version, stacks: {} }));",
        '',
      ].join('\n'),
    }),
  };
}
