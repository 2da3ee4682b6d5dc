import { PostgresStatefulSet, ZalandoCluster } from '../lib';
import { parseCidr, renderPgHba } from '../lib/config/pg-hba';
import { only, synth, testChart } from './support/manifests';
import { HbaServer } from './support/postgres-conf';

/**
 * Class "addresses": the ranges of pg_hba.conf (clientCidrs) either fail at construction with a
 * named error, or are parsed by a real server (pg_hba_file_rules of PostgreSQL 17 and 14) into
 * exactly the network and prefix the library read.
 */

const statefulSet = (clientCidrs: string[]) => new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop', clientCidrs });
const PSS = "PostgresStatefulSet 'test/db':";
const GENERIC = "is not an address range in CIDR notation (e.g. '10.0.0.0/8' or 'fd00::/8')";
const V6 = "is not an IPv6 range PostgreSQL reads (e.g. 'fd00::/8' or '2001:db8::/32')";

const HOSTILE: [string, string[], string][] = [
  ['an empty list', [], `${PSS} clientCidrs [] is empty, which locks every TCP client out (pg_hba.conf would have no host line); list the ranges that may connect, e.g. ['10.0.0.0/8']`],
  ['a leading zero (octal to glibc)', ['010.0.0.1/8'], `${PSS} clientCidrs[0] "010.0.0.1/8" has an octet with a leading zero, which PostgreSQL reads as octal ('010.0.0.1' is 8.0.0.1); write it without the zero`],
  ['two octets', ['10.1/8'], `${PSS} clientCidrs[0] "10.1/8" is not four decimal octets (PostgreSQL reads '10.1' as 10.0.0.1); write all four, e.g. '10.0.0.0/8'`],
  ['three octets', ['1.2.3/24'], `${PSS} clientCidrs[0] "1.2.3/24" is not four decimal octets (PostgreSQL reads '10.1' as 10.0.0.1); write all four, e.g. '10.0.0.0/8'`],
  ['a hexadecimal octet', ['0x0a.0.0.0/8'], `${PSS} clientCidrs[0] "0x0a.0.0.0/8" has a hexadecimal part, which PostgreSQL reads as hex ('0x0a' is 10); write four decimal octets`],
  ['an octet above 255', ['256.0.0.0/8'], `${PSS} clientCidrs[0] "256.0.0.0/8" has an octet above 255`],
  ['host bits set (IPv4)', ['10.0.0.1/8'], `${PSS} clientCidrs[0] "10.0.0.1/8" has bits set after the prefix, which PostgreSQL ignores: it means '10.0.0.0/8'; write that, or '10.0.0.1/32' for the one address`],
  ['host bits set (IPv6)', ['2001:db8::1/32'], `${PSS} clientCidrs[0] "2001:db8::1/32" has bits set after the prefix, which PostgreSQL ignores: it means '2001:db8::/32'; write that, or '2001:db8::1/128' for the one address`],
  ['host bits set in a later range', ['10.0.0.0/8', '192.168.1.1/24'], `${PSS} clientCidrs[1] "192.168.1.1/24" has bits set after the prefix, which PostgreSQL ignores: it means '192.168.1.0/24'; write that, or '192.168.1.1/32' for the one address`],
  ['prefix /33', ['10.0.0.0/33'], `${PSS} clientCidrs[0] "10.0.0.0/33" has a prefix length outside /0 to /32 (written as a plain number of bits)`],
  ['prefix /129', ['::1/129'], `${PSS} clientCidrs[0] "::1/129" has a prefix length outside /0 to /128 (written as a plain number of bits)`],
  ['prefix /-1', ['10.0.0.0/-1'], `${PSS} clientCidrs[0] "10.0.0.0/-1" has a prefix length outside /0 to /32 (written as a plain number of bits)`],
  ['prefix /+8', ['10.0.0.0/+8'], `${PSS} clientCidrs[0] "10.0.0.0/+8" has a prefix length outside /0 to /32 (written as a plain number of bits)`],
  ['prefix /08', ['10.0.0.0/08'], `${PSS} clientCidrs[0] "10.0.0.0/08" has a prefix length outside /0 to /32 (written as a plain number of bits)`],
  ['a netmask instead of a prefix', ['10.0.0.0/255.0.0.0'], `${PSS} clientCidrs[0] "10.0.0.0/255.0.0.0" has a prefix length outside /0 to /32 (written as a plain number of bits)`],
  ['no prefix', ['10.0.0.0'], `${PSS} clientCidrs[0] "10.0.0.0" ${GENERIC}`],
  ['two prefixes', ['10.0.0.0/8/8'], `${PSS} clientCidrs[0] "10.0.0.0/8/8" ${GENERIC}`],
  ['a zone id', ['fe80::1%eth0/64'], `${PSS} clientCidrs[0] "fe80::1%eth0/64" names a zone ('%…'), which means nothing to a pod's network; leave it out`],
  ['a leading space', [' 10.0.0.0/8'], `${PSS} clientCidrs[0] " 10.0.0.0/8" contains spaces, which end the address field of a pg_hba.conf line; write the range alone`],
  ['a second field smuggled in', ['10.0.0.0/8 trust'], `${PSS} clientCidrs[0] "10.0.0.0/8 trust" contains spaces, which end the address field of a pg_hba.conf line; write the range alone`],
  ['a tab', ['10.0.0.0/8\t'], `${PSS} clientCidrs[0] "10.0.0.0/8\\t" contains spaces, which end the address field of a pg_hba.conf line; write the range alone`],
  ["two '::'", ['1::2::3/64'], `${PSS} clientCidrs[0] "1::2::3/64" ${V6}`],
  ["'::::'", ['::::/64'], `${PSS} clientCidrs[0] "::::/64" ${V6}`],
  ['nine groups', ['1:2:3:4:5:6:7:8:9/128'], `${PSS} clientCidrs[0] "1:2:3:4:5:6:7:8:9/128" ${V6}`],
  ['a group of five digits', ['fd000::/8'], `${PSS} clientCidrs[0] "fd000::/8" ${V6}`],
  ['brackets', ['[::1]/128'], `${PSS} clientCidrs[0] "[::1]/128" ${V6}`],
  ['an embedded IPv4 with a leading zero', ['::ffff:010.0.0.1/128'], `${PSS} clientCidrs[0] "::ffff:010.0.0.1/128" ${V6}`],
  ["the keyword 'samenet'", ['samenet'], `${PSS} clientCidrs[0] "samenet" ${GENERIC}`],
  ["the keyword 'all'", ['all'], `${PSS} clientCidrs[0] "all" ${GENERIC}`],
  ['a host name', ['.example.com'], `${PSS} clientCidrs[0] ".example.com" ${GENERIC}`],
  ['a number from JSON', [10 as any], `${PSS} clientCidrs[0] 10 must be a string, not a number`],
];

describe('input-addresses: hostile ranges get named errors', () => {
  test.each(HOSTILE)('%s', (_name, cidrs, message) => {
    expect(() => statefulSet(cidrs)).toThrow(expect.objectContaining({ name: 'ValidationError', message }));
  });
});

/** The ranges a user may write, in every form the library accepts. */
const ACCEPTED = [
  '10.0.0.0/8', '0.0.0.0/0', '255.255.255.255/32', '192.168.1.128/25', '172.16.0.0/12', '100.64.0.0/10',
  '::/0', '::1/128', 'fd00::/8', '2001:DB8::/32', '2001:0db8:0000::/48', '::ffff:1.2.3.4/128', '::ffff:0:0/96',
  'fe80::/10', '1:2:3:4:5:6:7:8/128', '1:2:3:4:5:6:1.2.3.4/128', '2001:db8::/127', '2001:db8:0:0:0:0:0:0/64', 'a::/16',
];

/** Bits of a netmask as the server prints it ('255.0.0.0', 'ffff:ffff::'), or -1 when not contiguous. */
function prefixOf(netmask: string): number {
  const parsed = parseCidr(`${netmask}/${netmask.includes(':') ? 128 : 32}`);
  if (typeof parsed === 'string') throw new Error(`the server printed a netmask the library cannot read: ${netmask}`);
  const bits = parsed.network.toString(2).padStart(parsed.family === 4 ? 32 : 128, '0');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') < 0 ? bits.length : bits.indexOf('0') : -1;
}

// The address field only: rendered as plain `host` lines, which this server (without TLS) reads
// without complaint; the `hostssl` lines of the default are parsed on servers with TLS in
// test/majors/suites/server-config.ts and tls.ts.
describe.each([17, 14])('PostgreSQL %i parses the rendered pg_hba.conf as the library does', (major) => {
  let server: HbaServer;
  beforeAll(() => { server = new HbaServer(major, 5432); });
  afterAll(() => server?.stop());

  test('every accepted range is a valid line whose address and netmask are the network and prefix the library read', () => {
    const chart = testChart();
    const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', clientCidrs: ACCEPTED, disposable: true, tls: { enabled: false } });
    const hba: string = only(synth(chart), 'ConfigMap', db.configMapName).data['pg_hba.conf'];
    const rules = server.rules(hba);
    expect(rules.filter(([, , , error]) => error !== '')).toEqual([]);
    const hosts = rules.filter(([, address]) => address !== '');
    const parsedByServer = hosts.map(([, address, netmask]) => {
      const range = parseCidr(`${address}/${address.includes(':') ? 128 : 32}`);
      return typeof range === 'string' ? range : `${range.family}:${range.network.toString(16)}/${prefixOf(netmask)}`;
    });
    const readByLibrary = ACCEPTED.map((cidr) => {
      const range = parseCidr(cidr);
      return typeof range === 'string' ? range : `${range.family}:${range.network.toString(16)}/${range.prefix}`;
    });
    expect(parsedByServer).toEqual(readByLibrary);
  });

  test('what the library refuses, the server refuses or reads as something else than written', () => {
    const written = ['010.0.0.1/8', '10.1/8', '1.2.3/24', '0x0a.0.0.0/8', '10.0.0.1/8', 'fe80::1%lo/64', '10.0.0.0/33', '::1/129', '1::2::3/64', '256.0.0.0/8', 'samenet'];
    const rules = server.rules(renderPgHba(written, false)).slice(2);
    expect(rules.map(([, address, netmask, error]) => error || `${address} ${netmask}`)).toEqual([
      '8.0.0.1 255.0.0.0',
      '10.0.0.1 255.0.0.0',
      '1.2.0.3 255.255.255.0',
      '10.0.0.0 255.0.0.0',
      '10.0.0.1 255.0.0.0',
      'fe80::1 ffff:ffff:ffff:ffff::',
      'invalid CIDR mask in address "10.0.0.0/33"',
      'invalid CIDR mask in address "::1/129"',
      'specifying both host name and CIDR mask is invalid: "1::2::3/64"',
      'specifying both host name and CIDR mask is invalid: "256.0.0.0/8"',
      // A keyword: any address of the server's own subnets, not a range.
      'samenet ',
    ]);
  });

  test('an empty list leaves no line for TCP clients at all', () => {
    const rules = server.rules(renderPgHba([], false));
    expect(rules.map(([, address]) => address)).toEqual(['', '']);
  });
});

describe('the Zalando backend takes no ranges', () => {
  test('the resource carries no allowedSourceRanges, and its pg_hba (test/zalando-least-privilege.test.ts) names every address', () => {
    const chart = testChart();
    new ZalandoCluster(chart, 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' } });
    const spec = only(synth(chart), 'postgresql').spec;
    expect(spec.allowedSourceRanges).toBeUndefined();
    expect([...new Set(spec.patroni.pg_hba.filter((l: string) => l.startsWith('host')).map((l: string) => l.split(' ')[3]))]).toEqual(['0.0.0.0/0', '::/0']);
  });
});
