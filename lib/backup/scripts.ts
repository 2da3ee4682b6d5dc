/** Turns a database name into a file-name-safe one: anything but letters, digits, '_', '.' and '-' becomes '_'. */
const SAFE_NAME = `safe_name() { printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '_'; }`;

/**
 * The backup CronJob's bash script. Environment: BACKUP_DIR, BACKUP_MODE (database | cluster),
 * BACKUP_DATABASES (newline-separated; empty means every database that accepts connections),
 * RETENTION_DAYS and RETENTION_COUNT (either may be empty), and libpq's PG* variables.
 *
 * Each dump goes to `<dir>/<name>/<name>_<UTC stamp>.<ext>.partial`, is verified
 * (`pg_restore --list`, or pg_dumpall's closing line), then renamed: a failed or killed dump never
 * leaves a file that looks complete. Retention runs per database after a successful dump and
 * never deletes the newest backup.
 */
export const BACKUP_SCRIPT = `set -euo pipefail
${SAFE_NAME}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
failures=0

# Leftovers of runs that were killed midway (concurrencyPolicy Forbid: no other run is writing).
find "\${BACKUP_DIR}" -type f -name '*.partial' -delete

prune() {
  local dir="$1" prefix="$2" ext="$3"
  local backups=() i file reason
  mapfile -t backups < <(find "\${dir}" -maxdepth 1 -type f -name "\${prefix}_*Z.\${ext}" -printf '%f\\n' | sort)
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
  local name dir final tmp
  name=$(safe_name "\${label}")
  dir="\${BACKUP_DIR}/\${name}"
  mkdir -p "\${dir}"
  final="\${dir}/\${name}_\${stamp}.\${ext}"
  tmp="\${final}.partial"
  if "$@" --file="\${tmp}" && \${verify} "\${tmp}"; then
    sync "\${tmp}"
    mv -- "\${tmp}" "\${final}"
    echo "Backed up \${label} to \${final} ($(stat -c %s "\${final}") bytes)"
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
  backup cluster sql verify_dumpall pg_dumpall
else
  if [ -n "\${BACKUP_DATABASES}" ]; then
    databases="\${BACKUP_DATABASES}"
  elif ! databases=$(psql -X -q -At -c 'SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1'); then
    echo "Could not list the databases on \${PGHOST}:\${PGPORT}" >&2
    exit 1
  fi
  while IFS= read -r database; do
    [ -n "\${database}" ] || continue
    PGDATABASE="\${database}" backup "\${database}" dump verify_custom pg_dump --format=custom
  done <<< "\${databases}"
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
 * OVERWRITE (`true` to replace a non-empty target), and libpq's PG* variables.
 */
export const RESTORE_SCRIPT = `set -euo pipefail
${SAFE_NAME}
# A conninfo string that names the database literally, whatever characters it holds.
conninfo_dbname() { local v="\${1//\\\\/\\\\\\\\}"; v="\${v//\\'/\\\\\\'}"; printf "dbname='%s'" "\${v}"; }

name=$(safe_name "\${SOURCE_DATABASE}")
dir="\${BACKUP_DIR}/\${name}"
if [ "\${BACKUP_FILE}" = latest ]; then
  file=$(find "\${dir}" -maxdepth 1 -type f -name "\${name}_*Z.dump" -printf '%f\\n' 2>/dev/null | sort | tail -n 1)
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
pg_restore --list "\${path}" > /dev/null

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
