import { parseReviewArgs } from '../apps/review/args';
import { appScript, errorOf } from '../apps/review/synthesize';
import { environmentOfStack } from '../lib/review/review-terraform';
import { effectsOf, Finding } from '../lib/review/finding';
import { renderJson, renderMarkdown, reviewExitStatus } from '../lib/review/report';

const finding = (risk: Finding['risk'], target: string, extra: Partial<Finding> = {}): Finding =>
  ({ environment: 'minikube-dev', target, path: 'spec.x', risk, ...effectsOf(risk), message: `${risk} happens`, steps: [], ...extra });

const FINDINGS: Finding[] = [
  finding('safe', 'ConfigMap/ns/a', { steps: ['kubectl exec p -- pg_ctl reload   (after the kubelet | updated it)'] }),
  finding('downtime', 'StatefulSet/ns/db', { steps: ['announce a window', 'apply'] }),
  finding('refused', 'StatefulSet/ns/db', { path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', steps: ['npm run grow -- minikube-dev db 10Gi   (prints the steps)'] }),
  finding('safe', 'terraform:aws-efs/aws_efs_file_system.data', { environment: 'aws-efs', path: '', steps: ['apply', 'reload the server: SELECT pg_reload_conf()'] }),
];

describe('JSON', () => {
  test('exactly {"findings":[…]}, keys in the documented order, highest risk first, one line', () => {
    // Keys given in another order come out in the documented one.
    const shuffled = { steps: ['a'], message: 'm', access: 'wider', data: 'kept', applies: 'on reload', risk: 'security', path: 'p', target: 't', environment: 'e' } as unknown as Finding;
    expect(renderJson([finding('safe', 'ConfigMap/ns/a'), shuffled])).toBe(
      '{"findings":[{"environment":"e","target":"t","path":"p","risk":"security","applies":"on reload","data":"kept","access":"wider","message":"m","steps":["a"]},'
      + '{"environment":"minikube-dev","target":"ConfigMap/ns/a","path":"spec.x","risk":"safe","applies":"in place","data":"kept","access":"same","message":"safe happens","steps":[]}]}\n');
    expect(JSON.parse(renderJson(FINDINGS)).findings.map((f: Finding) => f.risk)).toEqual(['refused', 'downtime', 'safe', 'safe']);
    expect(renderJson([])).toBe('{"findings":[]}\n');
  });
});

describe('Markdown', () => {
  test('title with every count, sections highest risk first with steps, safe changes in a table', () => {
    expect(renderMarkdown(FINDINGS, { base: 'origin/main' })).toBe([
      '## Review against `origin/main`: 1 refused, 0 data-loss, 1 downtime, 0 security, 2 safe',
      '',
      '### refused (1)',
      '',
      '#### `StatefulSet/ns/db` in minikube-dev',
      '',
      '- **Field:** `spec.volumeClaimTemplates[0].spec.resources.requests.storage`',
      '- **Effects:** applies refused, data kept, access same',
      '- **What happens:** refused happens',
      '- **Steps:**',
      '  1. `npm run grow -- minikube-dev db 10Gi` (prints the steps)',
      '',
      '### downtime (1)',
      '',
      '#### `StatefulSet/ns/db` in minikube-dev',
      '',
      '- **Field:** `spec.x`',
      '- **Effects:** applies on restart, data kept, access same',
      '- **What happens:** downtime happens',
      '- **Steps:**',
      '  1. announce a window',
      '  2. apply',
      '',
      '### safe (2)',
      '',
      '| environment | target | field | what happens | steps |',
      '|---|---|---|---|---|',
      '| minikube-dev | `ConfigMap/ns/a` | `spec.x` | safe happens | `kubectl exec p -- pg_ctl reload` (after the kubelet \\| updated it) |',
      '| aws-efs | `terraform:aws-efs/aws_efs_file_system.data` | the whole object | safe happens | 1. apply<br>2. reload the server: SELECT pg\\_reload\\_conf() |',
      '',
    ].join('\n'));
  });

  test('nothing above safe says so', () => {
    expect(renderMarkdown([], { base: 'HEAD' })).toBe('## Review against `HEAD`: 0 refused, 0 data-loss, 0 downtime, 0 security, 0 safe\n\nNo change above safe.\n');
    expect(renderMarkdown([FINDINGS[0]]).split('\n').slice(0, 4)).toEqual(['## Review: 0 refused, 0 data-loss, 0 downtime, 0 security, 1 safe', '', 'No change above safe.', '']);
  });

  test('text from the objects cannot break the comment: backticks, pipes, HTML, newlines', () => {
    const odd = finding('safe', 'ConfigMap/ns/a`b', { path: 'data.a|b', message: 'x <img src=y> | z\nnext' });
    const row = renderMarkdown([odd]).split('\n').find((l) => l.startsWith('| minikube-dev'));
    expect(row).toBe('| minikube-dev | ``ConfigMap/ns/a`b`` | `data.a\\|b` | x &lt;img src=y&gt; \\| z next |  |');
    const section = renderMarkdown([{ ...odd, risk: 'security' }]);
    expect(section).toContain('#### ``ConfigMap/ns/a`b`` in minikube-dev');
    expect(section).toContain('- **What happens:** x &lt;img src=y&gt; | z next');
    // Emphasis, links and code spans only where the report puts them.
    const punctuation = renderMarkdown([finding('downtime', 'CronJob/ns/b', { message: "schedule '0 2 * * *', _x_ [a](b) `c` ~d~ \\", steps: ['keep *this*', 'kubectl delete job j -n ns   (the *Job* goes)'] })]);
    expect(punctuation).toContain("- **What happens:** schedule '0 2 \\* \\* \\*', \\_x\\_ \\[a\\](b) \\`c\\` \\~d\\~ \\\\\n");
    expect(punctuation).toContain('  1. keep \\*this\\*\n  2. `kubectl delete job j -n ns` (the \\*Job\\* goes)\n');
  });
});

test('exit status: 1 for refused or data-loss, else 0', () => {
  expect(reviewExitStatus([])).toBe(0);
  expect(reviewExitStatus([finding('downtime', 'a'), finding('security', 'b'), finding('safe', 'c')])).toBe(0);
  expect(reviewExitStatus([finding('safe', 'a'), finding('data-loss', 'b')])).toBe(1);
  expect(reviewExitStatus([finding('refused', 'a')])).toBe(1);
});

describe('command line and synthesis helpers', () => {
  test('arguments', () => {
    expect(parseReviewArgs(['--base', 'origin/main'])).toEqual({ base: 'origin/main', format: 'markdown' });
    expect(parseReviewArgs(['--format=json', '--base=HEAD~2'])).toEqual({ base: 'HEAD~2', format: 'json' });
    expect(() => parseReviewArgs(['--base', 'x', '--format', 'yaml'])).toThrow("unknown format 'yaml' (markdown or json); usage: npm run --silent review -- --base <git-ref> [--format markdown|json]");
    expect(() => parseReviewArgs(['--base'])).toThrow('--base needs a value; usage:');
    expect(() => parseReviewArgs(['main'])).toThrow("unexpected argument 'main'; usage:");
  });

  test("the app an app command runs (this repository's commands, old and new)", () => {
    expect(appScript('node -r ./scripts/register-ts.js apps/k8s.ts')).toBe('apps/k8s.ts');
    expect(appScript('node -r ts-node/register apps/terraform.ts')).toBe('apps/terraform.ts');
    expect(appScript('npx ts-node main.ts')).toBe('main.ts');
    expect(appScript('python main.py')).toBeUndefined();
  });

  test("a stack's environment", () => {
    const environments = ['minikube-dev', 'aws-efs', 'solid-cloud'];
    expect(environmentOfStack('aws-efs', environments)).toBe('aws-efs');
    expect(environmentOfStack('aws-efs-workload', environments)).toBe('aws-efs');
    expect(environmentOfStack('elsewhere', environments)).toBe('elsewhere');
  });

  test("a failed app's error: the thrown error's message, not node's source excerpt or stack", () => {
    const stderr = [
      '/tmp/x/lib/server/a.ts:10',
      '    throw new ValidationError(message);',
      '    ^',
      '',
      "ValidationError: PostgresStatefulSet 'a/b': storage.size \"5 GB\" is not a Kubernetes quantity (e.g. '5Gi')",
      '    at fail (/tmp/x/lib/private/validation.ts:3:9)',
      '    at new PostgresStatefulSet (/tmp/x/lib/server/a.ts:10:5)',
      '',
      'Node.js v20.20.2',
    ].join('\n');
    expect(errorOf(stderr)).toBe("ValidationError: PostgresStatefulSet 'a/b': storage.size \"5 GB\" is not a Kubernetes quantity (e.g. '5Gi')");
    expect(errorOf('Error: Cannot find module \'x\'\nRequire stack:\n- /a.ts\n    at f (/a.ts:1:1)\n')).toBe("Error: Cannot find module 'x'\nRequire stack:\n- /a.ts");
    expect(errorOf('killed\n')).toBe('killed');
    expect(errorOf('')).toBe('no message');
  });
});
