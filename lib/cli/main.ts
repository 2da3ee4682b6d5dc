#!/usr/bin/env node
/**
 * `npx cdk8s-postgres <command>`: the library's commands for the repositories that import it.
 * `review` compares synthesized output folders (see review-command.ts); `grow` prints the script
 * that grows a server's data volumes (see grow-command.ts); `secrets` the Secrets an app needs (see secrets-command.ts).
 */
import { readFileSync } from 'fs';
import { GROW_COMMAND_USAGE, runGrowCommand } from './grow-command';
import { REVIEW_USAGE, ReviewCommandError, runReview } from './review-command';
import { runSecretsCommand, SECRETS_COMMAND_USAGE } from './secrets-command';

const [command, ...args] = process.argv.slice(2);
if (command === 'review') {
  try {
    process.exitCode = runReview(args, process.cwd(), (text) => process.stdout.write(text));
  } catch (error) {
    if (!(error instanceof ReviewCommandError)) throw error;
    process.stderr.write(`review could not run: ${error.message}\n`);
    process.exitCode = 2;
  }
} else if (command === 'grow' || command === 'secrets') {
  const result = command === 'grow' ? runGrowCommand(args) : runSecretsCommand(args, process.cwd(), () => readFileSync(0, 'utf8'));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.status;
} else {
  process.stderr.write(`${command === undefined ? 'no command' : `unknown command '${command}'`}; one of:\n  ${REVIEW_USAGE}\n  ${GROW_COMMAND_USAGE}\n  ${SECRETS_COMMAND_USAGE}\n`);
  process.exitCode = 2;
}
