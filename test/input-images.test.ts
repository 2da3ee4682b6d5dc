import {
  BackupCronJob, BackupStorage, PostgresServerConnection, PostgresStatefulSet, PostgresStatefulSetProps, RestoreJob, SchemaInitJob, ZalandoCluster,
} from '../lib';
import { parseImageReference, postgresMajorOfImage } from '../lib/private/image-reference';
import { podSpecOf, synth, testChart } from './support/manifests';

/**
 * Class "images": every image the library writes (the server, the schema Job, the backup
 * CronJob, the restore Job, the postgres-exporter sidecar on either backend) is a reference the
 * container runtime parses, pinned to a full version, and for PostgreSQL of the declared major;
 * anything else fails at construction with a named error.
 *
 * Decision on digests: 'postgres:17.10@sha256:…' is accepted (the digest pins the bytes, the tag
 * says the version); a digest alone ('postgres@sha256:…') is refused, because the major, which
 * must equal majorVersion, is read from the tag.
 */

const SHA = 'sha256:' + 'a'.repeat(64);
const PSS = "PostgresStatefulSet 'test/db':";
const server = (props: PostgresStatefulSetProps) => new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop', ...props });
const image = (value: string, majorVersion?: number) => server({ image: value, majorVersion });

/** A server with a Job beside it; the Job's image is the one under test. */
function withJob(kind: 'schema' | 'backup', jobImage: string | undefined, serverImage?: string) {
  const chart = testChart();
  const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', image: serverImage });
  if (kind === 'schema') return new SchemaInitJob(chart, 'schema', { server: db, image: jobImage, databases: [{ name: 'app', owner: 'app' }], users: [{ name: 'app', kind: 'admin', password: { name: 's', key: 'app' } }] });
  return new BackupCronJob(chart, 'backup', { server: db, image: jobImage, storage: BackupStorage.newClaim({ size: '1Gi' }) });
}
const connection = (serverImage: string): PostgresServerConnection => ({
  name: 'db', namespace: 'shop', serviceName: 'db', port: 5432, databaseName: 'postgres',
  superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } }, image: serverImage, clientLabel: { key: 'access/db', value: 'true' },
});

const HOSTILE: [string, () => unknown, string][] = [
  ['no tag', () => image('postgres'), `${PSS} image "postgres" has no tag, so it pulls 'latest'; name a full version, e.g. 'postgres:17.10'`],
  ["an empty tag ('postgres:')", () => image('postgres:'), `${PSS} image "postgres:" has an empty tag after ':'; name a full version, e.g. 'postgres:17.10'`],
  ['an empty string', () => image(''), `${PSS} image "" is not an image reference ([registry[:port]/]name[:tag][@digest], e.g. 'localhost:5000/postgres:17.10')`],
  ["'latest'", () => image('postgres:latest'), `${PSS} image "postgres:latest" is not pinned: 'latest' moves with every release; name a full version, e.g. 'postgres:17.10'`],
  ["'alpine'", () => image('postgres:alpine'), `${PSS} image "postgres:alpine" has no full version in its tag ('alpine' moves with every release); name one, e.g. 'postgres:17.10' or 'postgres:17.10-alpine'`],
  ["'bookworm'", () => image('postgres:bookworm'), `${PSS} image "postgres:bookworm" has no full version in its tag ('bookworm' moves with every release); name one, e.g. 'postgres:17.10' or 'postgres:17.10-alpine'`],
  ['TimescaleDB HA of a moving TimescaleDB minor', () => image('timescale/timescaledb-ha:pg17-ts2.17'), `${PSS} image "timescale/timescaledb-ha:pg17-ts2.17" has no full version in its tag ('pg17-ts2.17' moves with every release); name one, e.g. 'postgres:17.10' or 'postgres:17.10-alpine'`],
  ['pgvector without its version', () => image('pgvector/pgvector:pg17'), `${PSS} image "pgvector/pgvector:pg17" has no full version in its tag ('pg17' moves with every release); name one, e.g. 'postgres:17.10' or 'postgres:17.10-alpine'`],
  ['TimescaleDB of another major', () => image('timescale/timescaledb:2.17.2-pg16'), `${PSS} image "timescale/timescaledb:2.17.2-pg16" is PostgreSQL 16, but majorVersion is 17; use a 17.x image (e.g. 'postgres:17.10'), or declare majorVersion: 16 (a change of major is an upgrade to carry out, not a new image)`],
  ['a bare major', () => image('postgres:17'), `${PSS} image "postgres:17" names only a major ('17' moves to each new minor release); name a full version, e.g. 'postgres:17.10'`],
  ["a major with a variant ('17-alpine')", () => image('postgres:17-alpine'), `${PSS} image "postgres:17-alpine" names only a major ('17-alpine' moves to each new minor release); name a full version, e.g. 'postgres:17.10'`],
  ["'17.x'", () => image('postgres:17.x'), `${PSS} image "postgres:17.x" has no full version in its tag ('17.x' moves with every release); name one, e.g. 'postgres:17.10' or 'postgres:17.10-alpine'`],
  ['a name with capitals', () => image('Postgres:17.10'), `${PSS} image "Postgres:17.10" has capital letters in its name ('Postgres'); image names are lower case, e.g. 'postgres:17.10'`],
  ['capitals after a registry', () => image('ghcr.io/Acme/postgres:17.10'), `${PSS} image "ghcr.io/Acme/postgres:17.10" has capital letters in its name ('Acme/postgres'); image names are lower case, e.g. 'postgres:17.10'`],
  ['a leading space', () => image(' postgres:17.10'), `${PSS} image " postgres:17.10" contains spaces, which no image reference holds; remove them`],
  ['a trailing newline', () => image('postgres:17.10\n'), `${PSS} image "postgres:17.10\\n" contains spaces, which no image reference holds; remove them`],
  ["a tag starting with '-'", () => image('postgres:-17.10'), `${PSS} image "postgres:-17.10" has a tag a registry cannot hold ('-17.10': letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')`],
  ['two tags', () => image('postgres:17.10:17.9'), `${PSS} image "postgres:17.10:17.9" has a tag a registry cannot hold ('17.10:17.9': letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')`],
  ['a tag of 129 characters', () => image(`postgres:17.10-${'x'.repeat(123)}`), `${PSS} image "postgres:17.10-${'x'.repeat(123)}" has a tag a registry cannot hold ('17.10-${'x'.repeat(123)}': letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')`],
  ['an empty path component', () => image('library//postgres:17.10'), `${PSS} image "library//postgres:17.10" has a name that is not lower-case letters and digits joined by '.', '_', '__', '-' or '/' ('library//postgres')`],
  ['three underscores', () => image('my___pg:17.10'), `${PSS} image "my___pg:17.10" has a name that is not lower-case letters and digits joined by '.', '_', '__', '-' or '/' ('my___pg')`],
  ['a port that is not a number', () => image('registry.example.com:http/postgres:17.10'), `${PSS} image "registry.example.com:http/postgres:17.10" has a registry that is not a host name with an optional port ('registry.example.com:http')`],
  ['a digest alone', () => image(`postgres@${SHA}`), `${PSS} image "postgres@${SHA}" has a digest but no tag, so its PostgreSQL major cannot be checked; write the tag before the digest, e.g. 'postgres:17.10@sha256:…'`],
  ['a short digest', () => image('postgres:17.10@sha256:abc'), `${PSS} image "postgres:17.10@sha256:abc" has a digest that is not an algorithm and hex digits ('sha256:' and 64 lower-case hex digits)`],
  ['an upper-case sha256 digest', () => image(`postgres:17.10@sha256:${'A'.repeat(64)}`), `${PSS} image "postgres:17.10@sha256:${'A'.repeat(64)}" has a digest that is not an algorithm and hex digits ('sha256:' and 64 lower-case hex digits)`],
  ['a digest without an algorithm', () => image(`postgres:17.10@${'a'.repeat(64)}`), `${PSS} image "postgres:17.10@${'a'.repeat(64)}" has a digest that is not an algorithm and hex digits ('sha256:' and 64 lower-case hex digits)`],
  ['16.4 declared as 17', () => image('postgres:16.4'), `${PSS} image "postgres:16.4" is PostgreSQL 16, but majorVersion is 17; use a 17.x image (e.g. 'postgres:17.10'), or declare majorVersion: 16 (a change of major is an upgrade to carry out, not a new image)`],
  ['18.4 declared as 14', () => image('docker.io/library/postgres:18.4', 14), `${PSS} image "docker.io/library/postgres:18.4" is PostgreSQL 18, but majorVersion is 14; use a 14.x image (e.g. 'postgres:14.23'), or declare majorVersion: 18 (a change of major is an upgrade to carry out, not a new image)`],
  ['9.6.24 declared as 17', () => image('postgres:9.6.24'), `${PSS} image "postgres:9.6.24" is PostgreSQL 9, but majorVersion is 17; use a 17.x image (e.g. 'postgres:17.10'), or declare majorVersion: 9 (a change of major is an upgrade to carry out, not a new image)`],
  ['a registry with a port and latest', () => image('localhost:5000/postgres:latest'), `${PSS} image "localhost:5000/postgres:latest" is not pinned: 'latest' moves with every release; name a full version, e.g. 'postgres:17.10'`],
  // The exporter sidecar on both backends.
  ['an exporter without a tag', () => server({ monitoring: { login: { name: 'postgres', password: { name: 'm', key: 'password' } }, image: 'quay.io/prometheuscommunity/postgres-exporter' } }),
    `${PSS} monitoring.image "quay.io/prometheuscommunity/postgres-exporter" has no tag, so it pulls 'latest'; name a full version, e.g. 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1'`],
  ["an exporter on 'latest'", () => server({ monitoring: { login: { name: 'postgres', password: { name: 'm', key: 'password' } }, image: 'quay.io/prometheuscommunity/postgres-exporter:latest' } }),
    `${PSS} monitoring.image "quay.io/prometheuscommunity/postgres-exporter:latest" is not pinned to a full version ('latest' moves); name one, e.g. 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1'`],
  ["an exporter on 'v0.17'", () => server({ monitoring: { login: { name: 'postgres', password: { name: 'm', key: 'password' } }, image: 'quay.io/prometheuscommunity/postgres-exporter:v0.17' } }),
    `${PSS} monitoring.image "quay.io/prometheuscommunity/postgres-exporter:v0.17" is not pinned to a full version ('v0.17' moves); name one, e.g. 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1'`],
  ["a Zalando exporter on 'master'", () => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, monitoring: { login: { name: 'postgres_exporter', password: { name: 'postgres-exporter.acid-db.credentials.postgresql.acid.zalan.do', key: 'password' } }, image: 'postgres-exporter:master' } }),
    `ZalandoCluster 'test/acid-db': monitoring.image "postgres-exporter:master" is not pinned to a full version ('master' moves); name one, e.g. 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1'`],
  ['a Zalando exporter with capitals', () => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, monitoring: { login: { name: 'postgres_exporter', password: { name: 'postgres-exporter.acid-db.credentials.postgresql.acid.zalan.do', key: 'password' } }, image: 'Postgres-Exporter:v0.17.1' } }),
    `ZalandoCluster 'test/acid-db': monitoring.image "Postgres-Exporter:v0.17.1" has capital letters in its name ('Postgres-Exporter'); image names are lower case, e.g. 'postgres:17.10'`],
  // Jobs and CronJobs.
  ['a schema Job on 16 beside a 17 server', () => withJob('schema', 'postgres:16.4'),
    "SchemaInitJob 'test/schema': image \"postgres:16.4\" is PostgreSQL 16, but the server runs 17 ('postgres:17.10'); the Job's psql and pg_isready should be the server's own; use the server's major"],
  ["a schema Job on 'latest'", () => withJob('schema', 'postgres:latest'),
    "SchemaInitJob 'test/schema': image \"postgres:latest\" is not pinned: 'latest' moves with every release; name a full version, e.g. 'postgres:17.10'"],
  ['a backup CronJob on 18 beside a 17 server', () => withJob('backup', 'postgres:18.4'),
    "BackupCronJob 'test/backup': image \"postgres:18.4\" is PostgreSQL 18, but the server runs 17 ('postgres:17.10'); pg_dump refuses a server newer than itself, and RestoreJob restores with the server's image, whose pg_restore cannot read a newer pg_dump's files; use the server's major"],
  ['a backup CronJob on 16 beside a 17.10-alpine server', () => withJob('backup', 'postgres:16.4-alpine', 'postgres:17.10-alpine'),
    "BackupCronJob 'test/backup': image \"postgres:16.4-alpine\" is PostgreSQL 16, but the server runs 17 ('postgres:17.10-alpine'); pg_dump refuses a server newer than itself, and RestoreJob restores with the server's image, whose pg_restore cannot read a newer pg_dump's files; use the server's major"],
  ['a backup CronJob on a bare major', () => withJob('backup', 'postgres:17'),
    "BackupCronJob 'test/backup': image \"postgres:17\" names only a major ('17' moves to each new minor release); name a full version, e.g. 'postgres:17.10'"],
  ['a schema Job that sets passwords, on an Alpine server image', () => withJob('schema', undefined, 'postgres:17.10-alpine'),
    "SchemaInitJob 'test/schema': server.image \"postgres:17.10-alpine\" is an Alpine image, which has no perl: the Job computes the SCRAM verifiers of the logins' passwords with perl so that no password reaches the server; set image to the Debian-based image of the same version (e.g. without '-alpine')"],
  ['a schema Job that sets passwords, on an Alpine image', () => withJob('schema', 'postgres:17.10-alpine3.22'),
    "SchemaInitJob 'test/schema': image \"postgres:17.10-alpine3.22\" is an Alpine image, which has no perl: the Job computes the SCRAM verifiers of the logins' passwords with perl so that no password reaches the server; set image to the Debian-based image of the same version (e.g. without '-alpine')"],
  ['a schema Job on a hand-made connection with an unpinned image', () => new SchemaInitJob(testChart(), 'schema', { server: connection('postgres') }),
    "SchemaInitJob 'test/schema': server.image \"postgres\" has no tag, so it pulls 'latest'; name a full version, e.g. 'postgres:17.10'"],
  ['a restore Job on a hand-made connection with an alpine image', () => new RestoreJob(testChart(), 'restore', { server: connection('postgres:alpine'), claimName: 'backups', sourceDatabase: 'orders' }),
    "RestoreJob 'test/restore': server.image \"postgres:alpine\" has no full version in its tag ('alpine' moves with every release); name one, e.g. 'postgres:17.10' or 'postgres:17.10-alpine'"],
];

describe('input-images: hostile images get named errors', () => {
  test.each(HOSTILE)('%s', (_name, build, message) => {
    expect(build).toThrow(expect.objectContaining({ name: 'ValidationError', message }));
  });
});

describe('images the container runtime accepts, pinned to a full version of the declared major, pass', () => {
  const VALID: [string, number][] = [
    ['postgres:17.10', 17], ['postgres:17.10-alpine', 17], ['postgres:17.10-alpine3.22', 17], ['postgres:17.10-bookworm', 17], ['postgres:14.23', 14],
    ['localhost:5000/postgres:17.10', 17], ['registry.example.com:5000/team/db/postgres:17.10', 17], ['docker.io/library/postgres:17.10', 17],
    [`postgres:17.10@${SHA}`, 17], [`localhost:5000/postgres:18.4-alpine@${SHA}`, 18], ['bitnami/postgresql:17.6.0', 17],
    ['ghcr.io/acme/postgres_custom:17.2', 17], ['my-registry.local/a__b/c.d-e:16.14', 16], ['Registry.Example.com/postgres:17.10', 17], ['[::1]:5000/postgres:17.10', 17],
    // the extension's version first, the major in a pg<N> part; PostGIS: the major, then PostGIS's version
    ['timescale/timescaledb:2.17.2-pg17', 17], ['timescale/timescaledb:2.17.2-pg16-oss', 16], ['timescale/timescaledb-ha:pg17.2-ts2.17.2', 17],
    ['pgvector/pgvector:0.8.0-pg17', 17], ['pgvector/pgvector:0.8.0-pg14-bookworm', 14], ['postgis/postgis:17-3.5', 17], ['postgis/postgis:16-3.5.2-alpine', 16],
    ['ghcr.io/cloudnative-pg/postgresql:17.6', 17],
  ];
  test.each(VALID)('%s', (value, major) => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'db', { namespace: 'shop', image: value, majorVersion: major });
    const sts = synth(chart).find((o) => o.kind === 'StatefulSet')!;
    expect(podSpecOf(sts).containers[0].image).toBe(value);
    expect(postgresMajorOfImage(value)).toBe(major);
  });

  test('the reference is split as the runtime splits it', () => {
    expect(parseImageReference('localhost:5000/postgres:17.10')).toEqual({ registry: 'localhost:5000', path: 'postgres', tag: '17.10', digest: undefined });
    expect(parseImageReference('localhost/postgres')).toEqual({ registry: 'localhost', path: 'postgres', tag: undefined, digest: undefined });
    expect(parseImageReference('team/postgres:17.10')).toEqual({ registry: undefined, path: 'team/postgres', tag: '17.10', digest: undefined });
    expect(parseImageReference(`postgres:17.10@${SHA}`)).toEqual({ registry: undefined, path: 'postgres', tag: '17.10', digest: SHA });
  });

  test('Jobs of the server major pass, and their images are what was given', () => {
    const chart = testChart();
    const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', image: 'postgres:17.10-alpine' });
    new BackupCronJob(chart, 'backup', { server: db, image: `postgres:17.9@${SHA}`, storage: BackupStorage.newClaim({ size: '1Gi' }) });
    // Setting passwords needs perl: the schema Job runs the Debian-based image beside an Alpine server.
    new SchemaInitJob(chart, 'schema', { server: db, image: 'postgres:17.10-bookworm', databases: [{ name: 'app', owner: 'app' }], users: [{ name: 'app', kind: 'admin', password: { name: 's', key: 'app' } }] });
    new SchemaInitJob(chart, 'grants', { server: db, name: 'db-grants', configMapName: 'db-grants', logins: 'existing', databases: [{ name: 'app', owner: 'app' }], users: [{ name: 'app', kind: 'admin', password: { name: 's', key: 'app' } }] });
    const images = synth(chart).filter((o) => ['Job', 'CronJob'].includes(o.kind)).map((o) => `${o.kind} ${podSpecOf(o).containers[0].image}`);
    expect(images.sort()).toEqual([`CronJob postgres:17.9@${SHA}`, 'Job postgres:17.10-alpine', 'Job postgres:17.10-bookworm']);
  });

  test("the Zalando backend's images: its Jobs use the official image of its major, the CR names no Spilo image", () => {
    const chart = testChart();
    const cluster = new ZalandoCluster(chart, 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, majorVersion: 16, monitoring: { login: { name: 'postgres_exporter', password: { name: 'postgres-exporter.acid-db.credentials.postgresql.acid.zalan.do', key: 'password' } }, image: 'quay.io/prometheuscommunity/postgres-exporter:v0.16.0' } });
    new SchemaInitJob(chart, 'schema', { server: cluster.connection, logins: 'existing' });
    const spec = synth(chart).find((o) => o.kind === 'postgresql')!.spec;
    expect([cluster.connection.image, spec.dockerImage, spec.sidecars[0].image]).toEqual(['postgres:16.14', undefined, 'quay.io/prometheuscommunity/postgres-exporter:v0.16.0']);
  });
});
