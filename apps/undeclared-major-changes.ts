import { postgresMajorOf } from '../lib/review/kubernetes/pod-templates';
import { CommittedManifest } from './committed-manifests';

type ManifestObject = Parameters<typeof postgresMajorOf>[0];

/** The PostgreSQL major of each StatefulSet's `postgres` container, by `namespace/name`. */
function majorsOf(objects: readonly ManifestObject[]): Map<string, number> {
  const majors = new Map<string, number>();
  for (const o of objects) {
    const major = o.kind === 'StatefulSet' ? postgresMajorOf(o) : undefined;
    if (major !== undefined) majors.set(`${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`, major);
  }
  return majors;
}

/**
 * The parts of a manifest that may hold StatefulSets, as text: only those are read (reading every
 * document of the committed manifests was a third of the app's time). A line starting with `---`
 * and a space or its end always starts a new document (YAML allows no such line inside one), and
 * a StatefulSet's document says its kind; a part may still hold several documents (after `...`).
 */
function statefulSetDocuments(text: string): string[] {
  return text.split(/^---(?=[ \t]|$)/m).filter((document) => document.includes('StatefulSet'));
}

/** A part as the writer renders a document: without the rest of the `---` line that began it. */
function documentText(part: string): string {
  return part.replace(/^[ \t]*\n/, '');
}

/**
 * StatefulSets whose PostgreSQL major differs from the one in the committed manifest (the file,
 * or its text at HEAD when the cdk8s CLI has removed the file before the app runs; see
 * committedManifests): the new major would start on the old one's data directory, which its
 * pod's guard refuses in the cluster. A declared upgrade renders a new StatefulSet
 * (`<name>-pg<major>`) beside the old one instead, so it is not among them. Returns one message
 * per StatefulSet.
 *
 * `renderedTexts` are the new StatefulSets' documents as the writer renders them: a committed
 * document that is one of them unchanged holds the same major, and is not read (parsing the
 * committed StatefulSets was most of the check's time, and most synths change none).
 */
export function undeclaredMajorChanges(environment: string, manifest: CommittedManifest | undefined, objects: readonly ManifestObject[], renderedTexts: ReadonlySet<string> = new Set()): string[] {
  const majors = majorsOf(objects);
  if (majors.size === 0 || !manifest) return [];
  const changed = statefulSetDocuments(manifest.text).filter((part) => !renderedTexts.has(documentText(part)));
  if (changed.length === 0) return [];
  // the YAML parser is loaded only here: most syntheses change no StatefulSet (loading it was 36 ms of the app's 650)
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  const committed = majorsOf(changed.flatMap((text) => parseAllDocuments(text).map((d) => d.toJSON() as ManifestObject)).filter((o) => o !== null));
  return [...majors].flatMap(([statefulSet, major]) => {
    const before = committed.get(statefulSet);
    if (before === undefined || before === major) return [];
    return [`environment '${environment}': StatefulSet ${statefulSet} runs PostgreSQL ${before} in ${manifest.source} and would run ${major} on the same claim, ` +
      `whose data PostgreSQL ${major} cannot use (its pod's guard refuses to start). Declare the upgrade on the server's backend ` +
      `(upgrade: { fromMajorVersion: ${before} }, docs/upgrading.md), or set majorVersion back to ${before}.`];
  });
}
