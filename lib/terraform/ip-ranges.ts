/**
 * IPv4 ranges as the cloud firewalls of the Terraform constructs take them, checked by what they
 * admit: each range written canonically, and the number of addresses all of them admit
 * together (their union, overlaps counted once), which a range split in halves cannot hide.
 * Every rule exists twice, once in TypeScript for literal values at construction and once in
 * Terraform's language for values Terraform knows (variables, attributes), so both agree.
 */

/** An IPv4 range: its first address and its prefix length. */
export interface Ipv4Range {
  /** First address, as a 32-bit number. */
  readonly start: number;
  /** Prefix length, 0 to 32. */
  readonly prefix: number;
}

/** How many addresses the whole IPv4 space holds. */
export const IPV4_ADDRESSES = 2 ** 32;

/**
 * The default largest number of addresses a firewall's ranges may admit together: 65,536, a /16.
 * Those who reach an API server or a backup account are a team's machines, an office's NAT
 * addresses and a CI runner pool: a handful of addresses to a few /24s. A /16 still fits a
 * large organisation's whole egress block, while anything beyond it (a /15, the two /1s that
 * make up the internet) has to be declared.
 */
export const DEFAULT_MAX_ADMITTED_ADDRESSES = 65536;

const OCTET = '(0|[1-9][0-9]?[0-9]?)';
/** Four decimal octets without leading zeros (their values checked apart). No braces: see ipRangeRulesHcl. */
const ADDRESS_PATTERN = `${OCTET}[.]${OCTET}[.]${OCTET}[.]${OCTET}`;
const PREFIX_PATTERN = '([0-9]|[12][0-9]|3[0-2])';

/** Why `text` is not an IPv4 CIDR written canonically, or its range. */
export function parseIpv4Cidr(text: string): Ipv4Range | string {
  if (typeof text !== 'string') return 'must be a string';
  const match = new RegExp(`^(${ADDRESS_PATTERN})/(.*)$`).exec(text);
  if (!match) {
    return /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(text)
      ? (text.includes('/') ? 'has an octet with a leading zero, which readers take as octal or drop; write it without the zero' : 'has no prefix length: write the range as a CIDR (/32 for one address)')
      : 'is not an IPv4 range in CIDR notation (four decimal octets and a prefix length, e.g. \'203.0.113.0/24\')';
  }
  const octets = match[1].split('.').map(Number);
  if (octets.some((o) => o > 255)) return 'has an octet above 255';
  const prefixText = match[match.length - 1];
  if (!new RegExp(`^${PREFIX_PATTERN}$`).test(prefixText)) return 'has a prefix length outside /0 to /32 (written as a plain number of bits)';
  const prefix = Number(prefixText);
  const address = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const start = address - (address % size);
  if (start !== address) {
    const network = `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join('.')}/${prefix}`;
    return `has bits set after the prefix, so it does not say which is meant: the range '${network}' (what Terraform's cidrhost and most readers take it for) or the one address '${match[1]}/32'; write the one you mean`;
  }
  return { start, prefix };
}

/** How many addresses `ranges` admit together: the ranges merged where they overlap or touch. */
export function admittedAddresses(ranges: readonly Ipv4Range[]): number {
  const intervals = ranges.map((r) => [r.start, r.start + 2 ** (32 - r.prefix)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let open: [number, number] | undefined;
  for (const [start, end] of intervals) {
    if (open && start <= open[1]) {
      open[1] = Math.max(open[1], end);
    } else {
      if (open) total += open[1] - open[0];
      open = [start, end];
    }
  }
  return open ? total + open[1] - open[0] : total;
}

/** The RFC 1918 private ranges, which Azure Storage refuses in IP rules. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** Whether two ranges share an address (one holds the other: CIDR ranges never partly overlap). */
export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const size = 2 ** (32 - prefix);
  return Math.floor(a.start / size) === Math.floor(b.start / size);
}

/** The private range `range` overlaps, if any. */
export function privateRangeOf(range: Ipv4Range): string | undefined {
  return PRIVATE_RANGES.find((p) => overlaps(range, parseIpv4Cidr(p) as Ipv4Range));
}

// Terraform's language. cdktf resolves a token inside a `${…}` string only while no brace of the
// string's own text is open, so nothing here writes a brace: regex counts are spelled out.

/** HCL: whether the string `c` is an IPv4 CIDR written canonically (octets 0..255 without leading zeros, prefix 0..32, no host bits). */
export function canonicalCidrHcl(c: string): string {
  return `(can(regex("^${ADDRESS_PATTERN}/${PREFIX_PATTERN}$", ${c})) && try(cidrhost(${c}, 0) == split("/", ${c})[0], false))`;
}

/** HCL: whether the string `a` is one IPv4 address written canonically. */
function canonicalAddressHcl(a: string): string {
  return `(can(regex("^${ADDRESS_PATTERN}$", ${a})) && can(cidrhost(format("%s/32", ${a}), 0)))`;
}

/**
 * HCL: how many addresses the list of canonical CIDRs `list` admits together. CIDR ranges are
 * nested or apart, so the union is the sum over the ranges that no other range holds (of equal
 * ones, the first counts): the same number as merging intervals.
 */
export function admittedAddressesHcl(list: string): string {
  const prefix = (c: string) => `tonumber(split("/", ${c})[1])`;
  const holds = `(j != i && ${prefix('d')} <= ${prefix('c')} && cidrhost(format("%s/%s", split("/", c)[0], split("/", d)[1]), 0) == cidrhost(d, 0) && (${prefix('d')} < ${prefix('c')} || j < i))`;
  return `sum(concat([0], [for i, c in ${list} : pow(2, 32 - ${prefix('c')}) if !anytrue([for j, d in ${list} : ${holds}])]))`;
}

/** HCL: whether the canonical CIDR `c` overlaps a private (RFC 1918) range. */
export function privateRangeHcl(c: string): string {
  const bits = (x: string) => `min(tonumber(split("/", ${c})[1]), tonumber(split("/", ${x})[1]))`;
  return `anytrue([for p in ${JSON.stringify(PRIVATE_RANGES)} : cidrhost(format("%s/%s", split("/", ${c})[0], ${bits('p')}), 0) == cidrhost(format("%s/%s", split("/", p)[0], ${bits('p')}), 0)])`;
}

/** HCL: the Azure Storage IP rules of `list` as CIDRs (a single address is its /32). */
function storageRulesAsCidrsHcl(list: string): string {
  return `[for r in ${list} : strcontains(r, "/") ? r : format("%s/32", r)]`;
}

/** HCL: whether the string `r` is an IP rule Azure Storage takes: one address, or a canonical range of /30 or wider. */
function storageRuleHcl(r: string): string {
  return `(strcontains(${r}, "/") ? ${canonicalCidrHcl(r)} && try(tonumber(split("/", ${r})[1]) <= 30, false) : ${canonicalAddressHcl(r)})`;
}

/** A Terraform rule (a variable's validation or a resource's precondition): the condition and its message, both `${…}` templates. */
export interface HclRule {
  /** Terraform condition, a template such as `${length(var.x) > 0}`. */
  readonly condition: string;
  /** What Terraform prints when the condition is false. */
  readonly errorMessage: string;
}

/** What Terraform needs to know to check an API server's authorized ranges. */
export interface AuthorizedRangesHcl {
  /** HCL of the list of ranges: `var.x`, or a cdktf token's text. */
  readonly list: string;
  /** HCL of the private-cluster flag, when it is not a literal false. */
  readonly privateCluster?: string;
  /** Most addresses the ranges may admit together. */
  readonly maxAddresses: number;
  /** How messages name the ranges: `api_server_authorized_ip_ranges`, `AksCluster 'path': authorizedIpRanges`. */
  readonly subject: string;
  /** How messages name the maximum: `maxAuthorizedAddresses (65536)`. */
  readonly maximum: string;
}

/** The authorized ranges of a public API server as Terraform checks them: given, canonical, and admitting at most the maximum together. */
export function authorizedRangesRules(r: AuthorizedRangesHcl): HclRule[] {
  const unlessPrivate = (condition: string) => (r.privateCluster ? `\${${r.privateCluster} || (${condition})}` : `\${${condition}}`);
  return [
    {
      condition: unlessPrivate(`length(${r.list}) > 0`),
      errorMessage: `${r.subject} is empty: give the address ranges allowed to reach the API server (e.g. ["203.0.113.7/32"]), or make the cluster private.`,
    },
    {
      condition: unlessPrivate(`alltrue([for c in ${r.list} : ${canonicalCidrHcl('c')}])`),
      errorMessage: `${r.subject} \${jsonencode([for c in ${r.list} : c if !${canonicalCidrHcl('c')}])} are not IPv4 CIDRs written canonically (four octets 0 to 255 without leading zeros, a prefix /0 to /32, no bits set after the prefix), e.g. "203.0.113.0/24".`,
    },
    {
      condition: unlessPrivate(`try(${admittedAddressesHcl(r.list)} <= ${r.maxAddresses}, true)`),
      errorMessage: `${r.subject} \${jsonencode(${r.list})} admit \${try(${admittedAddressesHcl(r.list)}, "more")} addresses together, more than ${r.maximum}.`,
    },
  ];
}

/** What Terraform needs to know to check a storage account's IP rules. */
export interface StorageIpRulesHcl {
  /** HCL of the list of rules. */
  readonly list: string;
  /** Most addresses the rules may admit together. */
  readonly maxAddresses: number;
  /** How messages name the rules. */
  readonly subject: string;
  /** How messages name the maximum. */
  readonly maximum: string;
}

/** A storage account's IP rules as Terraform checks them: what Azure takes, no private range, at most the maximum together. */
export function storageIpRulesRules(r: StorageIpRulesHcl): HclRule[] {
  const cidrs = storageRulesAsCidrsHcl(r.list);
  return [
    {
      condition: `\${alltrue([for r in ${r.list} : ${storageRuleHcl('r')}])}`,
      errorMessage: `${r.subject} \${jsonencode([for r in ${r.list} : r if !${storageRuleHcl('r')}])} are not IP rules Azure Storage takes: single IPv4 addresses without a prefix, or ranges of /30 or wider written canonically (octets 0 to 255 without leading zeros, no bits set after the prefix).`,
    },
    {
      condition: `\${try(${admittedAddressesHcl(cidrs)} <= ${r.maxAddresses}, true)}`,
      errorMessage: `${r.subject} \${jsonencode(${r.list})} admit \${try(${admittedAddressesHcl(cidrs)}, "more")} addresses together, more than ${r.maximum}.`,
    },
    {
      condition: `\${try(!anytrue([for c in ${cidrs} : ${privateRangeHcl('c')}]), true)}`,
      errorMessage: `${r.subject} \${jsonencode([for c in ${cidrs} : c if try(${privateRangeHcl('c')}, false)])} overlap the private ranges ${PRIVATE_RANGES.join(', ')} (RFC 1918), which Azure Storage refuses in IP rules; clients in a virtual network reach the account through a subnet rule.`,
    },
  ];
}
