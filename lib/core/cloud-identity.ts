import { TextRule } from '../private/terraform-tokens';
import { checkDnsSubdomain, fail } from '../private/validation';

// What the clouds' workload identities read from a pod and its ServiceAccount, shared by the
// backup uploads (lib/jobs/backup) and CloudNativePG's object stores (lib/cloudnativepg).

/** The ServiceAccount annotation EKS's pod identity webhook reads for IRSA. */
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** Where the EKS Pod Identity agent answers on every node (IPv4 and IPv6), port 80. */
export const POD_IDENTITY_AGENT = { cidrs: ['169.254.170.23/32', 'fd00:ec2::23/128'], port: 80 } as const;

/** IAM role ARNs. */
export const ROLE_ARN: TextRule = {
  pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$',
  rule: 'is not an IAM role ARN (such as arn:aws:iam::123456789012:role/postgres-backup-upload)',
};

/** The ServiceAccount annotation AKS's workload identity webhook reads the client ID from. */
export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';

/** The pod label AKS's workload identity webhook acts on. */
export const WORKLOAD_IDENTITY_POD_LABELS: Readonly<Record<string, string>> = { 'azure.workload.identity/use': 'true' };

/** Client IDs of managed identities: GUIDs. */
export const CLIENT_ID: TextRule = {
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  rule: 'is not a client ID (a GUID such as 00000000-0000-0000-0000-000000000000)',
};

/**
 * Checks a ServiceAccount a cloud identity trusts: a DNS-1123 subdomain, and never `default`, the
 * account every pod of the namespace without one of its own runs as (`trusting` would trust them
 * all); `hint` ends that refusal.
 */
export function checkOwnServiceAccount(owner: string, field: string, name: string, trusting: string, hint = ''): void {
  checkDnsSubdomain(owner, field, name);
  if (name === 'default') fail(owner, field, name, `is the namespace's default ServiceAccount, which every pod without one of its own runs as: ${trusting} would trust them all${hint}`);
}
