import { Finding } from '../../lib/review';
import { reviewExitStatus } from '../../lib/review/report';
import { CorpusEdit } from './edits';

/** The risks the docs/reviewing.md's merge check fails on. */
export const README_FAIL_ON = ['refused', 'data-loss', 'security'] as const;

/** What the review got wrong over `corpus`: each list names the edits. */
export interface Tally {
  /** Routine edits the docs/reviewing.md's merge check fails. */
  readonly falseAlarms: string[];
  /** Weakenings with no `security` finding. */
  readonly missed: string[];
  /** Disruptive edits whose findings are all `safe`. */
  readonly unsaid: string[];
}

export function tally(corpus: readonly CorpusEdit[], findingsOf: (edit: CorpusEdit) => readonly Finding[]): Tally {
  const names = (kind: CorpusEdit['kind'], wrong: (findings: readonly Finding[]) => boolean) => corpus.filter((e) => e.kind === kind && wrong(findingsOf(e))).map((e) => e.name);
  return {
    falseAlarms: names('routine', (findings) => reviewExitStatus(findings, README_FAIL_ON) === 1),
    missed: names('weakening', (findings) => reviewExitStatus(findings, ['security']) === 0),
    unsaid: names('disruptive', (findings) => findings.every((f) => f.risk === 'safe')),
  };
}
