import { k8s } from 'cdk8s-plus-27';
import { CLOUDNATIVEPG_PROBLEMS, postgresqlProblems } from './crd-schema';
import { KubeObject } from './manifests';

/** Schemas for kinds that kubernetes-models does not ship (snapshot CRDs), written from the upstream CRDs. */
const EXTRA_SCHEMAS: Record<string, (o: KubeObject) => string[]> = {
  'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': (o) => [
    ...(typeof o.driver === 'string' && o.driver ? [] : ['driver is required']),
    ...(['Delete', 'Retain'].includes(o.deletionPolicy) ? [] : [`deletionPolicy ${JSON.stringify(o.deletionPolicy)} must be Delete or Retain`]),
    ...unknownKeys(o, ['apiVersion', 'kind', 'metadata', 'driver', 'deletionPolicy', 'parameters']),
  ],
  'acid.zalan.do/v1/postgresql': postgresqlProblems,
  ...CLOUDNATIVEPG_PROBLEMS,
  // cert-manager.io/v1 Certificate, from cert-manager's CRD (v1.16): the fields the library sets.
  'cert-manager.io/v1/Certificate': (o) => {
    const spec = o.spec ?? {};
    const DNS = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
    const usages = ['signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign',
      'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel',
      'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc'];
    return [
      ...(typeof spec.secretName === 'string' && spec.secretName ? [] : ['spec.secretName is required']),
      ...(typeof spec.issuerRef?.name === 'string' && spec.issuerRef.name ? [] : ['spec.issuerRef.name is required']),
      ...unknownKeys(spec.issuerRef ?? {}, ['name', 'kind', 'group']).map((e) => `spec.issuerRef: ${e}`),
      ...(spec.dnsNames ?? []).filter((n: string) => !DNS.test(n)).map((n: string) => `spec.dnsNames: ${n} is not a DNS name`),
      ...(spec.usages ?? []).filter((u: string) => !usages.includes(u)).map((u: string) => `spec.usages: ${u} is not a key usage`),
      ...(spec.privateKey && !['RSA', 'ECDSA', 'Ed25519'].includes(spec.privateKey.algorithm) ? ['spec.privateKey.algorithm must be RSA, ECDSA or Ed25519'] : []),
      ...(spec.privateKey && !['PKCS1', 'PKCS8', undefined].includes(spec.privateKey.encoding) ? ['spec.privateKey.encoding must be PKCS1 or PKCS8'] : []),
      ...(spec.privateKey && !['Never', 'Always', undefined].includes(spec.privateKey.rotationPolicy) ? ['spec.privateKey.rotationPolicy must be Never or Always'] : []),
      ...unknownKeys(spec.privateKey ?? {}, ['algorithm', 'encoding', 'rotationPolicy', 'size']).map((e) => `spec.privateKey: ${e}`),
      ...unknownKeys(spec, ['secretName', 'secretTemplate', 'issuerRef', 'commonName', 'dnsNames', 'ipAddresses', 'uris', 'emailAddresses', 'duration',
        'renewBefore', 'usages', 'privateKey', 'isCA', 'subject', 'keystores', 'literalSubject', 'revisionHistoryLimit', 'encodeUsagesInRequest', 'additionalOutputFormats', 'nameConstraints', 'otherNames', 'renewBeforePercentage']).map((e) => `spec: ${e}`),
      ...unknownKeys(o, ['apiVersion', 'kind', 'metadata', 'spec']),
    ];
  },
};

/**
 * Every problem with one object: the Kubernetes OpenAPI schema (kubernetes-models, 1.33-era),
 * then what that schema does not check: port ranges and fields the API does not know.
 */
export function validateObject(o: KubeObject): string[] {
  const id = `${o.kind}/${o.metadata?.name}`;
  const key = `${o.apiVersion}/${o.kind}`;
  const errors: string[] = [];
  const extra = EXTRA_SCHEMAS[key];
  if (extra) {
    errors.push(...extra(o));
  } else {
    const Model = loadModel(o.apiVersion, o.kind);
    if (!Model) return [`${id}: no schema known for ${key}`];
    try {
      new Model(o).validate();
    } catch (error) {
      errors.push(String((error as Error).message));
    }
    errors.push(...unknownFields(o));
  }
  errors.push(...portRangeErrors(o));
  return errors.map((e) => `${id}: ${e}`);
}

function loadModel(apiVersion: string, kind: string): (new (o: unknown) => { validate(): void }) | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
  // prometheus-operator's kinds come from the same family of generated models.
  const pkg = group === 'monitoring.coreos.com' ? '@kubernetes-models/prometheus-operator' : 'kubernetes-models';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`${pkg}/${group ? `${group}/` : ''}${version}/${kind}`)[kind];
  } catch {
    return undefined;
  }
}

const PORT_KEYS = ['port', 'containerPort', 'targetPort', 'hostPort', 'nodePort'];

function portRangeErrors(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => portRangeErrors(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    if (PORT_KEYS.includes(k) && typeof v === 'number' && (!Number.isInteger(v) || v < 1 || v > 65535)) return [`${here} ${v} is not a port (1-65535)`];
    return portRangeErrors(v, here);
  });
}

function unknownKeys(o: Record<string, unknown>, known: string[]): string[] {
  return Object.keys(o).filter((k) => !known.includes(k)).map((k) => `unknown field ${k}`);
}

/**
 * Fields the API server would drop or reject as unknown, found by passing the object through
 * the typed converters generated from the Kubernetes OpenAPI (cdk8s-plus-27's imports): they
 * copy only fields the schema declares, so whatever does not come back is unknown. Primitives
 * are boxed with a `value` so quantity and int-or-string fields survive the trip.
 */
function unknownFields(o: KubeObject): string[] {
  const convert = (k8s as Record<string, unknown>)[`toJson_Kube${o.kind}Props`] as ((x: unknown) => unknown) | undefined;
  if (!convert) return [];
  const { apiVersion: _a, kind: _k, ...body } = o;
  const roundTrip = JSON.parse(JSON.stringify(convert(box(body))));
  return missing(body, roundTrip, '').map((p) => `unknown field ${p}`);
}

/** JSON keys whose generated property name differs (clusterIP → clusterIp), read from the converters themselves. */
const PROPERTY_NAMES: Map<string, string> = (() => {
  const source = Object.entries(k8s as Record<string, unknown>).filter(([name, value]) => name.startsWith('toJson_') && typeof value === 'function').map(([, value]) => String(value)).join('\n');
  const pairs = [...source.matchAll(/'([A-Za-z0-9_$-]+)': \(?\(?obj\.([A-Za-z0-9_]+)/g)].filter(([, json, prop]) => json !== prop);
  return new Map(pairs.map(([, json, prop]) => [json, prop]));
})();

function box(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(box);
  if (typeof value === 'string') return Object.assign(new String(value), { value });
  if (typeof value === 'number') return Object.assign(new Number(value), { value });
  if (typeof value === 'boolean') return value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [PROPERTY_NAMES.get(k) ?? k, box(v)]));
  return value;
}

function missing(original: unknown, roundTrip: unknown, path: string): string[] {
  if (Array.isArray(original)) {
    return original.flatMap((v, i) => missing(v, Array.isArray(roundTrip) ? roundTrip[i] : undefined, `${path}[${i}]`));
  }
  if (!original || typeof original !== 'object') return [];
  const other = (roundTrip && typeof roundTrip === 'object' ? roundTrip : {}) as Record<string, unknown>;
  return Object.entries(original).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    return k in other ? missing(v, other[k], here) : [here];
  });
}
