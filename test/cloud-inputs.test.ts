import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import fc from 'fast-check';
import { BackupCronJob, BackupStorage, PostgresStatefulSet } from '../lib';
import { AksCluster, AksClusterProps, BackupUploadIdentity, BlobBackupStorage, BlobBackupStorageProps } from '../lib/terraform/azure';
import { admittedAddresses, admittedAddressesHcl, canonicalCidrHcl, Ipv4Range, parseIpv4Cidr, privateRangeHcl, privateRangeOf } from '../lib/terraform/ip-ranges';
import { refused } from './support/errors';
import { testChart } from './support/manifests';
import { terraformPlan, terraformRun } from './support/terraform';

/**
 * Issue 22, "Cloud inputs checked by what they admit": the API server's authorized ranges and
 * the backup account's firewall rules are refused when together they admit more than a declared
 * maximum, each range must be written as Azure takes it, the account's retention stays in the
 * bounds Azure has, and the ServiceAccount an upload identity trusts is never `default`. Every
 * rule holds for literal values at construction and, written in Terraform's language, for values
 * Terraform knows (preconditions), with Terraform as the oracle of the latter.
 */


const cidr = (text: string) => parseIpv4Cidr(text) as Ipv4Range;

describe('ranges and what they admit together', () => {
  test.each([
    ['the two halves of the internet', ['0.0.0.0/1', '128.0.0.0/1'], 4294967296],
    ['one range twice', ['203.0.113.0/24', '203.0.113.0/24'], 256],
    ['a range inside another', ['203.0.113.0/24', '203.0.113.128/25', '203.0.113.7/32'], 256],
    ['ranges that touch', ['203.0.112.0/24', '203.0.113.0/24'], 512],
    ['ranges apart', ['198.51.100.4/32', '203.0.113.0/30'], 5],
    ['nothing', [], 0],
  ])('%s', (_name, ranges, admitted) => {
    expect(admittedAddresses(ranges.map(cidr))).toBe(admitted);
  });

  test.each([
    ['999.1.1.1/32', 'has an octet above 255'],
    ['256.0.0.0/8', 'has an octet above 255'],
    ['010.0.0.0/8', 'has an octet with a leading zero, which readers take as octal or drop; write it without the zero'],
    ['10.0.0.0/33', 'has a prefix length outside /0 to /32 (written as a plain number of bits)'],
    ['10.0.0.0/08', 'has a prefix length outside /0 to /32 (written as a plain number of bits)'],
    ['10.0.0.1/8', "has bits set after the prefix, so it does not say which is meant: the range '10.0.0.0/8' (what Terraform's cidrhost and most readers take it for) or the one address '10.0.0.1/32'; write the one you mean"],
    ['203.0.113.7', 'has no prefix length: write the range as a CIDR (/32 for one address)'],
    ['2001:db8::/32', "is not an IPv4 range in CIDR notation (four decimal octets and a prefix length, e.g. '203.0.113.0/24')"],
    [' 203.0.113.0/24', "is not an IPv4 range in CIDR notation (four decimal octets and a prefix length, e.g. '203.0.113.0/24')"],
  ])('%s %s', (text, reason) => {
    expect(parseIpv4Cidr(text)).toBe(reason);
  });

  test('the union equals a count of the addresses, address by address (ranges within one /22)', () => {
    fc.assert(fc.property(fc.array(fc.record({ offset: fc.integer({ min: 0, max: 1023 }), prefix: fc.integer({ min: 22, max: 32 }) }), { maxLength: 8 }), (picks) => {
      const ranges = picks.map(({ offset, prefix }) => {
        const size = 2 ** (32 - prefix);
        return { start: 0xcb007000 + offset - (offset % size), prefix };
      });
      const covered = new Set<number>();
      for (const r of ranges) for (let a = r.start; a < r.start + 2 ** (32 - r.prefix); a++) covered.add(a);
      expect(admittedAddresses(ranges)).toBe(covered.size);
    }));
  });

  test('Terraform reads every range as the library does: canonical or not, private or not, and the same union', () => {
    const dotted = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
    // Mostly canonical ranges, so that the unions are of interest; some with host bits; first octets near the private ranges.
    const range = fc.tuple(fc.constantFrom(0, 9, 10, 11, 127, 128, 171, 172, 173, 191, 192, 193, 203, 255), fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 4 }))
      .map(([a, b, c, d, prefix, skew]) => {
        const address = ((a * 256 + b) * 256 + c) * 256 + d;
        return `${dotted(skew === 0 ? address : address - (address % 2 ** (32 - prefix)))}/${prefix}`;
      });
    const lists = [
      ...fc.sample(fc.array(range, { minLength: 1, maxLength: 6 }), { numRuns: 60, seed: 22 }),
      ['0.0.0.0/1', '128.0.0.0/1'], ['999.1.1.1/32'], ['010.0.0.0/8'], ['10.0.0.0/08'], ['172.15.255.252/30', '172.32.0.0/11'], ['0.0.0.0/0'], ['192.168.0.0/15'],
      ['203.0.113.0/24', '203.0.113.0/24', '203.0.113.128/25'],
    ];
    const locals = Object.fromEntries(lists.map((list, i) => [`l${i}`, list]));
    const outputs = Object.fromEntries(lists.map((_list, i) => [`o${i}`, {
      value: `\${{ canonical = [for c in local.l${i} : ${canonicalCidrHcl('c')}], private = [for c in local.l${i} : try(${privateRangeHcl('c')}, null)], admitted = try(${admittedAddressesHcl(`local.l${i}`)}, null) }}`,
    }]));
    const result = terraformRun({ locals, output: outputs }, {}, ['apply', '-auto-approve', '-json']);
    expect(result.ok).toBe(true);
    const values: Record<string, any> = Object.fromEntries(result.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l))
      .filter((m) => m.type === 'outputs').flatMap((m) => Object.entries<any>(m.outputs)).map(([k, v]) => [k, v.value]));
    lists.forEach((list, i) => {
      const got = values[`o${i}`];
      const parsed = list.map(parseIpv4Cidr);
      expect([list, got.canonical]).toEqual([list, parsed.map((p) => typeof p !== 'string')]);
      parsed.forEach((p, j) => {
        if (typeof p !== 'string') expect([list[j], got.private[j]]).toEqual([list[j], privateRangeOf(p) !== undefined]);
      });
      if (parsed.every((p) => typeof p !== 'string')) expect([list, got.admitted]).toEqual([list, admittedAddresses(parsed as Ipv4Range[])]);
    });
  }, 120000);
});

const minimal: AksClusterProps = { name: 'c', resourceGroupName: 'rg', location: 'koreacentral', vmSize: 'Standard_D2s_v5', tenantId: 't', authorizedIpRanges: ['203.0.113.7/32'] };
const aks = (props: Partial<AksClusterProps>) => new AksCluster(new TerraformStack(Testing.app(), 's'), 'aks', { ...minimal, ...props });
const AKS = "AksCluster 's/aks':";

describe('AKS authorized ranges', () => {
  test.each([
    ['the internet split in halves', { authorizedIpRanges: ['0.0.0.0/1', '128.0.0.0/1'] },
      `${AKS} authorizedIpRanges ["0.0.0.0/1","128.0.0.0/1"] admit 4294967296 addresses together, more than maxAuthorizedAddresses (65536): list only the ranges that need the API server, or declare a larger maxAuthorizedAddresses`],
    ['0.0.0.0/0', { authorizedIpRanges: ['0.0.0.0/0'] },
      `${AKS} authorizedIpRanges ["0.0.0.0/0"] admit 4294967296 addresses together, more than maxAuthorizedAddresses (65536): list only the ranges that need the API server, or declare a larger maxAuthorizedAddresses`],
    ['small ranges that add up past the maximum', { authorizedIpRanges: ['198.51.0.0/17', '198.51.128.0/17', '203.0.113.0/24'] },
      `${AKS} authorizedIpRanges ["198.51.0.0/17","198.51.128.0/17","203.0.113.0/24"] admit 65792 addresses together, more than maxAuthorizedAddresses (65536): list only the ranges that need the API server, or declare a larger maxAuthorizedAddresses`],
    ['a declared maximum that is exceeded', { authorizedIpRanges: ['203.0.113.0/24'], maxAuthorizedAddresses: 16 },
      `${AKS} authorizedIpRanges ["203.0.113.0/24"] admit 256 addresses together, more than maxAuthorizedAddresses (16): list only the ranges that need the API server, or declare a larger maxAuthorizedAddresses`],
    ['a maximum of the whole internet', { maxAuthorizedAddresses: 4294967296 },
      `${AKS} maxAuthorizedAddresses 4294967296 must be an integer between 1 and 4294967295`],
    ['an octet above 255', { authorizedIpRanges: ['999.1.1.1/32'] }, `${AKS} authorizedIpRanges[0] "999.1.1.1/32" has an octet above 255`],
    ['host bits', { authorizedIpRanges: ['203.0.113.7/24'] },
      `${AKS} authorizedIpRanges[0] "203.0.113.7/24" has bits set after the prefix, so it does not say which is meant: the range '203.0.113.0/24' (what Terraform's cidrhost and most readers take it for) or the one address '203.0.113.7/32'; write the one you mean`],
    ['a bare address', { authorizedIpRanges: ['203.0.113.7'] }, `${AKS} authorizedIpRanges[0] "203.0.113.7" has no prefix length: write the range as a CIDR (/32 for one address)`],
    ['a leading zero', { authorizedIpRanges: ['203.0.113.0/24', '010.0.0.0/8'] }, `${AKS} authorizedIpRanges[1] "010.0.0.0/8" has an octet with a leading zero, which readers take as octal or drop; write it without the zero`],
    ['no ranges', { authorizedIpRanges: [] }, `${AKS} authorizedIpRanges [] is empty: give the address ranges allowed to reach the API server, or make the cluster private`],
  ])('refuses %s', (_name, props, message) => {
    expect(refused(() => aks(props))).toBe(message);
  });

  test.each([
    ['a /16 exactly', ['198.51.0.0/16']],
    ['overlapping ranges counted once', ['198.51.0.0/16', '198.51.100.0/24', '198.51.100.7/32']],
    ['a few addresses', ['203.0.113.7/32', '198.51.100.0/28']],
  ])('accepts %s', (_name, ranges) => {
    expect(() => aks({ authorizedIpRanges: ranges })).not.toThrow();
  });

  test('a larger maximum, declared, admits more; a private cluster needs no ranges', () => {
    expect(aks({ authorizedIpRanges: ['198.0.0.0/12'], maxAuthorizedAddresses: 2 ** 20 }).maxAuthorizedAddresses).toBe(1048576);
    expect(() => aks({ authorizedIpRanges: [], privateCluster: true })).not.toThrow();
  });
});

const storage: BlobBackupStorageProps = { accountName: 'backups', resourceGroupName: 'rg', location: 'koreacentral' };
const blob = (props: Partial<BlobBackupStorageProps>) => new BlobBackupStorage(new TerraformStack(Testing.app(), 's'), 'b', { ...storage, ...props });
const BLOB = "BlobBackupStorage 's/b':";

describe('Blob backup storage firewall and retention', () => {
  test.each([
    ['the whole internet', { allowedIpRanges: ['0.0.0.0/0'] },
      `${BLOB} allowedIpRanges ["0.0.0.0/0"] admit 4294967296 addresses together, more than maxAllowedIpAddresses (65536): list only the addresses that need the backups, or declare a larger maxAllowedIpAddresses`],
    ['the internet split in halves', { allowedIpRanges: ['0.0.0.0/1', '128.0.0.0/1'] },
      `${BLOB} allowedIpRanges ["0.0.0.0/1","128.0.0.0/1"] admit 4294967296 addresses together, more than maxAllowedIpAddresses (65536): list only the addresses that need the backups, or declare a larger maxAllowedIpAddresses`],
    ['a private range', { allowedIpRanges: ['198.51.100.4', '10.1.0.0/24'] },
      `${BLOB} allowedIpRanges[1] "10.1.0.0/24" overlaps the private range 10.0.0.0/8 (RFC 1918; Azure Storage refuses 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 in IP rules); clients in a virtual network reach the account through a subnet rule (allowedSubnetIds)`],
    ['a range holding a private one', { allowedIpRanges: ['172.0.0.0/10'], maxAllowedIpAddresses: 2 ** 22 },
      `${BLOB} allowedIpRanges[0] "172.0.0.0/10" overlaps the private range 172.16.0.0/12 (RFC 1918; Azure Storage refuses 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 in IP rules); clients in a virtual network reach the account through a subnet rule (allowedSubnetIds)`],
    ['a private address', { allowedIpRanges: ['192.168.1.10'] },
      `${BLOB} allowedIpRanges[0] "192.168.1.10" overlaps the private range 192.168.0.0/16 (RFC 1918; Azure Storage refuses 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 in IP rules); clients in a virtual network reach the account through a subnet rule (allowedSubnetIds)`],
    ['a /32', { allowedIpRanges: ['198.51.100.4/32'] }, `${BLOB} allowedIpRanges[0] "198.51.100.4/32" is a /32, which Azure Storage refuses in IP rules (ranges are /30 or wider): give the address without a prefix`],
    ['a /31', { allowedIpRanges: ['198.51.100.4/31'] }, `${BLOB} allowedIpRanges[0] "198.51.100.4/31" is a /31, which Azure Storage refuses in IP rules (ranges are /30 or wider): give each address without a prefix`],
    ['host bits', { allowedIpRanges: ['203.0.113.9/24'] },
      `${BLOB} allowedIpRanges[0] "203.0.113.9/24" has bits set after the prefix, so it does not say which is meant: the range '203.0.113.0/24' (what Terraform's cidrhost and most readers take it for) or the one address '203.0.113.9/32'; write the one you mean`],
    ['an address above 255', { allowedIpRanges: ['198.51.100.256'] }, `${BLOB} allowedIpRanges[0] "198.51.100.256" has an octet above 255`],
    ['a host name', { allowedIpRanges: ['example.com'] }, `${BLOB} allowedIpRanges[0] "example.com" is not an IPv4 address or range (e.g. '198.51.100.4' or '203.0.113.0/24')`],
    ['soft delete of 0 days', { softDeleteDays: 0 }, `${BLOB} softDeleteDays 0 must be an integer between 1 and 365`],
    ['soft delete of 366 days', { softDeleteDays: 366 }, `${BLOB} softDeleteDays 366 must be an integer between 1 and 365`],
    ['an account name Azure refuses', { accountName: 'Phone-Bill' }, `${BLOB} accountName "Phone-Bill" is not a storage account name (3 to 24 lower-case letters and digits)`],
    ['a container name Azure refuses', { containerName: 'pg--backups' }, `${BLOB} containerName "pg--backups" is not a blob container name (3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit)`],
  ])('refuses %s', (_name, props, message) => {
    expect(refused(() => blob(props))).toBe(message);
  });

  test.each([
    ['addresses and ranges', { allowedIpRanges: ['198.51.100.4', '203.0.113.0/24', '198.51.100.8/30'] }],
    ['public neighbours of private ranges', { allowedIpRanges: ['172.15.255.252/30', '172.32.0.0/24', '11.0.0.0/24', '192.169.0.0/24'] }],
    ['soft delete of 1 and 365 days', { softDeleteDays: 1 }],
    ['soft delete of 365 days', { softDeleteDays: 365 }],
  ])('accepts %s', (_name, props) => {
    expect(() => blob(props)).not.toThrow();
  });
});

describe('the ServiceAccount a workload identity trusts', () => {
  const upload = (serviceAccountName: string) => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'shop-db', { namespace: 'shop' });
    return new BackupCronJob(chart, 'backup', { server, storage: BackupStorage.newClaim({ size: '1Gi' }), upload: { accountName: 'shopbackups', serviceAccountName } });
  };

  test.each([
    ['default', "BackupCronJob 'test/backup': upload.serviceAccountName \"default\" is the namespace's default ServiceAccount, which every pod without one of its own runs as: the upload identity would trust them all; name an account of its own (or leave it out for the CronJob's name)"],
    ['Backup_Uploader', "BackupCronJob 'test/backup': upload.serviceAccountName \"Backup_Uploader\" is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most 253 characters)"],
  ])('refuses %s', (name, message) => {
    expect(refused(() => upload(name))).toBe(message);
  });

  test('accepts an account of its own', () => {
    expect(upload('shop-backup-uploader').serviceAccount?.metadata.name).toBe('shop-backup-uploader');
  });

  test('the Terraform identity refuses to trust the default account too', () => {
    const props = { name: 'up', resourceGroupName: 'rg', location: 'koreacentral', oidcIssuerUrl: 'https://issuer', namespace: 'shop', storageAccountId: 'id', containerName: 'c' };
    expect(refused(() => new BackupUploadIdentity(new TerraformStack(Testing.app(), 's'), 'u', { ...props, serviceAccountName: 'default' })))
      .toBe("BackupUploadIdentity 's/u': serviceAccountName \"default\" is the namespace's default ServiceAccount, which every pod without one of its own runs as: the upload identity would trust them all; name an account of its own (or leave it out for the CronJob's name)");
    expect(() => new BackupUploadIdentity(new TerraformStack(Testing.app(), 's'), 'u', { ...props, serviceAccountName: 'shop-db-backup' })).not.toThrow();
  });
});

describe('ranges and retention Terraform knows are checked by preconditions, with the same rules', () => {
  const stack = new TerraformStack(Testing.app(), 's');
  const list = (name: string) => new TerraformVariable(stack, name, { type: 'list(string)' }).listValue;
  const cluster = new AksCluster(stack, 'aks', {
    ...minimal,
    authorizedIpRanges: list('ranges'),
    privateCluster: new TerraformVariable(stack, 'private', { type: 'bool', default: false }).booleanValue,
  });
  const text = (name: string, fallback?: string) => new TerraformVariable(stack, name, { type: 'string', default: fallback }).stringValue;
  const account = new BlobBackupStorage(stack, 'b', {
    ...storage,
    // A name with a token inside it: Terraform checks the whole value.
    accountName: `${text('account')}backups`,
    replication: text('replication', 'GRS'),
    allowedIpRanges: list('rules'),
    softDeleteDays: new TerraformVariable(stack, 'days', { type: 'number', default: 7 }).numberValue,
  });
  // A literal list with a token among its ranges.
  new AksCluster(stack, 'mixed', { ...minimal, name: 'm', authorizedIpRanges: ['198.51.100.0/24', `${text('office', '203.0.113.7')}/32`] });
  const json = JSON.parse(Testing.synth(stack));
  const preconditionsOf = (type: string, index = 0) => (Object.values<any>(json.resource[type])[index].lifecycle.precondition);
  const config = {
    variable: json.variable,
    resource: {
      terraform_data: {
        cluster: { lifecycle: { precondition: preconditionsOf('azurerm_kubernetes_cluster') } },
        mixed: { lifecycle: { precondition: preconditionsOf('azurerm_kubernetes_cluster', 1) } },
        account: { lifecycle: { precondition: preconditionsOf('azurerm_storage_account') } },
      },
    },
  };
  const preconditions = (type: string) => preconditionsOf(type);
  const good = { ranges: ['203.0.113.7/32'], rules: ['198.51.100.4', '203.0.113.0/24'], account: 'shop' };
  const plan = (values: Record<string, unknown>) => terraformPlan(config, values);

  test('both constructs carry them (literal values need none)', () => {
    expect(cluster.maxAuthorizedAddresses).toBe(65536);
    expect(account.account).toBeDefined();
    expect(preconditions('azurerm_kubernetes_cluster')).toHaveLength(3);
    expect(preconditions('azurerm_storage_account')).toHaveLength(6);
    expect(preconditionsOf('azurerm_kubernetes_cluster', 1)[1].condition).toContain('tolist(["198.51.100.0/24", "${var.office}/32"])');
    const literal = new TerraformStack(Testing.app(), 'l');
    new AksCluster(literal, 'aks', minimal);
    new BlobBackupStorage(literal, 'b', { ...storage, allowedIpRanges: ['198.51.100.4'] });
    const out = JSON.parse(Testing.synth(literal)).resource;
    expect([Object.values<any>(out.azurerm_kubernetes_cluster)[0].lifecycle, Object.values<any>(out.azurerm_storage_account)[0].lifecycle]).toEqual([undefined, undefined]);
  });

  test('terraform plan accepts good values, and a private cluster without ranges', () => {
    const result = plan(good);
    expect(result.output).toContain('Plan: 3 to add');
    expect(result.ok).toBe(true);
    expect(plan({ ...good, ranges: [], private: true }).ok).toBe(true);
  }, 60000);

  test.each([
    ['the internet split in halves', { ranges: ['0.0.0.0/1', '128.0.0.0/1'] },
      'AksCluster \'s/aks\': authorizedIpRanges ["0.0.0.0/1","128.0.0.0/1"] admit 4294967296 addresses together, more than maxAuthorizedAddresses (65536).'],
    ['an invalid authorized range', { ranges: ['203.0.113.7/32', '999.1.1.1/32', '203.0.113.7/24'] },
      'AksCluster \'s/aks\': authorizedIpRanges ["999.1.1.1/32","203.0.113.7/24"] are not IPv4 CIDRs written canonically'],
    ['no authorized ranges on a public cluster', { ranges: [] },
      "AksCluster 's/aks': authorizedIpRanges is empty: give the address ranges allowed to reach the API server"],
    ['storage rules that admit the internet', { rules: ['0.0.0.0/1', '128.0.0.0/1'] },
      'BlobBackupStorage \'s/b\': allowedIpRanges ["0.0.0.0/1","128.0.0.0/1"] admit 4294967296 addresses together, more than maxAllowedIpAddresses (65536).'],
    ['a /32 storage rule', { rules: ['198.51.100.4/32'] },
      'BlobBackupStorage \'s/b\': allowedIpRanges ["198.51.100.4/32"] are not IP rules Azure Storage takes'],
    ['a private storage rule', { rules: ['198.51.100.4', '10.0.0.0/16'] },
      'BlobBackupStorage \'s/b\': allowedIpRanges ["10.0.0.0/16"] overlap the private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918)'],
    ['soft delete of 0 days', { days: 0 }, "BlobBackupStorage 's/b': softDeleteDays 0 is not between 1 and 365, the days Azure keeps deleted blobs."],
    ['an account name with a host in it', { account: 'evil.example#' }, 'BlobBackupStorage \'s/b\': accountName "evil.example#backups" is not a storage account name'],
    ['an account name too long once whole', { account: 'phonebilldevelopment' }, 'BlobBackupStorage \'s/b\': accountName "phonebilldevelopmentbackups" is not a storage account name (3 to 24 lower-case letters and digits).'],
    ['locally redundant storage', { replication: 'LRS' }, 'BlobBackupStorage \'s/b\': replication "LRS" is not zone- or geo-redundant (ZRS, GRS, RAGRS, GZRS, RAGZRS).'],
    ['a token among literal ranges that makes its range invalid', { office: '203.0.113.7/8' }, 'AksCluster \'s/mixed\': authorizedIpRanges ["203.0.113.7/8/32"] are not IPv4 CIDRs written canonically'],
    ['a token among literal ranges that is no address', { office: '999.0.0.1' }, 'AksCluster \'s/mixed\': authorizedIpRanges ["999.0.0.1/32"] are not IPv4 CIDRs written canonically'],
  ])('terraform plan refuses %s', (_name, bad, message) => {
    const result = plan({ ...good, ...bad });
    expect(result.output).toContain('Resource precondition failed');
    expect(result.output).toContain(message);
    expect(result.ok).toBe(false);
  }, 60000);
});
