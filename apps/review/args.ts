import { readOptions } from '../../lib/cli/command-line';
/** Why the review could not run; the command prints `review could not run: <message>` and exits 2. */
export class ReviewError extends Error {}

export type ReviewFormat = 'markdown' | 'json';

/** What to review, from the command line. */
export interface ReviewRequest {
  /** The git ref the working tree is compared with. */
  readonly base: string;
  readonly format: ReviewFormat;
}

export const REVIEW_USAGE = 'usage: npm run --silent review -- --base <git-ref> [--format markdown|json]';

/** Parses `--base <ref> [--format markdown|json]` (also `--base=<ref>`, `--format=<format>`). */
export function parseReviewArgs(args: readonly string[]): ReviewRequest {
  const options = Object.fromEntries(readOptions(args, ['base', 'format'], (reason) => { throw new ReviewError(`${reason}; ${REVIEW_USAGE}`); }));
  if (options.base === undefined) throw new ReviewError(`--base is required; ${REVIEW_USAGE}`);
  const format = options.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new ReviewError(`unknown format '${format}' (markdown or json); ${REVIEW_USAGE}`);
  return { base: options.base, format };
}
