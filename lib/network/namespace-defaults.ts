import { KubeNetworkPolicy } from '../private/k8s';
import { Construct } from 'constructs';
import { DNS_EGRESS, namespacePeer, PodLabels, podsPeer, tcp } from './peers';
import { clientSelector, MANAGED_BY_LABEL } from '../private/labels';

/** A server as its clients reach it: the label they carry and the pods and port they connect to. */
export interface ServerEndpoint {
  /** Base of the policy's name (`<name>-clients`). */
  readonly name: string;
  /** Namespace of the server; clients of other namespaces reach it there. */
  readonly namespace: string;
  /** The label of its clients. */
  readonly clientLabel: { readonly key: string; readonly value: string };
  /** Pods clients connect to, with the port of each: the server's, and its pooler's. */
  readonly targets: { readonly podLabels: PodLabels; readonly port: number }[];
}

/** Properties of {@link NamespaceNetworkDefaults}. */
export interface NamespaceNetworkDefaultsProps {
  /** The namespace. */
  readonly namespace: string;
  /** Servers of the namespace, or of others that admit its labelled pods, whose clients get egress to them. */
  readonly servers: ServerEndpoint[];
}

/**
 * A namespace that denies by default: `default-deny` isolates every pod for ingress and egress,
 * `allow-dns` lets every pod query the cluster's DNS, and `<server>-clients` lets the pods that
 * carry a server's client label (applications and the library's Jobs) reach it. Everything else
 * a pod needs is someone's explicit NetworkPolicy.
 */
export class NamespaceNetworkDefaults extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceNetworkDefaultsProps) {
    super(scope, id);
    const metadata = (name: string) => ({ name, namespace: props.namespace, labels: { ...MANAGED_BY_LABEL } });
    new KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: metadata('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new KubeNetworkPolicy(this, 'AllowDns', {
      metadata: metadata('allow-dns'),
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [DNS_EGRESS] },
    });
    for (const server of props.servers) {
      new KubeNetworkPolicy(this, `Clients-${server.name}`, {
        metadata: metadata(`${server.name}-clients`),
        spec: {
          podSelector: { matchLabels: clientSelector(server.clientLabel) },
          policyTypes: ['Egress'],
          egress: server.targets.map((t) => ({
            to: [server.namespace === props.namespace ? podsPeer(t.podLabels) : namespacePeer(server.namespace, t.podLabels)],
            ports: tcp(t.port),
          })),
        },
      });
    }
  }
}
