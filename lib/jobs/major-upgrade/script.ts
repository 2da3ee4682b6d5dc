import { SECRECY_SETTINGS } from '../../sql/password-sql';
import { LEDGER_SCHEMA } from '../../sql/database-sql';

/** Table in the target's `postgres` database recording each finished, verified copy. */
const UPGRADE_RECORD_TABLE = `${LEDGER_SCHEMA}.major_upgrades`;

/** The first line of the refusal when the Job's pg_dump is older than the source server. */
const CLIENT_TOO_OLD = 'is older than the source server';

/**
 * The major upgrade Job's bash script: a copy of one server (the source, an older major) into a
 * new, empty server (the target), by the newer major's pg_dumpall and pg_dump, then a
 * verification. Environment: the target in libpq's PG* variables, the source in SOURCE_PGHOST,
 * SOURCE_PGPORT, SOURCE_PGDATABASE, SOURCE_PGUSER, SOURCE_PGPASSWORD, SOURCE_PGSSLMODE and
 * SOURCE_PGSSLROOTCERT (optional), SOURCE_PGHOSTADDR (optional: an address that bypasses DNS while
 * the certificate is still checked against SOURCE_PGHOST, as libpq's PGHOSTADDR), WAIT_SECONDS.
 *
 * Steps: wait for both servers (bounded); if the target records a finished copy of this source
 * (its system identifier), say so and stop: a rerun is a no-op. Otherwise refuse when pg_dump is
 * older than the source, when the target is not newer than the source, when the two bootstrap
 * superusers differ, when the source uses tablespaces, and when the target holds anything but
 * what a fresh server has (roles besides the bootstrap superuser and the predefined ones; any
 * schema, relation, function or extension beyond the defaults in any database), so that data
 * never mixes. Then copy the roles (attributes, password verifiers, settings, memberships; the
 * bootstrap superuser keeps the target's own) in one transaction that neither logs nor tracks
 * its statements, and each database but the templates with `pg_dump --create | pg_restore
 * --create` (owners, privileges, settings, schemas, extensions, data, the schema-file ledger);
 * an empty database the target's image made (POSTGRES_DB, `postgres`) is dropped first. Then
 * verify: exact row counts of every table and the values of every sequence in every copied
 * database, the databases' owners and privileges, roles with their attributes,
 * memberships and password verifiers (compared by digest, never printed), and only then record
 * the copy. Any difference exits non-zero without a record, and the next run refuses the
 * half-filled target: start again from an empty one.
 */
export const MAJOR_UPGRADE_SCRIPT = `set -euo pipefail
# Each source password leaves the environment: only the source's own commands get it.
source_password="\${SOURCE_PGPASSWORD:-}"
unset SOURCE_PGPASSWORD
on_source() {
  PGHOST="\${SOURCE_PGHOST}" PGPORT="\${SOURCE_PGPORT}" PGUSER="\${SOURCE_PGUSER}" PGDATABASE="\${SOURCE_PGDATABASE}" PGPASSWORD="\${source_password}" \\
    PGSSLMODE="\${SOURCE_PGSSLMODE:-prefer}" PGSSLROOTCERT="\${SOURCE_PGSSLROOTCERT:-}" PGHOSTADDR="\${SOURCE_PGHOSTADDR:-}" "$@"
}
on_target() { "$@"; }
# A conninfo string that names the database literally, whatever characters it holds.
conninfo_dbname() { local v="\${1//\\\\/\\\\\\\\}"; v="\${v//\\'/\\\\\\'}"; printf "dbname='%s'" "\${v}"; }
query() { local side="$1" database="$2"; shift 2; "on_\${side}" psql -X -q -At -v ON_ERROR_STOP=1 -d "$(conninfo_dbname "\${database}")" "$@"; }

source_at="\${SOURCE_PGHOST}:\${SOURCE_PGPORT}"
target_at="\${PGHOST}:\${PGPORT}"
wait_seconds="\${WAIT_SECONDS:-300}"
deadline=$((SECONDS + wait_seconds))
for side in source target; do
  where="\${side}_at"; where="\${!where}"
  echo "Waiting up to \${wait_seconds}s for the \${side} server at \${where}"
  until "on_\${side}" pg_isready -q; do
    if (( SECONDS >= deadline )); then
      echo "Gave up: the \${side} server at \${where} did not accept connections within \${wait_seconds}s" >&2
      exit 1
    fi
    sleep 2
  done
  until error=$("on_\${side}" psql -X -q -c 'SELECT 1' 2>&1 >/dev/null); do
    if (( SECONDS >= deadline )); then
      echo "Gave up: the \${side} server at \${where} accepts connections, but queries failed for \${wait_seconds}s: \${error}" >&2
      exit 1
    fi
    sleep 2
  done
done

source_version=$(on_source psql -X -q -At -c 'SHOW server_version_num')
target_version=$(psql -X -q -At -c 'SHOW server_version_num')
source_major=$(( source_version / 10000 ))
target_major=$(( target_version / 10000 ))
source_id=$(on_source psql -X -q -At -c 'SELECT system_identifier FROM pg_control_system()')
recorded=""
if [ "$(psql -X -q -At -c "SELECT to_regclass('${UPGRADE_RECORD_TABLE}') IS NOT NULL")" = t ]; then
  recorded=$(psql -X -q -At -v ON_ERROR_STOP=1 -v id="\${source_id}" <<'SQL'
SELECT 'copied on ' || to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
FROM ${UPGRADE_RECORD_TABLE} WHERE source_system_identifier = :'id' ORDER BY finished_at DESC LIMIT 1;
SQL
  )
fi
if [ -n "\${recorded}" ]; then
  echo "Nothing to do: the target at \${target_at} (PostgreSQL \${target_major}) holds a verified copy of the source at \${source_at} (system \${source_id}), \${recorded}. Nothing was changed."
  exit 0
fi

client_major=$(pg_dump --version | sed -n 's/^pg_dump (PostgreSQL) \\([0-9]*\\).*/\\1/p')
if [ -z "\${client_major}" ] || (( client_major < source_major )); then
  echo "pg_dump \${client_major:-of unknown version} ${CLIENT_TOO_OLD} (PostgreSQL \${source_major} at \${source_at}): pg_dump refuses to dump a newer server. Run the Job with the image of the target's major (\${target_major}), whose pg_dump reads every older server. Nothing was changed." >&2
  exit 1
fi
if (( target_major <= source_major )); then
  echo "The target at \${target_at} runs PostgreSQL \${target_major}, not newer than the source's \${source_major} at \${source_at}: an upgrade copies into a newer major. Nothing was changed." >&2
  exit 1
fi
source_bootstrap=$(on_source psql -X -q -At -c 'SELECT rolname FROM pg_roles WHERE oid = 10')
target_bootstrap=$(psql -X -q -At -c 'SELECT rolname FROM pg_roles WHERE oid = 10')
if [ "\${source_bootstrap}" != "\${target_bootstrap}" ]; then
  echo "The source's bootstrap superuser is '\${source_bootstrap}', the target's '\${target_bootstrap}': objects it owns would have no owner on the target. Give the target's superuser the source's name (POSTGRES_USER). Nothing was changed." >&2
  exit 1
fi
tablespaces=$(on_source psql -X -q -At -c "SELECT string_agg(spcname, ', ') FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')")
if [ -n "\${tablespaces}" ]; then
  echo "The source uses tablespaces (\${tablespaces}), which a server in a pod does not have: move their objects to pg_default first. Nothing was changed." >&2
  exit 1
fi

# What a fresh server has: the bootstrap superuser, predefined roles, the default databases, and in
# each database schema public and PL/pgSQL. Anything else is data the copy would mix with.
OCCUPANTS_SQL="SELECT kind || ' ' || string_agg(name, ', ' ORDER BY name) FROM (
  SELECT 'schema' AS kind, quote_ident(nspname) AS name FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\\\_%'
  UNION ALL SELECT 'relation', quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\\\_%'
  UNION ALL SELECT 'function', p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\\\_%'
  UNION ALL SELECT 'extension', quote_ident(extname) FROM pg_extension WHERE extname <> 'plpgsql'
) found GROUP BY kind ORDER BY kind"
occupied=()
roles=$(psql -X -q -At -c "SELECT string_agg(quote_ident(rolname), ', ' ORDER BY rolname) FROM pg_roles WHERE oid <> 10 AND rolname NOT LIKE 'pg\\\\_%'")
if [ -n "\${roles}" ]; then occupied+=("roles \${roles}"); fi
mapfile -d '' -t target_databases < <(psql -X -q -At -0 -c "SELECT datname FROM pg_database WHERE datallowconn ORDER BY 1")
if ! wait $!; then
  echo "Could not list the databases of the target at \${target_at}. Nothing was changed." >&2
  exit 1
fi
for database in "\${target_databases[@]}"; do
  found=$(query target "\${database}" -c "\${OCCUPANTS_SQL}" | paste -sd ';' | sed 's/;/; /g')
  if [ -n "\${found}" ]; then occupied+=("database \${database}: \${found}"); fi
done
if (( \${#occupied[@]} > 0 )); then
  {
    echo "Refusing to copy into the target at \${target_at}: it already holds data, and a copy goes into an empty server only, so that data never mixes. Found:"
    printf '  %s\\n' "\${occupied[@]}"
    echo "No finished copy of the source (system \${source_id}) is recorded there. If an earlier run stopped midway, delete the target's StatefulSet and its claim, let it start empty, and run the Job again. Nothing was changed."
  } >&2
  exit 1
fi

mapfile -d '' -t databases < <(on_source psql -X -q -At -0 -c "SELECT datname FROM pg_database WHERE datallowconn AND datname NOT IN ('template0', 'template1') ORDER BY 1")
if ! wait $! || (( \${#databases[@]} == 0 )); then
  echo "Could not list the databases of the source at \${source_at}. Nothing was changed." >&2
  exit 1
fi
echo "Copying PostgreSQL \${source_major} at \${source_at} into PostgreSQL \${target_major} at \${target_at} with pg_dump \${client_major}"
# Roles, with their password verifiers, settings and memberships; the bootstrap superuser keeps
# the target's own attributes and password. One transaction whose statements no log, view or
# statistic keeps; terse errors never quote a statement.
bootstrap_ident=$(on_source psql -X -q -At -c 'SELECT quote_ident(rolname) FROM pg_roles WHERE oid = 10')
{
  printf '%s\\n' ${SECRECY_SETTINGS.map(([name, value]) => `"SET LOCAL ${name} = ${value.replace(/"/g, '\\"')};"`).join(' ')}
  on_source pg_dumpall --roles-only | awk -v create="CREATE ROLE \${bootstrap_ident};" -v alter="ALTER ROLE \${bootstrap_ident} WITH " \\
    '$0 != create && index($0, alter) != 1'
} | psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=terse --single-transaction -d template1
echo "Copied the roles"

for database in "\${databases[@]}"; do
  exists=$(psql -X -q -At -v ON_ERROR_STOP=1 -v name="\${database}" -d template1 <<'SQL'
SELECT count(*) FROM pg_database WHERE datname = :'name';
SQL
  )
  if [ "\${exists}" != 0 ]; then
    # Empty (checked above): made by the target's image, made again by the copy with the source's owner and settings.
    psql -X -q -v ON_ERROR_STOP=1 -v name="\${database}" -d template1 <<'SQL'
SELECT format('DROP DATABASE %I WITH (FORCE)', :'name')
\\gexec
SQL
  fi
  on_source pg_dump --format=custom --create -d "$(conninfo_dbname "\${database}")" | pg_restore --create --exit-on-error -d template1
  echo "Copied database \${database}"
done

# template1 is not copied (it is the target's own), but who may connect to it is.
template_grants=$(on_source psql -X -q -At -v ON_ERROR_STOP=1 -d template1 <<'SQL'
SELECT 'REVOKE ALL ON DATABASE template1 FROM PUBLIC;' FROM pg_database WHERE datname = 'template1' AND datacl IS NOT NULL
UNION ALL
SELECT format('GRANT %s ON DATABASE template1 TO %s%s;', a.privilege_type,
  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = 'template1' AND a.grantee <> d.datdba;
SQL
)
if [ -n "\${template_grants}" ]; then
  printf '%s\n' "\${template_grants}" | psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d template1
  echo "Copied who may connect to template1"
fi

echo "Verifying"
differences=0
compare() {
  local what="$1" source_text="$2" target_text="$3"
  if [ "\${source_text}" = "\${target_text}" ]; then return 0; fi
  echo "Difference in \${what} (< source, > target):" >&2
  diff <(printf '%s\\n' "\${source_text}") <(printf '%s\\n' "\${target_text}") | grep '^[<>]' >&2 || true
  differences=$(( differences + 1 ))
}
ROLES_SQL="SELECT rolname || ' ' || concat_ws(' ', CASE WHEN rolsuper THEN 'superuser' END, CASE WHEN rolcanlogin THEN 'login' END,
  CASE WHEN rolcreatedb THEN 'createdb' END, CASE WHEN rolcreaterole THEN 'createrole' END, CASE WHEN NOT rolinherit THEN 'noinherit' END,
  CASE WHEN rolreplication THEN 'replication' END, CASE WHEN rolbypassrls THEN 'bypassrls' END,
  CASE WHEN rolconnlimit <> -1 THEN 'connlimit=' || rolconnlimit END, CASE WHEN rolvaliduntil IS NOT NULL THEN 'valid-until=' || rolvaliduntil END,
  CASE WHEN rolpassword IS NOT NULL THEN 'password' END)
  FROM pg_authid WHERE oid <> 10 AND rolname NOT LIKE 'pg\\\\_%' ORDER BY rolname COLLATE \\"C\\""
MEMBERS_SQL="SELECT line FROM (SELECT pg_get_userbyid(roleid) || ' > ' || pg_get_userbyid(member) || CASE WHEN admin_option THEN ' (admin)' ELSE '' END AS line
  FROM pg_auth_members WHERE member <> 10 AND pg_get_userbyid(member) NOT LIKE 'pg\\\\_%') m ORDER BY line COLLATE \\"C\\""
VERIFIERS_SQL="SELECT md5(coalesce(string_agg(rolname || ':' || coalesce(rolpassword, ''), ',' ORDER BY rolname COLLATE \\"C\\"), '')) FROM pg_authid WHERE oid <> 10 AND rolname NOT LIKE 'pg\\\\_%'"
COUNTS_SQL="SELECT format('SELECT %L || '' '' || count(*) FROM %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\\\_%' ORDER BY n.nspname COLLATE \\"C\\", c.relname COLLATE \\"C\\""
SEQUENCES_SQL="SELECT format('SELECT %L || '' '' || last_value || CASE WHEN is_called THEN '''' ELSE '' (next value not taken)'' END FROM %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'S' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\\\_%' ORDER BY n.nspname COLLATE \\"C\\", c.relname COLLATE \\"C\\""

DATABASES_SQL="SELECT datname || ' owner=' || pg_get_userbyid(datdba) || ' acl=' || coalesce(datacl::text, 'default') || ' encoding=' || pg_encoding_to_char(encoding)
  FROM pg_database WHERE datname <> 'template0' ORDER BY datname COLLATE \\"C\\""
compare databases "$(query source template1 -c "\${DATABASES_SQL}")" "$(query target template1 -c "\${DATABASES_SQL}")"
source_roles=$(query source template1 -c "\${ROLES_SQL}")
compare roles "\${source_roles}" "$(query target template1 -c "\${ROLES_SQL}")"
source_members=$(query source template1 -c "\${MEMBERS_SQL}")
compare memberships "\${source_members}" "$(query target template1 -c "\${MEMBERS_SQL}")"
if [ "$(query source template1 -c "\${VERIFIERS_SQL}")" != "$(query target template1 -c "\${VERIFIERS_SQL}")" ]; then
  echo "Difference in the logins' password verifiers (not shown)" >&2
  differences=$(( differences + 1 ))
fi
echo "Roles (\${source_bootstrap}, the bootstrap superuser, is the target's own):"
printf '  %s\\n' "\${source_roles//$'\\n'/$'\\n  '}"
echo "Memberships:"
if [ -n "\${source_members}" ]; then printf '  %s\\n' "\${source_members//$'\\n'/$'\\n  '}"; else echo "  none"; fi
echo "Password verifiers: the same on both servers"
tables=0
rows=0
for database in "\${databases[@]}"; do
  source_counts=$(printf '%s\\n' "\${COUNTS_SQL}" '\\gexec' | query source "\${database}")
  target_counts=$(printf '%s\\n' "\${COUNTS_SQL}" '\\gexec' | query target "\${database}")
  compare "the tables and row counts of database \${database}" "\${source_counts}" "\${target_counts}"
  source_sequences=$(printf '%s\\n' "\${SEQUENCES_SQL}" '\\gexec' | query source "\${database}")
  target_sequences=$(printf '%s\\n' "\${SEQUENCES_SQL}" '\\gexec' | query target "\${database}")
  compare "the sequences of database \${database}" "\${source_sequences}" "\${target_sequences}"
  echo "Database \${database}:"
  if [ -z "\${source_counts}" ]; then echo "  no tables"; continue; fi
  while read -r table count; do
    printf '  %s %s rows\\n' "\${table}" "\${count}"
    tables=$(( tables + 1 ))
    rows=$(( rows + count ))
  done <<< "\${source_counts}"
  if [ -n "\${source_sequences}" ]; then echo "  $(grep -c '' <<< "\${source_sequences}") sequence(s), at the same values on both servers"; fi
done
if (( differences > 0 )); then
  echo "Verification failed: \${differences} difference(s) between the source at \${source_at} and the target at \${target_at}. No copy was recorded; clients still belong on the source. Delete the target's StatefulSet and claim before running the Job again." >&2
  exit 1
fi

psql -X -q -v ON_ERROR_STOP=1 --single-transaction -v id="\${source_id}" -v source_version="\${source_version}" -v target_version="\${target_version}" -v tables="\${tables}" -v rows="\${rows}" <<'SQL'
CREATE SCHEMA IF NOT EXISTS ${LEDGER_SCHEMA};
REVOKE ALL ON SCHEMA ${LEDGER_SCHEMA} FROM PUBLIC;
CREATE TABLE IF NOT EXISTS ${UPGRADE_RECORD_TABLE} (source_system_identifier text NOT NULL, source_version integer NOT NULL,
  target_version integer NOT NULL, tables integer NOT NULL, table_rows bigint NOT NULL, finished_at timestamptz NOT NULL DEFAULT now());
INSERT INTO ${UPGRADE_RECORD_TABLE} (source_system_identifier, source_version, target_version, tables, table_rows)
VALUES (:'id', :'source_version', :'target_version', :'tables', :'rows');
SQL
echo "Upgrade copy verified and recorded: \${#databases[@]} database(s), \${tables} table(s), \${rows} row(s) from PostgreSQL \${source_major} to \${target_major}"
`;
