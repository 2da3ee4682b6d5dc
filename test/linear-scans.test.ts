import { ApiObject } from 'cdk8s';
import { PostgresStatefulSet, SchemaInitJob, toYaml, ValidationError } from '../lib';
import { renderMarkdown } from '../lib/review/report';
import { reviewObjects } from '../lib/review/review-objects';
import { synth, testChart } from './support/manifests';

/**
 * Every scan over user text is linear in its length: the checks of the chart (representable
 * text, passwords written out), the schema file's checks and plan, the YAML writer and the
 * review. A run of letters once made a URI check read the run again from each of its characters:
 * a 200 KB hex value took 15 s, 2 MB did not finish.
 *
 * Each input concatenates runs of characters that regular expressions tend to go back over
 * (letters, digits, spaces, quotes, backslashes, URI and conninfo fragments, SQL comment and
 * dollar-quote openers, …); each path is timed on it at two sizes, ten times apart, and may take
 * at most 25 times as long on the larger one: a linear scan takes about 10 times, a quadratic
 * one 100. The larger input is 2 MB, the size a user's ConfigMap value or schema file can have.
 */
const UNITS = ['a', '0', 'f0', 'E', ' ', '\t', '\n', ' \n', "'", "''", '"', '\\', "\\'", '$', '$a$', "E'", ':', '/', '@', '=', ';', '-', '--', '/*', '_', '.', '#', '*', '(',
  'a:', 'a=', 'a b', 'a/', 'ab@', 'a:b@', 'x://', 'x://a:', 'PASSWORD ', 'password', 'pwd'];

/** Every unit repeated to `perUnit` characters, one run after another: text every check accepts. */
function adversarial(perUnit: number): string {
  return `${UNITS.map((unit) => unit.repeat(Math.ceil(perUnit / unit.length)).slice(0, perUnit)).join('\n')}\n`;
}

const SMALL = adversarial(5000);
const LARGE = adversarial(50000);
/** The same, then a password written out at the very end: refused, after every check has read the whole text. */
const REFUSED = '\npassword=written-out\n';

/**
 * The fastest of three runs, in ms of the process's CPU time: elapsed time would count the
 * moments the machine's other work holds the CPU, which a long run meets and a short one often
 * does not (in a whole test run a linear path measured 25 times as long on ten times the text).
 * A refusal counts as a run (the inputs hold what looks like a password); any other error fails
 * the test.
 */
function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.cpuUsage();
    try {
      run();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** The time on the large input over the time on the small one; the small input's time is at least 1 ms, so that noise cannot divide by nearly nothing. */
function growth(path: (text: string) => void, suffix = ''): { ratio: number; largeMs: number } {
  const small = Math.max(fastest(() => path(SMALL + suffix)), 1);
  const large = fastest(() => path(LARGE + suffix));
  return { ratio: Math.round((large / small) * 10) / 10, largeMs: Math.round(large) };
}

/** A chart holding a server, for the paths that need one. */
function serverChart() {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
  return { chart, server };
}

const PATHS: Record<string, (text: string) => void> = {
  "a ConfigMap value of the user's, through the chart's checks and the writer": (text) => {
    const { chart } = serverChart();
    new ApiObject(chart, 'user-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'user-config', namespace: 'shop' }, data: { 'notes.txt': text } });
    toYaml(synth(chart));
  },
  'a schema file, through its checks, the plan, the chart checks and the writer': (text) => {
    const { chart, server } = serverChart();
    new SchemaInitJob(chart, 'schema', {
      server,
      databases: [{ name: 'app', owner: 'app_owner', schemaFiles: [{ name: 'big.sql', sql: text }] }],
      users: [{ name: 'app_owner', kind: 'app', password: { name: 'logins', key: 'app' } }],
    });
    toYaml(synth(chart));
  },
  'a server parameter, through its checks, postgresql.conf and the writer': (text) => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } }, parameters: { 'cdk8s_test.note': text } });
    toYaml(synth(chart));
  },
  'the review of a changed ConfigMap value and its report': (text) => {
    const configMap = (data: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { 'notes.txt': data, 'postgresql.conf': `application_name = '${data.replace(/['\\\n]/g, '')}'\n` } });
    renderMarkdown(reviewObjects([configMap('before')], [configMap(text)], { environment: 'e' }));
  },
};

test('the inputs hold every run at both sizes', () => {
  expect(LARGE.length).toBeGreaterThanOrEqual(2_000_000);
  expect(LARGE.length / SMALL.length).toBeCloseTo(10, 1);
});

/** Whether `path` accepts the text or refuses it with a ValidationError. */
function accepts(path: (text: string) => void, text: string): boolean {
  try {
    path(text);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

test.each(Object.keys(PATHS))('%s: linear in the length of the text, accepted or refused', (name) => {
  expect(accepts(PATHS[name], SMALL)).toBe(true);
  const accepted = growth(PATHS[name]);
  expect({ name, ratioAtMost25: accepted.ratio <= 25, ...accepted }).toEqual({ name, ratioAtMost25: true, ...accepted });
  if (name.startsWith('the review')) return;
  expect(accepts(PATHS[name], SMALL + REFUSED)).toBe(false);
  const refused = growth(PATHS[name], REFUSED);
  expect({ name, refused: true, ratioAtMost25: refused.ratio <= 25, ...refused }).toEqual({ name, refused: true, ratioAtMost25: true, ...refused });
}, 60000);

test('a refusal of a long value shows its start and end, not the whole value', () => {
  let message = '';
  try {
    PATHS["a ConfigMap value of the user's, through the chart's checks and the writer"](LARGE + REFUSED);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain(`(${(LARGE + REFUSED).length} characters) holds a password ('password=' in a connection string)`);
  expect(message.length).toBeLessThan(1000);
});

test('the measure tells a quadratic scan from a linear one', () => {
  const quadratic = growth((text) => {
    // the URI check as it was: every start in a run of letters read the run again
    /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)([^\s/?#@]+)(@)/i.test(text.slice(0, text.length / 200));
  });
  expect(quadratic.ratio).toBeGreaterThan(40);
}, 60000);
