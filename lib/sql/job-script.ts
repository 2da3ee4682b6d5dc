import { APPLY_FILE, LEDGER_QUERY_FILE, OWNERS_FILE, PASSWORDS_FILE, PLAN_FILE } from './plan';
import { SCRAM_VERIFIER_BASH_PATTERN, SCRAM_VERIFIER_PERL } from './scram-verifier';

/**
 * The schema Job's bash script. It reads connection settings from the libpq environment
 * (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD), the SQL from $SQL_DIR, and gives up
 * waiting for the server after $WAIT_SECONDS. Each login's password is turned into a SCRAM-SHA-256
 * verifier and removed from the environment first; a database owner's password is kept in a shell
 * variable of the script (not exported) and given to the one psql that applies that owner's
 * schema files over the owner's own connection. No other program holds a login's password.
 */
export const SCHEMA_JOB_SCRIPT = `set -euo pipefail
scram_verifier() {
  perl - "$1" <<'PERL'
${SCRAM_VERIFIER_PERL}PERL
}
# The owners' passwords, for their schema files, copied before the loop below removes the variables.
declare -A owner_password=()
while IFS=$'\\t' read -r variable secret key login; do
  if [ -z "\${!variable:-}" ]; then
    echo "The password of login '\${login}' is empty: set key '\${key}' of Secret '\${secret}'" >&2
    exit 1
  fi
  owner_password["\${login}"]="\${!variable}"
done < "\${SQL_DIR}/${OWNERS_FILE}"
# Before anything else runs: no program after these loops holds a password from the environment
# (the owners' are unexported variables of this script).
while IFS=$'\\t' read -r variable secret key login verifier; do
  if [ -z "\${!variable:-}" ]; then
    echo "The password of login '\${login}' is empty: set key '\${key}' of Secret '\${secret}'" >&2
    exit 1
  fi
  if ! command -v perl > /dev/null; then
    echo "The Job's image has no perl, which computes the logins' SCRAM verifiers (only a verifier is sent, never a password): use the official Debian-based postgres image" >&2
    exit 1
  fi
  if ! value=$(scram_verifier "\${variable}") || ! [[ "\${value}" =~ ${SCRAM_VERIFIER_BASH_PATTERN} ]]; then
    echo "Could not compute the SCRAM verifier of login '\${login}' (key '\${key}' of Secret '\${secret}')" >&2
    exit 1
  fi
  export "\${verifier}=\${value}"
  unset "\${variable}"
done < "\${SQL_DIR}/${PASSWORDS_FILE}"
while IFS=$'\\t' read -r variable secret key login; do unset "\${variable}"; done < "\${SQL_DIR}/${OWNERS_FILE}"
wait_seconds="\${WAIT_SECONDS:-300}"
deadline=$((SECONDS + wait_seconds))
echo "Waiting up to \${wait_seconds}s for PostgreSQL at \${PGHOST}:\${PGPORT}"
until pg_isready -q; do
  if (( SECONDS >= deadline )); then
    echo "Gave up: PostgreSQL at \${PGHOST}:\${PGPORT} did not accept connections within \${wait_seconds}s" >&2
    exit 1
  fi
  sleep 2
done
# pg_isready only says the server accepts connections; the first real query may still fail.
until error=$(psql -X -q -c 'SELECT 1' 2>&1 >/dev/null); do
  if (( SECONDS >= deadline )); then
    echo "Gave up: PostgreSQL at \${PGHOST}:\${PGPORT} accepts connections, but queries failed for \${wait_seconds}s: \${error}" >&2
    exit 1
  fi
  sleep 2
done
while IFS=$'\\t' read -r mode database file name role password_variable; do
  path="\${SQL_DIR}/\${file}"
  case "\${mode}" in
    autocommit)
      echo "Applying \${file} to \${database}"
      PGDATABASE="\${database}" psql -X -q -v ON_ERROR_STOP=1 -f "\${path}" ;;
    transaction)
      echo "Applying \${file} to \${database}"
      PGDATABASE="\${database}" psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f "\${path}" ;;
    passwords)
      echo "Setting passwords on \${database}"
      if ! PGDATABASE="\${database}" psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f "\${path}"; then
        echo "Setting passwords failed; no password was changed. The step turns statement logging, activity tracking and pg_stat_statements off for its transaction, which needs a superuser login (PGUSER '\${PGUSER:-}')" >&2
        exit 1
      fi ;;
    once)
      checksum=$(sha256sum "\${path}" | cut -d' ' -f1)
      applied=$(PGDATABASE="\${database}" psql -X -q -At -v ON_ERROR_STOP=1 -v file="\${name}" -f "\${SQL_DIR}/${LEDGER_QUERY_FILE}")
      if [ -z "\${applied}" ]; then
        echo "Applying schema file \${name} to \${database} as \${role}"
        # As the owner, over its own connection: the file has the owner's rights and no more.
        if [ "\${password_variable}" = "-" ]; then
          login="\${PGUSER}"
          password="\${PGPASSWORD}"
        else
          login="\${role}"
          password="\${owner_password[\${role}]:-}"
        fi
        PGDATABASE="\${database}" PGUSER="\${login}" PGPASSWORD="\${password}" psql -X -q -v ON_ERROR_STOP=1 --single-transaction \\
          -v path="\${path}" -v file="\${name}" -v checksum="\${checksum}" -f "\${SQL_DIR}/${APPLY_FILE}"
      elif [ "\${applied}" = "\${checksum}" ]; then
        echo "Skipping schema file \${name}: applied to \${database} before"
      else
        echo "Schema file \${name} changed after it was applied to \${database} (applied sha256 \${applied}, now \${checksum}): add a new schema file instead of editing an applied one" >&2
        exit 1
      fi ;;
    *)
      echo "Unknown step '\${mode}' in \${SQL_DIR}/${PLAN_FILE}" >&2
      exit 1 ;;
  esac
done < "\${SQL_DIR}/${PLAN_FILE}"
echo "Schema initialization completed"
`;
