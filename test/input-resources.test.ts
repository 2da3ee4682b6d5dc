import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  BackupCronJob, BackupStorage, PostgresStatefulSet, PostgresStatefulSetProps, SchemaInitJob, ZalandoCluster, ZalandoClusterProps,
} from '../lib';
import { compareQuantities, parseExactQuantity } from '../lib/private/quantity';
import { only, podSpecOf, synth, testChart } from './support/manifests';

/**
 * Class "resources": CPU and memory quantities, requests below limits and probe timings, on
 * both backends and in the Jobs, either fail at construction with a named error or are values
 * the API server keeps as written. kubectl's own quantity parser (`kubectl set resources
 * --local`, offline) is the oracle for the grammar.
 */

const statefulSet = (props: PostgresStatefulSetProps) => new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop', ...props });
const zalando = (props: Partial<ZalandoClusterProps>) => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, ...props });
function job(kind: 'schema' | 'backup', resources: object) {
  const chart = testChart();
  const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
  return kind === 'schema'
    ? new SchemaInitJob(chart, 'schema', { server: db, resources })
    : new BackupCronJob(chart, 'backup', { server: db, resources, storage: BackupStorage.newClaim({ size: '1Gi' }) });
}
const PSS = "PostgresStatefulSet 'test/db':";
const ZAL = "ZalandoCluster 'test/acid-db':";

const HOSTILE: [string, () => unknown, string][] = [
  ["a CPU request in words ('half')", () => statefulSet({ resources: { cpuRequest: 'half' } }), `${PSS} resources.cpuRequest "half" is not a Kubernetes quantity (e.g. '500m' or '2')`],
  ["'1K' (Kubernetes writes k or Ki)", () => statefulSet({ resources: { cpuRequest: '1K' } }), `${PSS} resources.cpuRequest "1K" is not a Kubernetes quantity (e.g. '500m' or '2')`],
  ['a CPU request with a memory unit', () => statefulSet({ resources: { cpuRequest: '500Mi' } }), `${PSS} resources.cpuRequest "500Mi" is written with a unit of bytes or of thousands ('Mi'); CPU is counted in cores ('2', '0.5') or millicores ('500m')`],
  ['a CPU limit in thousands', () => statefulSet({ resources: { cpuRequest: '1', cpuLimit: '2k' } }), `${PSS} resources.cpuLimit "2k" is written with a unit of bytes or of thousands ('k'); CPU is counted in cores ('2', '0.5') or millicores ('500m')`],
  ['a CPU request of 0', () => statefulSet({ resources: { cpuRequest: '0' } }), `${PSS} resources.cpuRequest "0" must be greater than zero`],
  ['a negative CPU request', () => statefulSet({ resources: { cpuRequest: '-1' } }), `${PSS} resources.cpuRequest "-1" must be greater than zero`],
  ['a CPU request of 1u', () => statefulSet({ resources: { cpuRequest: '1u' } }),
    `${PSS} resources.cpuRequest "1u" is finer than 1m (a thousandth of a CPU), the precision Kubernetes allows; round it to whole millicores (e.g. '1500u' to '2m')`],
  ["a CPU request of '0.0005'", () => statefulSet({ resources: { cpuRequest: '0.0005' } }),
    `${PSS} resources.cpuRequest "0.0005" is finer than 1m (a thousandth of a CPU), the precision Kubernetes allows; round it to whole millicores (e.g. '1500u' to '2m')`],
  ['a CPU limit one millicore below its request', () => statefulSet({ resources: { cpuRequest: '1', cpuLimit: '999m' } }), `${PSS} resources.cpuLimit "999m" is below resources.cpuRequest '1'`],
  ['a CPU limit below the default request', () => statefulSet({ resources: { cpuLimit: '0.1' } }), `${PSS} resources.cpuLimit "0.1" is below resources.cpuRequest '250m'`],
  ["a memory limit of '500m' (half a byte)", () => statefulSet({ resources: { memoryRequest: '500m', memoryLimit: '1Gi' } }),
    `${PSS} resources.memoryRequest "500m" is not a whole number of bytes ('m' is a thousandth: '500m' is half a byte); write 'Mi' for mebibytes, e.g. '500Mi'`],
  ["a memory limit of '1.1Ki'", () => statefulSet({ resources: { memoryLimit: '1.1Ki' } }), `${PSS} resources.memoryLimit "1.1Ki" is not a whole number of bytes`],
  ['a memory limit one MiB below its request', () => statefulSet({ resources: { memoryRequest: '2Gi', memoryLimit: '2047Mi' } }), `${PSS} resources.memoryLimit "2047Mi" is below resources.memoryRequest '2Gi'`],
  ['a memory limit beyond int64', () => statefulSet({ resources: { memoryLimit: '1e30' } }), `${PSS} resources.memoryLimit "1e30" is more bytes than Kubernetes can count`],
  ["a memory limit with a space ('1 Gi')", () => statefulSet({ resources: { memoryLimit: '1 Gi' } }), `${PSS} resources.memoryLimit "1 Gi" is not a Kubernetes quantity (e.g. '5Gi')`],
  ['an empty memory limit', () => statefulSet({ resources: { memoryLimit: '' } }), `${PSS} resources.memoryLimit "" is not a Kubernetes quantity (e.g. '5Gi')`],
  ["a memory limit of '.' (kubectl reads 0)", () => statefulSet({ resources: { memoryLimit: '.' } }), `${PSS} resources.memoryLimit "." is not a Kubernetes quantity (e.g. '5Gi')`],
  ['a storage size of 0', () => statefulSet({ storage: { size: '0' } }), `${PSS} storage.size "0" must be greater than zero`],
  // Probes: what the API server refuses, or silently replaces.
  ['a period of 0', () => statefulSet({ livenessProbe: { periodSeconds: 0 } }),
    `${PSS} livenessProbe.periodSeconds 0 must be a whole number of seconds from 1 to 2147483647; the API server would replace 0 with its own default`],
  ['a failure threshold of 0', () => statefulSet({ startupProbe: { failureThreshold: 0 } }),
    `${PSS} startupProbe.failureThreshold 0 must be a whole number of failures from 1 to 2147483647; the API server would replace 0 with its own default`],
  ['a negative timeout', () => statefulSet({ readinessProbe: { timeoutSeconds: -1 } }), `${PSS} readinessProbe.timeoutSeconds -1 must be a whole number of seconds from 1 to 2147483647`],
  ['a fractional threshold', () => statefulSet({ startupProbe: { failureThreshold: 1.5 } }), `${PSS} startupProbe.failureThreshold 1.5 must be a whole number of failures from 1 to 2147483647`],
  ['a negative initial delay', () => statefulSet({ livenessProbe: { initialDelaySeconds: -5 } }), `${PSS} livenessProbe.initialDelaySeconds -5 must be a whole number of seconds from 0 to 2147483647`],
  ['a period as a string (JSON)', () => statefulSet({ livenessProbe: { periodSeconds: '10' as any } }), `${PSS} livenessProbe.periodSeconds "10" must be a number, not a string`],
  ['a period beyond int32', () => statefulSet({ startupProbe: { periodSeconds: 2147483648 } }), `${PSS} startupProbe.periodSeconds 2147483648 must be a whole number of seconds from 1 to 2147483647`],
  ['successThreshold (liveness must be 1; not a timing)', () => statefulSet({ readinessProbe: { successThreshold: 2 } as any }),
    `${PSS} readinessProbe.successThreshold 2 is not a property (known: initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold)`],
  ['a command smuggled into the timings', () => statefulSet({ livenessProbe: { exec: { command: ['true'] } } as any }), `${PSS} livenessProbe.exec {"command":["true"]} is not a property (known: initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold)`],
  ['timings that are not an object', () => statefulSet({ livenessProbe: 10 as any }), `${PSS} livenessProbe 10 must be an object with initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold, not a number`],
  // The Zalando backend: the CRD's patterns and Kubernetes' grammar both apply.
  ["'1K' memory, which the CRD's pattern allows", () => zalando({ resources: { memoryRequest: '1K' } }), `${ZAL} resources.memoryRequest "1K" is not a Kubernetes quantity (e.g. '5Gi')`],
  ['a CPU limit below its request', () => zalando({ resources: { cpuRequest: '2', cpuLimit: '1' } }), `${ZAL} resources.cpuLimit "1" is below resources.cpuRequest '2'`],
  ['a memory request above the default limit', () => zalando({ resources: { memoryRequest: '2Gi' } }), `${ZAL} resources.memoryLimit "1Gi" is below resources.memoryRequest '2Gi'`],
  ['a CPU request of 0', () => zalando({ resources: { cpuRequest: '0' } }), `${ZAL} resources.cpuRequest "0" must be greater than zero`],
  ['a CPU amount the CRD refuses (500000u)', () => zalando({ resources: { cpuRequest: '500000u' } }), `${ZAL} resources.cpuRequest "500000u" is not a CPU amount the CRD accepts (e.g. '500m' or '1.5')`],
  ['a pooler CPU limit below its request', () => zalando({ connectionPooler: { resources: { cpuRequest: '500m', cpuLimit: '100m' } } }),
    `${ZAL} connectionPooler.resources.cpuLimit "100m" is below connectionPooler.resources.cpuRequest '500m'`],
  ["a pooler memory of '64MB'", () => zalando({ connectionPooler: { resources: { memoryRequest: '64MB' } } }), `${ZAL} connectionPooler.resources.memoryRequest "64MB" is not a quantity the CRD accepts (e.g. '1Gi')`],
  ['a volume of 0', () => zalando({ storage: { size: '0' } }), `${ZAL} storage.size "0" must be greater than zero`],
  ['a volume of a fraction of a byte', () => zalando({ storage: { size: '1.0000001Mi' } }), `${ZAL} storage.size "1.0000001Mi" is not a whole number of bytes`],
  // Jobs.
  ['a schema Job whose memory limit is below its default request', () => job('schema', { memoryLimit: '32Mi' }), "SchemaInitJob 'test/schema': resources.memoryLimit \"32Mi\" is below resources.memoryRequest '64Mi'"],
  ['a backup CronJob asking for 1u of CPU', () => job('backup', { cpuRequest: '1u' }),
    "BackupCronJob 'test/backup': resources.cpuRequest \"1u\" is finer than 1m (a thousandth of a CPU), the precision Kubernetes allows; round it to whole millicores (e.g. '1500u' to '2m')"],
];

describe('input-resources: hostile values get named errors', () => {
  test.each(HOSTILE)('%s', (_name, build, message) => {
    expect(build).toThrow(expect.objectContaining({ name: 'ValidationError', message }));
  });
});

describe('values Kubernetes accepts pass and are written as given', () => {
  const VALID: [string, PostgresStatefulSetProps['resources']][] = [
    ['500000u of CPU (500m)', { cpuRequest: '500000u' }],
    ['0.5 of CPU', { cpuRequest: '0.5' }],
    ['1e3 CPUs as a limit', { cpuLimit: '1e3' }],
    ['a limit equal to its request, written differently', { cpuRequest: '0.1', cpuLimit: '100m' }],
    ['1.5Gi of memory', { memoryRequest: '1.5Gi', memoryLimit: '1.5Gi' }],
    ['1E+9 bytes', { memoryRequest: '1E+9', memoryLimit: '1e9' }],
    ["'+2Gi' and '2.Gi'", { memoryRequest: '+2Gi', memoryLimit: '2.Gi' }],
    ['0.5Gi', { memoryRequest: '0.5Gi', memoryLimit: '0.5Gi' }],
  ];
  test.each(VALID)('%s', (_name, resources) => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'db', { namespace: 'shop', resources });
    const container = podSpecOf(only(synth(chart), 'StatefulSet')).containers[0];
    for (const [key, [side, kind]] of Object.entries({ cpuRequest: ['requests', 'cpu'], cpuLimit: ['limits', 'cpu'], memoryRequest: ['requests', 'memory'], memoryLimit: ['limits', 'memory'] })) {
      const given = (resources as any)[key];
      if (given !== undefined) expect(`${key} ${container.resources[side][kind]}`).toBe(`${key} ${given}`);
    }
  });

  test('probe timings the API server keeps as written pass; a timeout longer than the period is allowed', () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'db', { namespace: 'shop', livenessProbe: { initialDelaySeconds: 0, periodSeconds: 1, timeoutSeconds: 30, failureThreshold: 2147483647 } });
    const probe = podSpecOf(only(synth(chart), 'StatefulSet')).containers[0].livenessProbe;
    expect(probe).toMatchObject({ initialDelaySeconds: 0, periodSeconds: 1, timeoutSeconds: 30, failureThreshold: 2147483647 });
    expect(probe.exec.command[2]).toContain('pg_isready');
  });

  test('the Zalando backend passes values both the CRD and Kubernetes accept', () => {
    const chart = testChart();
    new ZalandoCluster(chart, 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '1.5Gi' }, resources: { cpuRequest: '0.5', cpuLimit: '500m', memoryRequest: '1.5Gi', memoryLimit: '1536Mi' } });
    expect(only(synth(chart), 'postgresql').spec.resources).toEqual({ requests: { cpu: '0.5', memory: '1.5Gi' }, limits: { cpu: '500m', memory: '1536Mi' } });
  });
});

describe("kubectl's quantity parser reads every quantity as the library does", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quantity-'));
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: "postgres:17.10"}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What kubectl makes of quantities given at once (as extended resources of one container): their canonical texts, or undefined when it refuses one. */
  function kubectl(...quantities: string[]): string[] | undefined {
    const requests = quantities.map((q, i) => `example.com/q${i}=${q}`).join(',');
    const result = spawnSync('kubectl', ['set', 'resources', '--local', '-f', join(dir, 'pod.yaml'), `--requests=${requests}`, '-o', 'json'], { encoding: 'utf8' });
    if (result.status !== 0) return undefined;
    const read = JSON.parse(result.stdout).spec.containers[0].resources.requests;
    return quantities.map((_q, i) => read[`example.com/q${i}`]);
  }

  const CORPUS = ['500000u', '0.5', '1e3', '1.5Gi', '1536Mi', '1K', '1k', '1.', '.5', '1E', '1e', '1E+3', '1e-3', '1Mi3', '1u', '1500u', '1n', '+1', '-1',
    '0x10', '1 Gi', '1e30', '2047Mi', '100m', '0.1', '1.0000001Mi', '12345678901234567890', '1.5.5', '1ki', '1KI'];

  test('every quantity the library reads, kubectl reads as the same amount', () => {
    const accepted = CORPUS.filter((q) => parseExactQuantity(q) !== undefined);
    const read = kubectl(...accepted);
    expect(read).toBeDefined();
    expect(accepted.filter((q, i) => compareQuantities(parseExactQuantity(read![i])!, parseExactQuantity(q)!) !== 0)).toEqual([]);
    expect(accepted.length).toBe(22);
  });

  test.each(CORPUS.filter((q) => parseExactQuantity(q) === undefined))('kubectl refuses %s as the library does', (quantity) => {
    expect(kubectl(quantity)).toBeUndefined();
  });

  test('quantities without digits kubectl reads as 0, which the library refuses (it refuses 0 anyway)', () => {
    for (const quantity of ['.', 'Gi', 'm', '-']) {
      expect(`${quantity}: ${kubectl(quantity)}`).toBe(`${quantity}: 0`);
      expect(parseExactQuantity(quantity)).toBeUndefined();
    }
  });
});
