import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { validateChart } from '../../lib/checks/chart-checks';
import { CONTENT_NAMED_JOB_LABEL } from '../../lib/private/labels';
import { TODAY_CONTEXT_KEY } from '../../lib/private/today';
import { RUN_ROOT_ENV } from './run-root-env';

/** A Kubernetes object as plain JSON. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

export const REPO_ROOT = join(__dirname, '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist');

/** Every committed manifest file: environment name → its objects. */
export function loadDist(dir: string = DIST_DIR): Record<string, KubeObject[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  return Object.fromEntries(files.map((f) => [f.replace(/\.k8s\.yaml$/, ''), parseManifest(readFileSync(join(dir, f), 'utf8'))]));
}

/**
 * Parses a multi-document YAML manifest, failing on any YAML error. Within a test run, a text is
 * parsed once: its objects are kept as JSON in the run's folder, named by the text's hash (the
 * YAML parser takes about 250 ms for dist/ in a fresh test file, JSON.parse 2 ms). Objects JSON
 * cannot hold exactly (an infinity, -0) are never kept.
 */
export function parseManifest(text: string): KubeObject[] {
  const root = process.env[RUN_ROOT_ENV];
  const cached = root && join(root, 'parsed-manifests', `${createHash('sha256').update(text).digest('hex')}.json`);
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8'));
  const objects = parseAllDocuments(text).map((doc) => {
    if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('\n'));
    return doc.toJSON() as KubeObject;
  }).filter((o) => o !== null);
  let exact = true;
  const json = JSON.stringify(objects, (_key, value) => {
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) exact = false;
    return value;
  });
  if (cached && exact) {
    mkdirSync(dirname(cached), { recursive: true });
    // whole or not at all: another worker may read it at the same moment
    writeFileSync(`${cached}.${process.pid}`, json);
    renameSync(`${cached}.${process.pid}`, cached);
  }
  return objects;
}

/** The date tests synthesize on: the suite never reads the clock. */
export const TEST_TODAY = '2026-11-25';

/** A fresh app whose constructs see {@link TEST_TODAY} as today. */
export function testApp(): App {
  const app = new App({ outdir: '/nonexistent' });
  app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
  return app;
}

/** A fresh chart for unit tests, on {@link TEST_TODAY}. */
export function testChart(): Chart {
  return new Chart(testApp(), 'test');
}

/** Synthesized objects of a chart, after the validations `app.synth()` runs. */
export function synth(chart: Chart): KubeObject[] {
  validateChart(chart);
  return Testing.synth(chart) as KubeObject[];
}

/** Whether `o` is named `name`; a content-named Job (`<name>-<hash>`) by `<name>` too. */
export function isNamed(o: { metadata: { name: string; labels?: Record<string, string> } }, name: string): boolean {
  return o.metadata.name === name || o.metadata.labels?.[CONTENT_NAMED_JOB_LABEL] === name;
}

/** The one object of `kind` (and `name` when given); fails when there is not exactly one. */
export function only(objects: KubeObject[], kind: string, name?: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || isNamed(o, name)));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` '${name}'` : ''}, found ${found.length}`);
  return found[0];
}

/** The pod spec inside a workload, or undefined for kinds without pods. */
export function podSpecOf(o: KubeObject): any {
  switch (o.kind) {
    case 'Pod': return o.spec;
    case 'CronJob': return o.spec?.jobTemplate?.spec?.template?.spec;
    case 'StatefulSet': case 'Deployment': case 'DaemonSet': case 'ReplicaSet': case 'Job': return o.spec?.template?.spec;
    default: return undefined;
  }
}

