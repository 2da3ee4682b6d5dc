import { fail } from './validation';

/**
 * Container image references, read with the grammar of the distribution project that Docker,
 * containerd and the kubelet use: `[host[:port]/]path[:tag][@digest]`. Facts from its grammar:
 * path components are lower case letters and digits joined by '.', '_', '__' or dashes; the
 * first component is a registry only when it holds a '.' or a ':', is 'localhost', or has
 * capital letters; a tag is at most 128 word characters, '.' or '-', not starting with '.' or
 * '-'; a sha256 digest is 64 lower-case hex digits; the name is at most 255 characters.
 */
export interface ImageReference {
  readonly registry?: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const FORM = "([registry[:port]/]name[:tag][@digest], e.g. 'localhost:5000/postgres:17.10')";

/** The parts of an image reference, or why it is not one. */
export function parseImageReference(image: string): ImageReference | string {
  if (typeof image !== 'string' || image === '') return `is not an image reference ${FORM}`;
  if (/\s/.test(image)) return 'contains spaces, which no image reference holds; remove them';
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  if (digest !== undefined && (!DIGEST.test(digest) || (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest)))) {
    return `has a digest that is not an algorithm and hex digits ('sha256:' and 64 lower-case hex digits)`;
  }
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  const name = colon >= 0 ? named.slice(0, colon) : named;
  const tag = colon >= 0 ? named.slice(colon + 1) : undefined;
  if (tag !== undefined && tag === '') return "has an empty tag after ':'; name a full version, e.g. 'postgres:17.10'";
  if (tag !== undefined && !TAG.test(tag)) return `has a tag a registry cannot hold ('${tag}': letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')`;
  if (name.length > 255) return 'has a name longer than 255 characters';
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const isRegistry = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const registry = isRegistry ? first : undefined;
  const path = isRegistry ? name.slice(slash + 1) : name;
  if (registry !== undefined && !HOST.test(registry)) return `has a registry that is not a host name with an optional port ('${registry}')`;
  const components = path.split('/');
  if (components.some((c) => c !== c.toLowerCase())) return `has capital letters in its name ('${path}'); image names are lower case, e.g. 'postgres:17.10'`;
  if (components.some((c) => !PATH_COMPONENT.test(c))) return `has a name that is not lower-case letters and digits joined by '.', '_', '__', '-' or '/' ('${path}')`;
  return { registry, path, tag, digest };
}

/**
 * The PostgreSQL major of a pinned image, from the tag conventions of the image families teams
 * run, or undefined:
 * - a `pg<major>` part is the major, beside the image's own full version: TimescaleDB
 *   (`timescale/timescaledb:2.17.2-pg17`, `timescale/timescaledb-ha:pg17.2-ts2.17.2`), pgvector
 *   (`pgvector/pgvector:0.8.0-pg17`); never the first number, which is the extension's;
 * - PostGIS (`postgis/postgis:17-3.5`, `17-3.5.2-alpine`): the major, then PostGIS's version;
 * - otherwise a full PostgreSQL version first: the official image (`postgres:17.10-alpine`),
 *   Bitnami (`bitnami/postgresql:17.6.0`), CloudNativePG's (`…/postgresql:17.6`).
 */
export function postgresMajorOfImage(image: string): number | undefined {
  const parsed = parseImageReference(image);
  if (typeof parsed === 'string' || parsed.tag === undefined) return undefined;
  const { tag } = parsed;
  const pg = /(?:^|[-_.])pg(\d+)(?=[-_.]|$)/.exec(tag);
  // pinned by the image's own full version (2.17.2, 0.8.0) or a full PostgreSQL version (pg17.2)
  if (pg) return /\d+\.\d+\.\d+|pg\d+\.\d+/.test(tag) ? Number(pg[1]) : undefined;
  const postgis = parsed.path.split('/').pop() === 'postgis' ? /^(\d+)-\d+\.\d+(?:[-._]|$)/.exec(tag) : null;
  if (postgis) return Number(postgis[1]);
  const match = /^(\d+)\.(\d+)(?:[-._]|$)/.exec(tag);
  return match ? Number(match[1]) : undefined;
}

/**
 * Fails unless `image` is a reference whose tag names a full PostgreSQL version (`17.10`,
 * `17.10-alpine`, `17.6.0`), optionally followed by a digest. A digest alone is refused: the
 * tag is where the major is read from. Returns the major.
 */
export function checkPostgresImage(owner: string, field: string, image: string, example: string): number {
  const parsed = parseImageReference(image);
  if (typeof parsed === 'string') return fail(owner, field, image, parsed);
  const exampleTag = example.slice(example.lastIndexOf(':') + 1);
  if (parsed.tag === undefined && parsed.digest !== undefined) {
    return fail(owner, field, image, `has a digest but no tag, so its PostgreSQL major cannot be checked; write the tag before the digest, e.g. '${example}@sha256:…'`);
  }
  if (parsed.tag === undefined) return fail(owner, field, image, `has no tag, so it pulls 'latest'; name a full version, e.g. '${example}'`);
  const major = postgresMajorOfImage(image);
  if (major !== undefined) return major;
  if (parsed.tag === 'latest') return fail(owner, field, image, `is not pinned: 'latest' moves with every release; name a full version, e.g. '${example}'`);
  if (/^\d+(?:[-_].*)?$/.test(parsed.tag)) {
    return fail(owner, field, image, `names only a major ('${parsed.tag}' moves to each new minor release); name a full version, e.g. '${example}'`);
  }
  return fail(owner, field, image, `has no full version in its tag ('${parsed.tag}' moves with every release); name one, e.g. '${example}' or '${example.replace(exampleTag, `${exampleTag}-alpine`)}'`);
}

/** Fails unless `image` is a reference whose tag is a full semantic version (`v0.17.1`), optionally with a digest. */
export function checkVersionedImage(owner: string, field: string, image: string, example: string): void {
  const parsed = parseImageReference(image);
  if (typeof parsed === 'string') fail(owner, field, image, parsed);
  if (parsed.tag === undefined) fail(owner, field, image, `has no tag${parsed.digest ? ', so its version cannot be read' : ", so it pulls 'latest'"}; name a full version, e.g. '${example}'`);
  if (!/^v?\d+\.\d+\.\d+(?:[-+._]|$)/.test(parsed.tag)) {
    fail(owner, field, image, `is not pinned to a full version ('${parsed.tag}' moves); name one, e.g. '${example}'`);
  }
}

/**
 * Fails unless a Job's image is a pinned PostgreSQL image of the server's major (read from the
 * server's image tag): `why` says what a different major breaks.
 */
export function checkJobImage(owner: string, field: string, image: string, serverImage: string, why: string): void {
  const serverMajor = postgresMajorOfImage(serverImage);
  const major = checkPostgresImage(owner, field, image, serverMajor === undefined ? 'postgres:17.10' : serverImage);
  if (serverMajor !== undefined && major !== serverMajor) {
    fail(owner, field, image, `is PostgreSQL ${major}, but the server runs ${serverMajor} ('${serverImage}'); ${why}`);
  }
}
