import { findingsBetween, Rendered } from '../lib/review/both-paths';
import { Finding } from '../lib/review';
import { CORPUS, CorpusEdit } from '../test/review-corpus/edits';
import { tally } from '../test/review-corpus/tally';

// `node -r ./scripts/register-ts.js bench/review-corpus.ts`: one JSON line with the corpus's
// counts and the milliseconds to render both sides of every edit and to review them.
const started = process.hrtime.bigint();
const sides = new Map<CorpusEdit, [Rendered, Rendered]>(CORPUS.map((e) => [e, [e.before(), e.after()]]));
const rendered = process.hrtime.bigint();
const findings = new Map<CorpusEdit, Finding[]>(CORPUS.map((e) => [e, findingsBetween(...sides.get(e)!)]));
const reviewed = process.hrtime.bigint();
const count = (kind: CorpusEdit['kind']) => CORPUS.filter((e) => e.kind === kind).length;
process.stdout.write(`${JSON.stringify({
  edits: CORPUS.length, routine: count('routine'), weakening: count('weakening'), disruptive: count('disruptive'),
  ...tally(CORPUS, (e) => findings.get(e)!),
  renderMs: Number(rendered - started) / 1e6, reviewMs: Number(reviewed - rendered) / 1e6,
})}\n`);
