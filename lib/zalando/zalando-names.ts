/**
 * Names the Zalando postgres-operator refuses or silently skips (facts from its source,
 * pkg/cluster: userRegexp, databaseNameRegexp, the system and protected roles of its default
 * configuration, and the credential Secret name template).
 */

/** What the operator accepts as a user name (`userRegexp`); any other fails the whole cluster's sync ("invalid username"). */
const USER = /^[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;
/** What it accepts as a database or schema name (`databaseNameRegexp`); others are skipped with a log line only. */
const DATABASE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Its own logins: `super_username` and `replication_username`. */
const SYSTEM_USERS = ['postgres', 'standby'];
/** `connection_pooler_user`, a system login once the pooler is on. */
const POOLER_USER = 'pooler';
/** `protected_role_names`: never created or changed from a manifest. */
const PROTECTED_ROLES = ['admin', 'cron_admin'];

/** The problem with a login of a Zalando cluster, or undefined. */
export function operatorUserProblem(name: string, poolerOn: boolean): string | undefined {
  if (!USER.test(name)) {
    return "is not a user name the operator accepts (lower case letters, digits, '-' and '_', starting and ending with a letter or digit): it fails the whole cluster's sync";
  }
  if (name.includes('.')) {
    return "contains '.', which the operator reads as '<namespace>.<user>' when cross-namespace Secrets are on, putting the credential Secret elsewhere: use '_' or '-'";
  }
  if (SYSTEM_USERS.includes(name) || (poolerOn && name === POOLER_USER)) {
    return "is one of the operator's own logins (postgres, standby, and pooler with the connection pooler), which it never takes from users: choose another name";
  }
  if (PROTECTED_ROLES.includes(name)) {
    return "is a role the operator protects (protected_role_names: admin, cron_admin) and never creates from users: choose another name";
  }
  return undefined;
}

/** The problem with a database (or prepared schema) name of a Zalando cluster, or undefined. */
export function operatorDatabaseProblem(name: string): string | undefined {
  if (!DATABASE.test(name)) {
    return "is not a name the operator creates (letters, digits and '_', not starting with a digit): it skips it with only a line in its log";
  }
  return undefined;
}

/** The Secret the operator writes for a login: `<user>.<cluster>.credentials.postgresql.acid.zalan.do`, with '_' written as '-'. */
export function operatorCredentialSecretName(user: string, cluster: string): string {
  return `${user.replace(/_/g, '-')}.${cluster}.credentials.postgresql.acid.zalan.do`;
}

/**
 * The label keys the operator puts on the pods it makes and selects them by, at its defaults
 * (`cluster_labels` application: spilo, `cluster_name_label` cluster-name, `pod_role_label`
 * spilo-role, the team label, and the pooler's connection-pooler). A resource label of one of
 * these keys reaches the pods when the operator's `inherited_labels` lists it, and the operator's
 * Services and the library's NetworkPolicies would select other pods, or none.
 */
const OPERATOR_LABEL_KEYS = ['application', 'cluster-name', 'spilo-role', 'team', 'connection-pooler'];

/** The problem with a label key a user adds to a Zalando cluster's resource, or undefined. */
export function operatorLabelProblem(key: string): string | undefined {
  return OPERATOR_LABEL_KEYS.includes(key)
    ? "is a label the operator sets on the cluster's pods and selects them by (and copies from the resource when its inherited_labels lists it); choose a key of your own"
    : undefined;
}
