import { SERVER_TLS_DIR } from './tls';
import { TLS_KEYS } from '../core/client-tls';

/**
 * How often, in seconds, the watcher reads the certificate files. The kubelet itself takes up to
 * a minute or two to put a renewed Secret into the volume.
 */
export const CERTIFICATE_CHECK_SECONDS = 30;

/**
 * The server container's script, run by the image's `/bin/sh` (dash in the Debian images,
 * busybox in the Alpine ones) as `sh -c <script> postgres <the container's args>`.
 *
 * PostgreSQL reads its certificate, key and CA at start and on reload only, and cert-manager
 * renews the Secret while the server runs: the kubelet puts the new files into the volume (it
 * writes a new directory and swaps the `..data` symlink the file names point through), and
 * nothing tells the server. So the script starts a watcher in the background that reads the
 * three files every {@link CERTIFICATE_CHECK_SECONDS} seconds (their `cksum`, contents rather
 * than the symlink, so that any way of replacing them counts) and, when they differ from what it
 * saw last, runs `pg_ctl reload`, which sends SIGHUP to the postmaster named in
 * `$PGDATA/postmaster.pid`: PostgreSQL loads the new certificate for new connections, keeps the
 * old one if the new files do not load (it logs why), and existing sessions go on. Then the
 * script execs the image's entrypoint with the container's args, exactly as the image's own
 * `ENTRYPOINT ["docker-entrypoint.sh"]` would have run them: the entrypoint execs the postmaster,
 * which is the container's first process as before and receives the kubelet's SIGTERM itself.
 *
 * Least privilege: the watcher is a process of the server container, with its uid (999), its
 * seccomp profile and no capabilities; it reads only the files the server reads, writes nothing
 * (the root file system stays read-only) and can signal only processes of its own uid. No
 * sidecar, no shared process namespace (which would let another container read the server's
 * environment, passwords included), no ServiceAccount token, no superuser login to call
 * `pg_reload_conf()`, and no restart: the alternatives (a reloader that restarts the pod, a Job
 * with the superuser's password) need more and interrupt more.
 *
 * The watcher is the postmaster's child once the entrypoint has exec'd. PostgreSQL treats a child
 * it did not start like a crashed backend unless it exits with status 0 or 1 (14–17: "server
 * process … exited with exit code 2", 18: "untracked child process"; then "terminating any other
 * active server processes" and crash recovery). So the watcher never exits any other way: a
 * signal it can catch ends it with `exit 0`, and it stops, with 0, once the server is gone.
 *
 * A reload also applies the mounted ConfigMap's reloadable settings and pg_hba.conf as they are
 * then, as `SELECT pg_reload_conf()` would. `CERTIFICATE_CHECK_SECONDS` in the environment
 * changes the interval (the manifests leave it unset; tests set it to 1).
 */
export const CERTIFICATE_RELOAD_SCRIPT = `tls_dir=${SERVER_TLS_DIR}
interval="\${CERTIFICATE_CHECK_SECONDS:-${CERTIFICATE_CHECK_SECONDS}}"
case "$interval" in '' | *[!0-9]* | 0) interval=${CERTIFICATE_CHECK_SECONDS} ;; esac
certificate_files() {
  cksum "$tls_dir/${TLS_KEYS.certificate}" "$tls_dir/${TLS_KEYS.privateKey}" "$tls_dir/${TLS_KEYS.ca}" 2>&1
}
(
  trap 'exit 0' HUP INT QUIT TERM USR1 USR2 ALRM PIPE
  seen=$(certificate_files)
  while sleep "$interval" && kill -0 "$$" 2>/dev/null; do
    now=$(certificate_files)
    if [ "$now" != "$seen" ]; then
      seen=$now
      echo "certificate-reload: the files in $tls_dir changed; reloading PostgreSQL" >&2
      pg_ctl reload --pgdata="$PGDATA" --silent || :
    fi
  done
  exit 0
) < /dev/null &
exec docker-entrypoint.sh postgres "$@"
`;

/**
 * The server container's `command` when it has TLS: {@link CERTIFICATE_RELOAD_SCRIPT}, `postgres`
 * as its `$0`, and the container's `args` after it.
 */
export function certificateReloadCommand(): string[] {
  return ['/bin/sh', '-c', CERTIFICATE_RELOAD_SCRIPT, 'postgres'];
}
