import { readFileSync } from 'fs';
import { join } from 'path';
import { EFFECT_ORDER, Effects, Finding } from '../lib/review';
import { findingsBetween, Rendered } from '../lib/review/both-paths';
import { manifestObjectTargets } from '../lib/review/review-terraform';
import { CORPUS, CorpusEdit } from './review-corpus/edits';
import { README_FAIL_ON, tally } from './review-corpus/tally';
import { REPO_ROOT } from './support/manifests';

// Realistic pull requests across the five environments, both deploy paths, a consumer's chart and
// a consumer's AWS stack, each with the most it does on each axis. Routine edits must pass the
// docs/reviewing.md's merge check (--fail-on refused,data-loss,security); every weakening must be named.

/** The most each axis reaches over `findings` (access starts at 'same': nothing changed widens or narrows it). */
function mostOf(findings: readonly Finding[]): Effects {
  const top = <K extends keyof Effects>(axis: K, start: Effects[K]) => findings.reduce<Effects[K]>((most, f) =>
    ((EFFECT_ORDER[axis] as readonly string[]).indexOf(f[axis]) > (EFFECT_ORDER[axis] as readonly string[]).indexOf(most) ? f[axis] : most), start);
  return { applies: top('applies', 'in place'), data: top('data', 'kept'), access: top('access', 'same') };
}
const listed = (findings: readonly Finding[]) => findings.map((f) => `${f.risk} [${f.applies}, ${f.data}, ${f.access}] ${f.target} ${f.path}: ${f.message}`);

const reviewed = new Map<CorpusEdit, { after: Rendered; findings: Finding[] }>();
function review(edit: CorpusEdit) {
  if (!reviewed.has(edit)) {
    const after = edit.after();
    reviewed.set(edit, { after, findings: findingsBetween(edit.before(), after) });
  }
  return reviewed.get(edit)!;
}
const findingsOf = (edit: CorpusEdit) => review(edit).findings;

/** Findings about a `kubernetes_manifest` that say again what the manifest file's finding of the same object and field says. */
function saidTwice(edit: CorpusEdit): string[] {
  const { after, findings } = review(edit);
  const objectOf = manifestObjectTargets(after.stacks);
  const said = new Set(findings.map((f) => `${f.target} ${f.path} ${f.risk}`));
  return findings.filter((f) => objectOf.has(f.target) && said.has(`${objectOf.get(f.target)} ${f.path.replace(/^manifest\.?/, '')} ${f.risk}`)).map((f) => `${f.target} ${f.path}`);
}

test('the corpus covers every kind, path and environment, 60 edits or more', () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  expect(/(\d+) realistic pull requests/.exec(readFileSync(join(REPO_ROOT, 'docs', 'reviewing.md'), 'utf8'))?.[1]).toBe(String(CORPUS.length));
  expect(new Set(CORPUS.map((e) => e.name)).size).toBe(CORPUS.length);
  expect(new Set(CORPUS.map((e) => e.kind))).toEqual(new Set(['routine', 'weakening', 'disruptive']));
  expect(new Set(CORPUS.map((e) => e.path))).toEqual(new Set(['kubectl', 'terraform', 'both', 'consumer', 'aws']));
  for (const environment of ['minikube-dev', 'solid-cloud', 'aks-phonebill-dev', 'aws-efs', 'prod-operator']) {
    expect([environment, CORPUS.some((e) => e.name.startsWith(`${environment}`))]).toEqual([environment, true]);
  }
});

describe.each(['routine', 'weakening', 'disruptive'] as const)('%s edits', (kind) => {
  test.each(CORPUS.filter((e) => e.kind === kind).map((e) => [`${e.name} (${e.path})`, e] as const))('%s', (_name, edit) => {
    const findings = findingsOf(edit);
    expect(findings.length).toBeGreaterThan(0);
    expect({ effects: mostOf(findings), findings: listed(findings) }).toEqual({ effects: edit.expected, findings: listed(findings) });
    if (kind === 'routine') expect(listed(findings.filter((f) => README_FAIL_ON.includes(f.risk as never)))).toEqual([]);
    if (kind === 'weakening') expect(listed(findings.filter((f) => f.risk === 'security' && (f.access === 'wider' || f.data !== 'kept'))).length).toBeGreaterThan(0);
    // what is refused or loses data says how to carry the change out
    expect(findings.filter((f) => (f.risk === 'refused' || f.risk === 'data-loss') && f.steps.length === 0).map((f) => f.target)).toEqual([]);
    if (edit.path === 'both') expect(saidTwice(edit)).toEqual([]);
  });
});

test('no false alarm on a routine edit, no weakening missed, nothing disruptive called safe', () => {
  expect(tally(CORPUS, findingsOf)).toEqual({ falseAlarms: [], missed: [], unsaid: [] });
});
