/**
 * The name a database's backups go under (its directory, and the files' prefix): every byte of
 * its UTF-8 name but ASCII letters, digits, '_' and '-' written as %XX. The mapping is
 * one-to-one, so distinct databases never share a file ('a/b' is a%2Fb, 'a_b' stays a_b, '..'
 * is %2E%2E), and at most 3 × 63 bytes long, well within a file name's 255.
 */
export function backupName(database: string): string {
  return [...Buffer.from(database, 'utf8')]
    .map((byte) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** {@link backupName} in bash, byte by byte whatever the locale. */
const ENCODE_NAME = `encode_name() {
  local LC_ALL=C
  local name="$1" out="" c i
  for (( i = 0; i < \${#name}; i++ )); do
    c="\${name:i:1}"
    case "\${c}" in
      [A-Za-z0-9_-]) out+="\${c}" ;;
      *) printf -v c '%%%02X' "'\${c}"; out+="\${c}" ;;
    esac
  done
  printf '%s' "\${out}"
}
# The backup files <dir>/<prefix>_<stamp>Z.<ext>, names only, oldest first: a glob, since BusyBox's
# find (Alpine images) has no -printf.
list_backups() {
  local f
  for f in "$1/$2"_*Z."$3"; do
    if [ -f "\${f}" ]; then printf '%s\\n' "\${f##*/}"; fi
  done | LC_ALL=C sort
}`;

/**
 * The backup CronJob's bash script. Environment: BACKUP_DIR, BACKUP_MODE (database | cluster),
 * BACKUP_DATABASES (newline-separated; empty means every database that accepts connections),
 * RETENTION_DAYS and RETENTION_COUNT (either may be empty), KEEP_ROLE_VERIFIERS (`true` keeps
 * role passwords in a pg_dumpall file), UPLOAD_LIST (optional: a file that receives the path of
 * each verified dump, relative to BACKUP_DIR, for the upload step), and libpq's PG* variables.
 *
 * Each dump goes to `<dir>/<name>/<name>_<UTC stamp>.<ext>.partial` (`<name>` is
 * {@link backupName}; databases listed at run time are read NUL-separated, so any name works), is verified
 * (`pg_restore --list`, or pg_dumpall's closing line), then renamed: a failed or killed dump never
 * leaves a file that looks complete. A dump pg_dump reports incomplete because the login is not a
 * superuser (subscriptions are skipped with a warning only) fails like any other. Retention runs
 * per database after a successful dump and never deletes the newest backup.
 */
export const BACKUP_SCRIPT = `set -euo pipefail
${ENCODE_NAME}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
failures=0

# Leftovers of runs that were killed midway (concurrencyPolicy Forbid: no other run is writing).
find "\${BACKUP_DIR}" -type f -name '*.partial' -exec rm -f -- {} +

prune() {
  local dir="$1" prefix="$2" ext="$3"
  local backups=() i file reason
  mapfile -t backups < <(list_backups "\${dir}" "\${prefix}" "\${ext}")
  local count=\${#backups[@]}
  for (( i = 0; i < count - 1; i++ )); do
    file="\${dir}/\${backups[i]}"
    reason=""
    if [ -n "\${RETENTION_COUNT}" ] && (( count - i > RETENTION_COUNT )); then reason="more than \${RETENTION_COUNT} newer backups"; fi
    if [ -n "\${RETENTION_DAYS}" ] && [ -n "$(find "\${file}" -mmin +$(( RETENTION_DAYS * 1440 )))" ]; then reason="older than \${RETENTION_DAYS} days"; fi
    if [ -n "\${reason}" ]; then
      rm -f -- "\${file}"
      echo "Deleted \${backups[i]} (\${reason})"
    fi
  done
}

backup() {
  local label="$1" ext="$2" verify="$3"; shift 3
  local name dir final tmp status=0 errors="\${TMPDIR:-/tmp}/dump-errors"
  name=$(encode_name "\${label}")
  dir="\${BACKUP_DIR}/\${name}"
  mkdir -p "\${dir}"
  final="\${dir}/\${name}_\${stamp}.\${ext}"
  tmp="\${final}.partial"
  "$@" --file="\${tmp}" 2> "\${errors}" || status=$?
  cat "\${errors}" >&2
  if grep -q 'not dumped because current user is not a superuser' "\${errors}"; then
    echo "The dump of \${label} is incomplete: the backup login is not a superuser" >&2
    status=1
  fi
  if (( status == 0 )) && \${verify} "\${tmp}"; then
    sync "\${tmp}"
    mv -- "\${tmp}" "\${final}"
    echo "Backed up \${label} to \${final} ($(stat -c %s "\${final}") bytes)"
    if [ -n "\${UPLOAD_LIST:-}" ]; then printf '%s\\n' "\${name}/\${name}_\${stamp}.\${ext}" >> "\${UPLOAD_LIST}"; fi
    prune "\${dir}" "\${name}" "\${ext}"
  else
    rm -f -- "\${tmp}"
    echo "Backup of \${label} failed; no file was kept" >&2
    failures=$(( failures + 1 ))
  fi
}

verify_custom() { pg_restore --list "$1" > /dev/null; }
verify_dumpall() { tail -n 3 "$1" | grep -q '^-- PostgreSQL database cluster dump complete'; }

if [ "\${BACKUP_MODE}" = cluster ]; then
  options=()
  # Verifiers restore logins as they were; without them, the schema Job sets the passwords again.
  if [ "\${KEEP_ROLE_VERIFIERS:-false}" != true ]; then options+=(--no-role-passwords); fi
  backup cluster sql verify_dumpall pg_dumpall "\${options[@]}"
else
  if [ -n "\${BACKUP_DATABASES}" ]; then
    mapfile -t databases <<< "\${BACKUP_DATABASES}"
  else
    # NUL-separated: a database name may hold any character but NUL, newlines included.
    mapfile -d '' -t databases < <(psql -X -q -At -0 -c 'SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1')
    if ! wait $!; then
      echo "Could not list the databases on \${PGHOST}:\${PGPORT}" >&2
      exit 1
    fi
  fi
  for database in "\${databases[@]}"; do
    [ -n "\${database}" ] || continue
    PGDATABASE="\${database}" backup "\${database}" dump verify_custom pg_dump --format=custom
  done
fi

if (( failures > 0 )); then
  echo "\${failures} backup(s) failed" >&2
  exit 1
fi
echo "Backups completed"
`;

/**
 * The restore Job's bash script. Environment: BACKUP_DIR, SOURCE_DATABASE (whose backups to
 * read), TARGET_DATABASE, BACKUP_FILE (a file name in the source's directory, or `latest`),
 * OVERWRITE (`true` to replace a non-empty target), and libpq's PG* variables. It refuses a file
 * whose archive header names another database than SOURCE_DATABASE.
 */
export const RESTORE_SCRIPT = `set -euo pipefail
${ENCODE_NAME}
# A conninfo string that names the database literally, whatever characters it holds.
conninfo_dbname() { local v="\${1//\\\\/\\\\\\\\}"; v="\${v//\\'/\\\\\\'}"; printf "dbname='%s'" "\${v}"; }

name=$(encode_name "\${SOURCE_DATABASE}")
dir="\${BACKUP_DIR}/\${name}"
if [ "\${BACKUP_FILE}" = latest ]; then
  file=$(list_backups "\${dir}" "\${name}" dump | tail -n 1)
  if [ -z "\${file}" ]; then
    echo "No backup of database '\${SOURCE_DATABASE}' in \${dir}" >&2
    exit 1
  fi
else
  file="\${BACKUP_FILE}"
fi
path="\${dir}/\${file}"
if [ ! -f "\${path}" ]; then
  echo "Backup \${path} does not exist" >&2
  exit 1
fi
listing=$(pg_restore --list "\${path}")
# The file must be a dump of the database asked for (pg_restore shows newlines in names as spaces).
dumped=$(sed -n '/^;     dbname: /{s///p;q;}' <<< "\${listing}")
if [ "\${dumped}" != "\${SOURCE_DATABASE//[$'\\n\\r']/ }" ]; then
  echo "Backup \${path} is a dump of database '\${dumped}', not of '\${SOURCE_DATABASE}'" >&2
  exit 1
fi

exists=$(psql -X -q -At -v target="\${TARGET_DATABASE}" <<'SQL'
SELECT count(*) FROM pg_database WHERE datname = :'target';
SQL
)
if [ "\${exists}" = 0 ]; then
  echo "Creating database \${TARGET_DATABASE}"
  psql -X -q -v ON_ERROR_STOP=1 -v target="\${TARGET_DATABASE}" <<'SQL'
SELECT format('CREATE DATABASE %I', :'target')
\\gexec
SQL
fi
relations=$(PGDATABASE="\${TARGET_DATABASE}" psql -X -q -At -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'")
options=(--exit-on-error --single-transaction)
if (( relations > 0 )); then
  if [ "\${OVERWRITE}" != true ]; then
    echo "Refusing to restore into database '\${TARGET_DATABASE}': it is not empty (\${relations} relations). Set overwrite to replace its contents." >&2
    exit 1
  fi
  options+=(--clean --if-exists)
fi
echo "Restoring \${file} into \${TARGET_DATABASE}"
pg_restore "\${options[@]}" --dbname="$(conninfo_dbname "\${TARGET_DATABASE}")" "\${path}"
echo "Restore completed"
`;
