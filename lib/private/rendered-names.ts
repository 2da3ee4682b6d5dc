/**
 * Names the constructs write into the manifests and the review reads back from them, one constant
 * each, so that renaming one in a construct cannot silently switch a review rule off.
 */

/** `app.kubernetes.io/component` of the schema Job and its ConfigMap. */
export const SCHEMA_JOB_COMPONENT = 'schema-init';

/** The PostgreSQL container of a server's pods (the major is read from its image). */
export const SERVER_CONTAINER = 'postgres';

/** The backup container's retention variables (lib/jobs/backup/scripts.ts reads them). */
export const BACKUP_RETENTION = { days: 'RETENTION_DAYS', count: 'RETENTION_COUNT' } as const;

/** The backup container's switch that keeps the roles' password verifiers in cluster dumps. */
export const KEEP_ROLE_VERIFIERS = 'KEEP_ROLE_VERIFIERS';

/** Prefix of the schema Job's variables that carry the logins' passwords and verifiers from their Secrets. */
export const LOGIN_SECRET_VARIABLE_PREFIX = 'CDK8S_PG_';

/** The server a declared major upgrade creates beside `name`: `<name>-pg<major>`. */
export function upgradedServerName(name: string, major: number): string {
  return `${name}-pg${major}`;
}

/** Whether `candidate` is a server a declared upgrade made from `name` (see {@link upgradedServerName}). */
export function isUpgradeOf(candidate: string, name: string): boolean {
  return candidate.startsWith(`${name}-pg`) && /^\d+$/.test(candidate.slice(`${name}-pg`.length));
}
