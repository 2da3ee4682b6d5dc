import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App } from 'cdk8s';
import { KubeConfigMap, KubeJob } from '../lib/private/k8s';
import { PostgresStatefulSet, SchemaInitJob, writeChart } from '../lib';
import { validateChart } from '../lib/checks/chart-checks';
import { synth, testChart } from './support/manifests';

const RULE = "manifests carry no control characters other than tab and newline (kubectl's YAML reader refuses them)";
const users = [{ name: 'shop', kind: 'app' as const, password: { name: 'shop-logins', key: 'shop' } }];

function schemaJob(sql: string) {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
  const build = () => new SchemaInitJob(chart, 'schema', { server, users, databases: [{ name: 'shop', owner: 'shop', schemaFiles: [{ name: 'a.sql', sql: 'SELECT 1;\n' }, { name: 'b.sql', sql }] }] });
  return { chart, build };
}

describe('schema files are refused at construction', () => {
  test('a C1 control character, with line, column, the line and the fix', () => {
    const { build } = schemaJob("SELECT 1;\nSELECT 'a\u0085b';\n");
    expect(build).toThrow(`SchemaInitJob 'test/schema': databases[0].schemaFiles[1].sql holds \\u0085, a control character, at line 2, column 10 ("SELECT 'a\\u0085b';"): ${RULE}; remove it (in SQL, chr(133) produces it at run time)`);
  });

  test('a carriage return on its own; Windows line endings (\\r\\n) become \\n', () => {
    const { build } = schemaJob('SELECT 1;\rSELECT 2;\n');
    expect(build).toThrow(`SchemaInitJob 'test/schema': databases[0].schemaFiles[1].sql holds \\u000D, a carriage return, at line 1, column 10 ("SELECT 1;\\u000DSELECT 2;"): ${RULE}; use \\n line endings (convert \\r\\n to \\n)`);
    const windows = schemaJob('SELECT 1;\r\nSELECT 2;\r\n');
    windows.build();
    const files = synth(windows.chart).find((o) => o.kind === 'ConfigMap' && Object.values<string>(o.data ?? {}).some((v) => v.includes('SELECT 2;')))!;
    expect(Object.values<string>(files.data).filter((v) => v.includes('SELECT 2;'))).toEqual(['SELECT 1;\nSELECT 2;\n']);
  });

  test('a lone surrogate', () => {
    const { build } = schemaJob("SELECT '\ud83d';");
    expect(build).toThrow(`SchemaInitJob 'test/schema': databases[0].schemaFiles[1].sql holds \\uD83D, half of a UTF-16 surrogate pair, at line 1, column 9 ("SELECT '\\uD83D';"): it has no UTF-8 encoding, so the manifest would hold U+FFFD instead; the string was cut inside a character or decoded wrongly: fix its source`);
  });

  test('a long line is shown around the character', () => {
    const { build } = schemaJob(`-- ${'x'.repeat(100)}\u007f${'y'.repeat(100)}\n`);
    expect(build).toThrow(`holds \\u007F, a control character, at line 1, column 104 ("${'x'.repeat(40)}\\u007F${'y'.repeat(39)}")`);
  });

  test('a rejected Job leaves nothing behind and the id can be used again', () => {
    const { chart, build } = schemaJob('\u0000');
    expect(build).toThrow(expect.objectContaining({ name: 'ValidationError' }));
    expect(chart.node.tryFindChild('schema')).toBeUndefined();
    const server = chart.node.findChild('db') as PostgresStatefulSet;
    new SchemaInitJob(chart, 'schema', { server, users, databases: [{ name: 'shop', owner: 'shop' }] });
    expect(synth(chart).filter((o) => o.kind === 'Job')).toHaveLength(1);
  });

  test('tab, newline and printable Unicode pass', () => {
    const { chart, build } = schemaJob("SELECT '\ta\u00a0\u2028\ufeff😀';\n");
    build();
    expect(() => validateChart(chart)).not.toThrow();
  });
});

describe('the chart-wide check covers every object, including those users add', () => {
  function userObjects() {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
    new KubeConfigMap(chart, 'settings', {
      metadata: { name: 'settings', namespace: 'shop', labels: { 'a\u0001': 'b' }, annotations: { note: 'ring\u0007', script: '\techo one\necho two' } },
      data: { 'x.sql': "SELECT 1;\nSELECT 'a\u0085b';\n", ok: 'tab\tand\nnewline', half: 'x\udc00' },
    });
    new KubeJob(chart, 'job', {
      metadata: { name: 'job', namespace: 'shop' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.37', env: [{ name: 'A', value: 'ok' }, { name: 'B', value: '\u001b[31mred' }] }] } } },
    });
    new ApiObject(chart, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { list: ['fine', 'not\ufffe'], map: { '<<': { a: 1 } } } });
    return chart;
  }

  test('one problem per string, naming object, field, construct, character or rule, and fix', () => {
    expect(() => validateChart(userObjects())).toThrow([
      "Chart 'test' is not valid:",
      `  [test] ConfigMap 'shop/settings' metadata.annotations.note (construct 'test/settings') holds \\u0007, a control character, at line 1, column 5 ("ring\\u0007"): ${RULE}; remove it (in SQL, chr(7) produces it at run time)`,
      `  [test] ConfigMap 'shop/settings' metadata.annotations.script (construct 'test/settings') starts with a tab and holds a newline: kubectl kustomize (and apply -k) refuses the whole manifest for such an annotation ("found a tab character where an indentation space is expected"); start it with another character or keep it on one line`,
      `  [test] ConfigMap 'shop/settings' metadata.labels key 'a\\u0001' (construct 'test/settings') holds \\u0001, a control character, at line 1, column 2 ("a\\u0001"): ${RULE}; remove it (in SQL, chr(1) produces it at run time)`,
      `  [test] ConfigMap 'shop/settings' data.half (construct 'test/settings') holds \\uDC00, half of a UTF-16 surrogate pair, at line 1, column 2 ("x\\uDC00"): it has no UTF-8 encoding, so the manifest would hold U+FFFD instead; the string was cut inside a character or decoded wrongly: fix its source`,
      `  [test] ConfigMap 'shop/settings' data['x.sql'] (construct 'test/settings') holds \\u0085, a control character, at line 2, column 10 ("SELECT 'a\\u0085b';"): ${RULE}; remove it (in SQL, chr(133) produces it at run time)`,
      `  [test] Job 'shop/job' spec.template.spec.containers[0].env[1].value (construct 'test/job') holds \\u001B, a control character, at line 1, column 1 ("\\u001B[31mred"): ${RULE}; remove it (in SQL, chr(27) produces it at run time)`,
      `  [test] Widget 'w' spec.list[1] (construct 'test/widget') holds \\uFFFE, a Unicode noncharacter, at line 1, column 4 ("not\\uFFFE"): kubectl's YAML reader refuses it; remove it`,
      "  [test] Widget 'w' spec.map key '<<' (construct 'test/widget') is YAML's merge key: kubectl kustomize drops the entry (or merges its value into the map) however it is quoted; use another key",
    ].join('\n'));
  });

  test('app.synth() refuses the chart too', () => {
    const chart = userObjects();
    expect(() => (chart.node.scope as App).synth()).toThrow("ConfigMap 'shop/settings' data['x.sql'] (construct 'test/settings') holds \\u0085");
  });

  test('writeChart writes nothing for a refused chart, even one holding only objects users add', () => {
    const chart = testChart();
    new KubeConfigMap(chart, 'settings', { metadata: { name: 'settings' }, data: { crlf: 'a\r\n' } });
    const outdir = mkdtempSync(join(tmpdir(), 'refused-'));
    try {
      expect(() => writeChart(chart, outdir)).toThrow("ConfigMap 'settings' data.crlf (construct 'test/settings') holds \\u000D, a carriage return");
      expect(readdirSync(outdir)).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
