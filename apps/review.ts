import { join } from 'path';
import { renderJson, renderMarkdown, reviewExitStatus } from '../lib/review/report';
import { parseReviewArgs, ReviewError } from './review/args';
import { cleanUp, reviewChange } from './review/run';

/**
 * `npm run --silent review -- --base <git-ref> [--format markdown|json]`: what the working tree's
 * change to every environment's manifests and Terraform stacks does to the running databases,
 * compared with the base. Exits 1 when a finding is `refused` or `data-loss`, 2 when the review
 * cannot run, else 0.
 */
async function main(): Promise<number> {
  const request = parseReviewArgs(process.argv.slice(2));
  const findings = await reviewChange(join(__dirname, '..'), request.base);
  process.stdout.write(request.format === 'json' ? renderJson(findings) : renderMarkdown(findings, { base: request.base }));
  return reviewExitStatus(findings);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal]);
  });
}

main().then((status) => {
  process.exitCode = status;
}, (error: unknown) => {
  const cause = error instanceof ReviewError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`review could not run: ${cause}\n`);
  process.exitCode = 2;
});
