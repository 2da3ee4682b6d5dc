import { parseCidr } from '../../lib/config/pg-hba';
import { KubeObject, podSpecOf } from './manifests';

/**
 * A small NetworkPolicy evaluator with Kubernetes' semantics (networking.k8s.io/v1):
 * - a pod is isolated for a direction iff some policy of its namespace selects it and lists
 *   that direction in policyTypes (Ingress always, when policyTypes is left out; Egress when the
 *   policy has egress rules);
 * - an isolated pod's connection is allowed iff some rule of some selecting policy allows it
 *   (policies add up, none takes anything away);
 * - a connection between two pods needs both the source's egress and the destination's ingress.
 * Traffic from a pod's own node (kubelet probes) and over loopback is outside NetworkPolicies
 * and outside this model.
 */

/** A pod: where it runs, its labels, and its named container ports. */
export interface Pod {
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly namedPorts?: Record<string, number>;
  /** What to call it in messages. */
  readonly name?: string;
}

/** An address outside the cluster. */
export interface External {
  readonly ip: string;
}

export type Endpoint = Pod | External;

/** TCP unless said otherwise. */
export interface Connection {
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** Whether a label selector selects `labels`; the empty selector selects everything. */
export function selects(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !(e.values ?? []).includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && (e.values ?? []).includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: throw new Error(`unknown selector operator ${(e as { operator: string }).operator}`);
    }
  }
  return true;
}

function isPod(e: Endpoint): e is Pod {
  return (e as Pod).namespace !== undefined;
}

/**
 * The cluster as the evaluator sees it: the policies, and the labels of namespaces (those the
 * manifests create, and any other with the `kubernetes.io/metadata.name` label Kubernetes gives
 * every namespace).
 */
export class NetworkPolicies {
  private readonly policies: KubeObject[];
  private readonly namespaceLabels: Record<string, Record<string, string>>;

  constructor(objects: KubeObject[]) {
    this.policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    this.namespaceLabels = Object.fromEntries(objects.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata.name, o.metadata.labels ?? {}]));
  }

  /** Whether `from` may open a connection to `to` on `connection`. */
  public allows(from: Endpoint, to: Endpoint, connection: Connection): boolean {
    return this.direction('Egress', from, to, connection) && this.direction('Ingress', to, from, connection);
  }

  /** Why not, for messages: 'egress of <from>', 'ingress of <to>', both, or ''. */
  public refusals(from: Endpoint, to: Endpoint, connection: Connection): string[] {
    return [
      ...(this.direction('Egress', from, to, connection) ? [] : ['egress of the source']),
      ...(this.direction('Ingress', to, from, connection) ? [] : ['ingress of the destination']),
    ];
  }

  /** The policies that isolate `pod` for `direction`. */
  public isolating(pod: Pod, direction: 'Ingress' | 'Egress'): KubeObject[] {
    return this.policies.filter((p) => p.metadata.namespace === pod.namespace && selects(p.spec.podSelector ?? {}, pod.labels) && typesOf(p).includes(direction));
  }

  /** `subject` is the pod whose policies apply, `peer` the other end. */
  private direction(direction: 'Ingress' | 'Egress', subject: Endpoint, peer: Endpoint, connection: Connection): boolean {
    if (!isPod(subject)) return true;
    const policies = this.isolating(subject, direction);
    if (policies.length === 0) return true;
    const destination = direction === 'Egress' ? peer : subject;
    return policies.some((policy) => {
      const rules: any[] = (direction === 'Egress' ? policy.spec.egress : policy.spec.ingress) ?? [];
      return rules.some((rule) => {
        const peers: any[] = (direction === 'Egress' ? rule.to : rule.from) ?? [];
        const peerMatches = peers.length === 0 || peers.some((p) => this.peerMatches(p, policy.metadata.namespace!, peer));
        return peerMatches && portMatches(rule.ports, connection, destination);
      });
    });
  }

  private peerMatches(peer: any, policyNamespace: string, endpoint: Endpoint): boolean {
    if (peer.ipBlock) {
      // Pod addresses are not what ipBlock is for (Kubernetes leaves that to the plugin): only outside addresses match.
      return !isPod(endpoint) && inBlock(endpoint.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c: string) => inBlock(endpoint.ip, c));
    }
    if (!isPod(endpoint)) return false;
    const namespaceOk = peer.namespaceSelector
      ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': endpoint.namespace, ...this.namespaceLabels[endpoint.namespace] })
      : endpoint.namespace === policyNamespace;
    const podOk = peer.podSelector ? selects(peer.podSelector, endpoint.labels) : true;
    if (!peer.namespaceSelector && !peer.podSelector) throw new Error(`a peer with neither selector nor ipBlock: ${JSON.stringify(peer)}`);
    return namespaceOk && podOk;
  }
}

function typesOf(policy: KubeObject): string[] {
  if (policy.spec.policyTypes) return policy.spec.policyTypes;
  return ['Ingress', ...(policy.spec.egress ? ['Egress'] : [])];
}

function portMatches(ports: any[] | undefined, connection: Connection, destination: Endpoint): boolean {
  if (!ports || ports.length === 0) return true;
  const protocol = connection.protocol ?? 'TCP';
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    const port = typeof p.port === 'number' ? p.port : isPod(destination) ? destination.namedPorts?.[p.port] : undefined;
    if (port === undefined) return false;
    return p.endPort === undefined ? connection.port === port : connection.port >= port && connection.port <= p.endPort;
  });
}

function inBlock(ip: string, cidr: string): boolean {
  const range = parseCidr(cidr);
  const address = parseCidr(`${ip}/${ip.includes(':') ? 128 : 32}`);
  if (typeof range === 'string' || typeof address === 'string') throw new Error(`bad address ${ip} or range ${cidr}`);
  if (range.family !== address.family) return false;
  const hostBits = BigInt((range.family === 4 ? 32 : 128) - range.prefix);
  return (address.network >> hostBits) === (range.network >> hostBits);
}

/** Every pod template in the manifests, as the pods they make (labels, namespace, named ports). */
export function podsOf(objects: KubeObject[]): (Pod & { readonly kind: string; readonly name: string })[] {
  return objects.filter((o) => podSpecOf(o)).map((o) => {
    const template = o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template;
    const spec = podSpecOf(o);
    const namedPorts = Object.fromEntries([...(spec.containers ?? []), ...(spec.initContainers ?? [])]
      .flatMap((c: any) => c.ports ?? []).filter((p: any) => p.name).map((p: any) => [p.name, p.containerPort]));
    return { kind: o.kind, name: `${o.kind}/${o.metadata.name}`, namespace: o.metadata.namespace ?? 'default', labels: template.metadata?.labels ?? {}, namedPorts };
  });
}
