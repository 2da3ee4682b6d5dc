import { Container, Quantity } from '../private/k8s';
import { restrictedContainerSecurityContext } from '../core/pod-security';
import { dataPaths } from '../core/postgres-version';

/** Where the guard sees the data volume: read-only, at the same place whatever the major. */
const GUARD_VOLUME_PATH = '/mnt/data-volume';

/**
 * The guard's script, run by the image's `/bin/sh` (dash in the Debian images, busybox in the
 * Alpine ones). It looks for PG_VERSION where any major of the official image keeps its data,
 * relative to the volume's root: the root itself, `data/`, `pgdata/` (up to 17, the volume is
 * mounted at /var/lib/postgresql/data and PGDATA is its `pgdata` subdirectory) and `<major>/docker/`
 * (from 18, the volume is mounted at /var/lib/postgresql). The directory this pod's server uses
 * is looked at first.
 *
 * Why: the image's entrypoint runs initdb whenever `$PGDATA/PG_VERSION` is missing or empty
 * (docker-library/postgres docker-entrypoint.sh, `[ -s "$PGDATA/PG_VERSION" ]` in
 * docker_setup_env, then docker_init_database_dir in _main). Its only look elsewhere, when PGDATA
 * is /var/lib/postgresql/<major>/docker, is for PG_VERSION in /var/lib/postgresql,
 * /var/lib/postgresql/data and /var/lib/postgresql/<any>/docker (docker_error_old_databases): with
 * the volume mounted at /var/lib/postgresql, a 17 layout sits at /var/lib/postgresql/pgdata, which
 * it misses, so an 18 image initializes an empty cluster beside it; a 17 image mounted one level
 * down never sees an 18 layout either; and between two majors of the same layout the server
 * refuses the files and the pod restarts forever.
 *
 * Passes: no PG_VERSION anywhere (first start), or PG_VERSION of this major in this pod's
 * directory and no data directory of another major. Refuses
 * everything else, naming what it found and where; it never writes.
 *
 * The script is part of every server's pod template: a change to its text, even to a message,
 * restarts every server on its next apply. Its pointer `README "Upgrading PostgreSQL"` (the
 * README's link to docs/upgrading.md) therefore stays as it is.
 */
const MAJOR_GUARD_SCRIPT = `set -eu
volume="$DATA_VOLUME"
major="$POSTGRES_MAJOR"
expected="$PGDATA_ON_VOLUME"
own=''

refuse() {
  printf 'major-guard: %s Nothing was changed.\\n' "$1" >&2
  exit 1
}

place() {
  if [ "$1" = . ]; then printf "the volume's root"; else printf '%s/' "$1"; fi
}

inspect() {
  if [ "$1" = . ]; then dir="$volume"; else dir="$volume/$1"; fi
  [ -d "$dir" ] || return 0
  [ -x "$dir" ] || refuse "This pod (uid $(id -u)) cannot look into $(place "$1") on its data volume, which may hold a PostgreSQL data directory; the server does not start until it can be checked."
  [ -e "$dir/PG_VERSION" ] || return 0
  found=''
  IFS= read -r found < "$dir/PG_VERSION" || :
  case "$found" in
    '' | *[!0-9]*) refuse "The PG_VERSION file in $(place "$1") on the data volume names no PostgreSQL major; look at it before starting PostgreSQL $major." ;;
  esac
  if [ "$found" = "$major" ] && [ "$1" = "$expected" ]; then
    own=yes
    return 0
  fi
  if [ "$1" = "$expected" ]; then
    finding="its data volume holds PostgreSQL $found data in $(place "$1"), which PostgreSQL $major cannot start on"
  elif [ -n "$own" ]; then
    finding="besides its own data in $(place "$expected"), its data volume holds PostgreSQL $found data in $(place "$1")"
  else
    finding="its data volume holds PostgreSQL $found data in $(place "$1") and none in $(place "$expected"), where PostgreSQL $major keeps its data: the image would initialize an empty cluster there"
  fi
  if [ "$found" = "$major" ]; then
    refuse "This pod runs PostgreSQL $major, but $finding. Move that directory to $(place "$expected") with the server stopped, or remove it on purpose."
  fi
  forward="To keep running PostgreSQL $found, set majorVersion back to $found; to move the data to PostgreSQL $major, declare the upgrade (upgrade: { fromMajorVersion: $found }, README \\"Upgrading PostgreSQL\\"), which copies it into a new server with a volume of its own."
  if [ -n "$own" ]; then forward="$forward If that data is no longer wanted, remove it from the volume on purpose."; fi
  refuse "This pod runs PostgreSQL $major, but $finding. $forward"
}

if ! [ -r "$volume" ] || ! [ -x "$volume" ]; then
  refuse "This pod (uid $(id -u)) cannot read its data volume, which may hold a PostgreSQL data directory; the server does not start until it can be checked."
fi
inspect "$expected"
for candidate in "$volume" "$volume/data" "$volume/pgdata" "$volume"/*/docker; do
  if [ "$candidate" = "$volume" ]; then relative=.; else relative="\${candidate#"$volume"/}"; fi
  if [ "$relative" != "$expected" ]; then inspect "$relative"; fi
done
if [ -n "$own" ]; then
  printf 'major-guard: PostgreSQL %s data in %s on the data volume; starting.\\n' "$major" "$(place "$expected")"
else
  printf 'major-guard: no PostgreSQL data on the data volume; PostgreSQL %s initializes %s.\\n' "$major" "$(place "$expected")"
fi
`;

/** What the guard needs to know. */
export interface MajorGuardOptions {
  /** The server's image: the guard runs the same pinned image, so it adds no pull. */
  readonly image: string;
  /** The major the server runs. */
  readonly majorVersion: number;
}

/**
 * An init container that refuses to let the server start when the data volume holds a data
 * directory the server would not use (see {@link MAJOR_GUARD_SCRIPT}). It mounts the volume
 * read-only at {@link GUARD_VOLUME_PATH}, so it sees the volume's root in both layouts, and its
 * message becomes the container's termination message (`kubectl describe pod`).
 */
export function majorGuardContainer(options: MajorGuardOptions): Container {
  const { mountPath, pgdata } = dataPaths(options.majorVersion);
  return {
    name: 'major-guard',
    image: options.image,
    imagePullPolicy: 'IfNotPresent',
    command: ['/bin/sh', '-c', MAJOR_GUARD_SCRIPT],
    env: [
      { name: 'DATA_VOLUME', value: GUARD_VOLUME_PATH },
      { name: 'POSTGRES_MAJOR', value: String(options.majorVersion) },
      { name: 'PGDATA_ON_VOLUME', value: pgdata.slice(mountPath.length + 1) },
    ],
    resources: {
      requests: { cpu: Quantity.fromString('10m'), memory: Quantity.fromString('16Mi') },
      limits: { memory: Quantity.fromString('32Mi') },
    },
    securityContext: restrictedContainerSecurityContext(),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [{ name: 'data', mountPath: GUARD_VOLUME_PATH, readOnly: true }],
  };
}
