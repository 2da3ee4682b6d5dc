import { ZalandoCluster, ZalandoClusterProps } from '../lib';
import postgresqlSchema from '../lib/imports/acid.zalan.do.postgresql.schema.json';
import { postgresqlProblems } from './support/crd-schema';
import { only, synth, testChart } from './support/manifests';

// The operator upgrades in place when majorVersion rises (ZalandoClusterProps.majorVersion says
// how); synthesis refuses what the CRD refuses. A downgrade cannot be seen without the running
// cluster: the operator ignores it, and the TSDoc and docs/upgrading.md say so.
const base: ZalandoClusterProps = { teamId: 'acid', storage: { size: '10Gi' } };
function resource(props: Partial<ZalandoClusterProps>) {
  const chart = testChart();
  new ZalandoCluster(chart, 'acid-orders', { namespace: 'shop', ...base, ...props });
  return only(synth(chart), 'postgresql', 'acid-orders');
}

/** The CRD's own list: spec.postgresql.version's enum in the schema `npm run import` extracts from the CRD. */
const CRD_VERSIONS: string[] = (postgresqlSchema as any).properties.spec.properties.postgresql.properties.version.enum;

describe('ZalandoCluster majorVersion against the CRD', () => {
  test('the CRD lists 14 to 18', () => {
    expect(CRD_VERSIONS).toEqual(['14', '15', '16', '17', '18']);
  });

  test.each(CRD_VERSIONS)('%s: rendered as the CRD wants it, and valid', (version) => {
    const cluster = resource({ majorVersion: Number(version) });
    expect(cluster.spec.postgresql.version).toBe(version);
    expect(postgresqlProblems(cluster)).toEqual([]);
  });

  test.each([
    [13, "majorVersion 13 is not one of the CRD's versions (14, 15, 16, 17, 18)"],
    [19, "majorVersion 19 is not one of the CRD's versions (14, 15, 16, 17, 18)"],
    [17.5, "majorVersion 17.5 is not one of the CRD's versions (14, 15, 16, 17, 18)"],
    ['17', 'majorVersion "17" must be a number, not a string'],
    [NaN, 'majorVersion NaN must be a number, not NaN'],
  ])('%p is refused at synth', (version, message) => {
    expect(() => resource({ majorVersion: version as number })).toThrow(`ZalandoCluster 'test/acid-orders': ${message}`);
  });

  test.each(['13', '19', '17.5'])('the CRD refuses version %s too (what synthesis refuses never reaches the API server)', (version) => {
    const cluster = JSON.parse(JSON.stringify(resource({ majorVersion: 17 })));
    cluster.spec.postgresql.version = version;
    expect(postgresqlProblems(cluster)).toContain('/spec/postgresql/version must be equal to one of the allowed values');
  });
});
