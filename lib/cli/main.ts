#!/usr/bin/env node
/**
 * `npx cdk8s-postgres <command>`: the library's commands for the repositories that import it.
 * `review` compares synthesized output folders (see review-command.ts).
 */
import { REVIEW_USAGE, ReviewCommandError, runReview } from './review-command';

const [command, ...args] = process.argv.slice(2);
if (command !== 'review') {
  process.stderr.write(`${command === undefined ? 'no command' : `unknown command '${command}'`}; ${REVIEW_USAGE}\n`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = runReview(args, process.cwd(), (text) => process.stdout.write(text));
  } catch (error) {
    if (!(error instanceof ReviewCommandError)) throw error;
    process.stderr.write(`review could not run: ${error.message}\n`);
    process.exitCode = 2;
  }
}
