/**
 * PostgreSQL majors the library supports: the pinned image tag for each and the date its
 * community support ends (https://www.postgresql.org/support/versioning/). The tests run every
 * one of them on a real server; 13 (end of life 2025-11-13) is no longer among them.
 */
interface MajorRelease {
  /** Newest minor release known to this version of the library; the default image tag. */
  readonly pinnedTag: string;
  /** Last day of community support (YYYY-MM-DD). */
  readonly endOfLife: string;
}

const RELEASES: Record<number, MajorRelease> = {
  14: { pinnedTag: '14.23', endOfLife: '2026-11-12' },
  15: { pinnedTag: '15.18', endOfLife: '2027-11-11' },
  16: { pinnedTag: '16.14', endOfLife: '2028-11-09' },
  17: { pinnedTag: '17.10', endOfLife: '2029-11-08' },
  18: { pinnedTag: '18.4', endOfLife: '2030-11-14' },
};

/** The major version used when none is given. */
export const DEFAULT_MAJOR_VERSION = 17;

/** Majors with a pinned default image. */
export const SUPPORTED_MAJOR_VERSIONS: readonly number[] = Object.keys(RELEASES).map(Number);

/** The minor release each supported major is pinned to, for the images of every backend. */
export const RELEASE_TAGS: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(RELEASES).map(([major, release]) => [major, release.pinnedTag]));

/** The official image, pinned to a minor release: `postgres:17.10`. */
export function defaultImage(major: number): string {
  return `postgres:${RELEASES[major].pinnedTag}`;
}

/** True once `today` (YYYY-MM-DD) is past the major's end of life. */
export function isEndOfLife(major: number, today: string): boolean {
  return today > RELEASES[major].endOfLife;
}

/** The warning for a major past its end of life on `today` (YYYY-MM-DD), or undefined while it is supported. */
export function endOfLifeWarning(major: number, today: string): string | undefined {
  return isEndOfLife(major, today)
    ? `PostgreSQL ${major} reached end of life on ${RELEASES[major].endOfLife} and gets no more security fixes; upgrade it (docs/upgrading.md)`
    : undefined;
}

/**
 * Where the official image keeps its data. From 18 the image declares its volume at
 * /var/lib/postgresql and keeps data in /var/lib/postgresql/<major>/docker; up to 17 the
 * volume is /var/lib/postgresql/data, and PGDATA goes one level down so a fresh volume's
 * lost+found never sits in the data directory.
 */
export function dataPaths(major: number): { readonly mountPath: string; readonly pgdata: string } {
  return major >= 18
    ? { mountPath: '/var/lib/postgresql', pgdata: `/var/lib/postgresql/${major}/docker` }
    : { mountPath: '/var/lib/postgresql/data', pgdata: '/var/lib/postgresql/data/pgdata' };
}
