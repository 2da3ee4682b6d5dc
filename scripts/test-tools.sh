#!/usr/bin/env bash
# Runs before `npm test`: the tests use real consumers of the output, which are not npm packages.
# PostgreSQL servers come from npm (node_modules/pg14 … pg18); these are the rest. As root on
# Debian, whatever is missing is installed; elsewhere, what is missing is named and the tests stop.
set -euo pipefail

declare -A PACKAGE_OF=(
  [psql]=postgresql-client [pg_dump]=postgresql-client [pg_dumpall]=postgresql-client [pg_restore]=postgresql-client
  [kubectl]=kubernetes-client
  [shellcheck]=shellcheck
  [curl]=curl [openssl]=openssl [busybox]=busybox
  [promtool]=prometheus [pgbouncer]=pgbouncer
)

missing=()
for tool in "${!PACKAGE_OF[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$tool]}")
done
# A library, not a program: the documentation test runs docs/development.md's faked-clock line.
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || missing+=(libfaketime)
# initdb refuses to run as root: the tests run the servers as the OS user 'postgres'.
needs_user=false
if [ "$(id -u)" = 0 ] && ! id -u postgres >/dev/null 2>&1; then needs_user=true; fi

if [ ${#missing[@]} -eq 0 ] && [ "$needs_user" = false ]; then exit 0; fi

packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${packages}(Debian package names). Install them, then run npm test again." >&2
  exit 1
fi
if [ -n "$packages" ]; then
  echo "Installing test tools: ${packages}" >&2
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi
# A package may have made it meanwhile (postgresql-common, which pgbouncer needs, creates postgres).
if [ "$needs_user" = true ] && ! id -u postgres >/dev/null 2>&1; then useradd --system --user-group --no-create-home postgres; fi
