import { RELEASE_TAGS } from '../core/postgres-version';

/**
 * The operator's image of PostgreSQL `major`, pinned to the minor release the library pins for
 * every backend: `ghcr.io/cloudnative-pg/postgresql:<minor>-standard-trixie` (the `standard`
 * images: PostgreSQL with the extensions the project builds, without the in-tree Barman tools
 * that backups through the Barman Cloud plugin do not need).
 */
export function cnpgImage(major: number): string {
  return `ghcr.io/cloudnative-pg/postgresql:${RELEASE_TAGS[major]}-standard-trixie`;
}

/**
 * The rules the cluster adds to pg_hba (`spec.postgresql.pg_hba`). The operator writes its own
 * before them (local peer logins, certificate logins of its replication and pooler roles) and
 * `host all all all scram-sha-256` after them (pkg/postgres/configuration.go, hbaTemplateString):
 * these make every other TCP login use TLS and scram-sha-256, and refuse it without TLS.
 */
export function cnpgPgHba(): string[] {
  return [
    'hostnossl all all 0.0.0.0/0 reject',
    'hostnossl all all ::/0 reject',
    'hostssl all all 0.0.0.0/0 scram-sha-256',
    'hostssl all all ::/0 scram-sha-256',
  ];
}
