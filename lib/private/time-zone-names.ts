import { TIME_ZONE_NAMES } from './time-zones';

const ZONES = new Set(TIME_ZONE_NAMES);
const ZONES_BY_LOWER_CASE = new Map(TIME_ZONE_NAMES.map((n) => [n.toLowerCase(), n]));

/** Whether `name` is a zone of the IANA database, spelled exactly. */
export function isTimeZoneName(name: string): boolean {
  return ZONES.has(name);
}

/** The zone of the IANA database that `name` spells in other letter case, if any (no two zones differ in case only). */
export function timeZoneSpelledAs(name: string): string | undefined {
  return ZONES_BY_LOWER_CASE.get(name.toLowerCase());
}
