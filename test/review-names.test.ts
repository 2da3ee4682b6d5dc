import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT } from './support/manifests';

// The review recognises objects by names and labels the constructs write. Each such name is one
// constant (lib/private/rendered-names.ts, PLAN_FILE, CONTENT_NAMED_JOB_LABEL) that both sides
// import, so the review's rules hold no copy that a rename in a construct would leave behind.
const reviewFiles = (readdirSync(join(REPO_ROOT, 'lib', 'review'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts')).map((f) => ({ file: f, text: readFileSync(join(REPO_ROOT, 'lib', 'review', f), 'utf8') }));

test.each([
  ["the schema Job's component", /'schema-init'/, "labels['app.kubernetes.io/component'] === 'schema-init'"],
  ['the plan file', /'plan\.tsv'/, "o.data?.['plan.tsv']"],
  ["the backup's retention variables", /'RETENTION_(DAYS|COUNT)'/, "e?.name === 'RETENTION_DAYS'"],
  ['the verifier switch', /'KEEP_ROLE_VERIFIERS'/, "env(c, 'KEEP_ROLE_VERIFIERS')"],
  ['the server container', /name === 'postgres'/, "c?.name === 'postgres'"],
  ["the upgraded server's suffix", /-pg\\d|-pg\$\{/, 'new RegExp(`^${name}-pg\\d+$`)'],
  ['the content-named Job label', /'cdk8s-postgres\.io\/job'/, "labels?.['cdk8s-postgres.io/job']"],
])('the review spells %s only through the constant', (_what, literal, copy) => {
  expect(literal.test(copy)).toBe(true); // the check finds a copy written the way the rules once did
  expect(reviewFiles.filter(({ text }) => literal.test(text)).map(({ file }) => file)).toEqual([]);
});
