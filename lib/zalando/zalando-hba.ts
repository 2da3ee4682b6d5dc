/**
 * pg_hba for the Spilo pods of a Zalando cluster, as the resource's `spec.patroni.pg_hba`.
 *
 * The operator copies the list into the pods' `SPILO_CONFIGURATION` as `postgresql.pg_hba`
 * (zalando/postgres-operator pkg/cluster/k8sres.go:472-477); Spilo keeps a list given there in
 * place of its own (spilo configure_spilo.py:149-166, 1135-1142), whose defaults are `local all
 * all trust` and `hostssl all all all md5` (configure_spilo.py:325-348); Patroni writes the
 * entries one per line into pg_hba.conf (patroni/postgresql/config.py:597-624). Spilo always
 * serves TLS, with a self-signed certificate when the resource names none
 * (configure_spilo.py:81-125), so every TCP line can demand it.
 *
 * Who logs in, and how (operator v2.0.1, Spilo and Patroni as of their current releases):
 * - the operator, as the superuser `postgres`, over TCP to the primary Service with
 *   `sslmode=require` (pkg/cluster/database.go:104-108), to every database it prepares;
 * - Patroni, as `postgres` on the Unix socket (Spilo sets `use_unix_socket`,
 *   configure_spilo.py:283) from the OS user `postgres` (runit/patroni/run: `chpst -u postgres`);
 *   Spilo's own scripts run as that OS user without a password (postgres_backup.sh), and so
 *   does the operator's major upgrade (`su postgres`, pkg/cluster/majorversionupgrade.go:265);
 * - Patroni, as the replication login `standby`, on the socket (`use_unix_socket_repl`,
 *   configure_spilo.py:284; patroni/postgresql/__init__.py:1117-1121) and over TCP from each
 *   replica to the primary (streaming, pg_basebackup);
 * - Patroni's pg_rewind and slot copies as `postgres` over TCP to the new primary (Spilo sets no
 *   rewind login, so Patroni uses the superuser: patroni/postgresql/config.py:1413-1415,
 *   rewind.py:528, slots.py:661), and Spilo's in-place major upgrade as `postgres` over TCP to
 *   the replicas (major_upgrade/inplace_upgrade.py:190);
 * - the logical backup as `postgres` over TCP with `PGSSLMODE=require` (k8sres.go:2547-2557);
 * - PgBouncer as the pooler login over TCP with `server_tls_sslmode = require`
 *   (pooler/pgbouncer.ini.tmpl:20), and the clients' own logins through it;
 * - the exporter sidecar over TCP to localhost with TLS; the library's Jobs and the clients over
 *   TCP with TLS.
 *
 * So the superuser cannot be kept to the Unix socket on this backend: the operator, Patroni's
 * rewind, the major upgrade and the logical backup all log in as `postgres` over TCP. What can be
 * held is that every TCP login, the superuser's included, comes over TLS and proves a
 * scram-sha-256 verifier; the NetworkPolicies decide which pods reach port 5432 at all.
 *
 * What Spilo's defaults allowed and these lines do not: passwordless socket logins of any role
 * (pg_cron jobs that Spilo's `cron.schedule_in_database` points at the socket run as their owner
 * without a password, so only the superuser's still log in), and PAM logins of the Teams API's
 * human role (`hostssl all +zalandos … pam`, only with the Teams API on, which the operator's
 * manifests leave off). The library uses neither.
 */

/** The operator's superuser (`super_username` at its default). */
export const SPILO_SUPERUSER = 'postgres';
/** The operator's replication login (`replication_username` at its default). */
export const SPILO_REPLICATION_USER = 'standby';

/**
 * The lines, in order:
 * - `local all postgres peer`: the OS user `postgres` (Patroni, Spilo's scripts, the upgrade) as
 *   the superuser, with no password; no other OS user can use it. `kubectl exec` runs as root in
 *   Spilo's container (its image sets no USER), so a shell there logs in with `su postgres -c psql`;
 *   `trust` would also let in any sidecar that the operator's `share_pgsocket_with_sidecars`
 *   gives the socket.
 * - `local replication standby` and `local all all`: any other socket login with its password.
 * - `hostnossl … reject`: a TCP connection without TLS is refused before anything else is read
 *   (a replication connection without TLS finds no line that admits it).
 * - `hostssl replication standby`: streaming replication and base backups, the replication login only.
 * - `hostssl all all`: every other TCP login, the superuser's included.
 *
 * `trust` appears nowhere. With `acceptMd5Verifiers` the password lines say `md5`, which
 * PostgreSQL answers with SCRAM for a login whose stored verifier is SCRAM and with MD5 for one
 * stored as MD5; plaintext over TCP stays refused.
 */
export function zalandoPgHba(acceptMd5Verifiers: boolean): string[] {
  const password = acceptMd5Verifiers ? 'md5' : 'scram-sha-256';
  const anywhere = ['0.0.0.0/0', '::/0'];
  return [
    `local all ${SPILO_SUPERUSER} peer`,
    `local replication ${SPILO_REPLICATION_USER} ${password}`,
    `local all all ${password}`,
    ...anywhere.map((range) => `hostnossl all all ${range} reject`),
    ...anywhere.map((range) => `hostssl replication ${SPILO_REPLICATION_USER} ${range} ${password}`),
    ...anywhere.map((range) => `hostssl all all ${range} ${password}`),
  ];
}
