/**
 * Which postgresql.conf changes weaken the server's protection or its audit trail, whatever they
 * cost to apply. Values are the texts of postgresql.conf (quotes included) or of a Zalando
 * resource's parameters; a missing one is the server's default (PostgreSQL 14 to 18).
 */
import { preloadedLibraries, readPostgresBoolean, TLS_VERSIONS } from '../config/postgres-values';
import { millisecondsOf } from '../config/setting-values';

type Settings = ReadonlyMap<string, string>;

const LOG_STATEMENT = ['none', 'ddl', 'mod', 'all'];
const STATEMENT_TEXT = "the text of statements goes to the server log, an application's ALTER ROLE … PASSWORD '…' included";
/** log_line_prefix escapes that name who did what, and the words for them. */
const PREFIX_FIELDS: Record<string, string> = { '%u': 'user', '%d': 'database', '%r': 'client', '%h': 'client' };

/** The value without its single quotes (postgresql.conf writes '' for a quote inside). */
function unquoted(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  return t.startsWith("'") && t.endsWith("'") && t.length >= 2 ? t.slice(1, -1).replace(/''/g, "'") : t;
}

/** A switch as PostgreSQL reads it; a value it does not read as a boolean counts as on (log_connections takes a list from 18). */
function isOn(text: string | undefined, fallback: boolean): boolean {
  const value = unquoted(text);
  if (value === undefined) return fallback;
  if (value === '') return false;
  return readPostgresBoolean(value) ?? true;
}

/**
 * Below this many milliseconds a slow-statement threshold logs password statements as a matter of
 * course: ALTER ROLE … PASSWORD hashes the password (SCRAM, 4096 iterations), which takes
 * milliseconds. Above it they are logged only when they wait (for a lock, say).
 */
const PASSWORD_STATEMENT_MS = 100;

/** Whether a log_min_duration_* value (-1 off, 0 every statement) logs password statements as a matter of course. */
function catchesPasswordStatements(value: string | undefined): boolean {
  const ms = millisecondsOf(unquoted(value) ?? '-1') ?? -1;
  return ms >= 0 && ms < PASSWORD_STATEMENT_MS;
}

function preloads(settings: Settings, library: string): boolean {
  return preloadedLibraries(unquoted(settings.get('shared_preload_libraries')) ?? '').includes(library);
}

/** Why changing `name` from `before` to `after` weakens security or audit, or undefined when it does not. */
export function settingWeakening(name: string, before: Settings, after: Settings): string | undefined {
  const [b, a] = [before.get(name), after.get(name)];
  switch (name) {
    case 'ssl':
      return isOn(b, false) && !isOn(a, false) ? 'TLS is switched off: no client can connect encrypted, and passwords and data cross the network in the clear wherever pg_hba admits plain connections' : undefined;
    case 'ssl_min_protocol_version': {
      const rank = (v: string | undefined) => TLS_VERSIONS.indexOf(unquoted(v) ?? 'TLSv1.2');
      return rank(a) < rank(b) ? `older TLS versions are accepted (${unquoted(a) ?? 'TLSv1.2'} and later), with weaker ciphers and known attacks` : undefined;
    }
    case 'ssl_ciphers': {
      const list = (v: string | undefined) => (unquoted(v) ?? 'HIGH:MEDIUM:+3DES:!aNULL').split(':').map((s) => s.trim()).filter((s) => s !== '');
      const known = new Set(list(b));
      const more = list(a).filter((s) => !known.has(s));
      return more.length ? `TLS 1.2 admits cipher suites it did not (${more.join(':')}), CBC or SHA-1 suites among them unless each is an AEAD suite` : undefined;
    }
    case 'password_encryption':
      return (unquoted(b) ?? 'scram-sha-256') === 'scram-sha-256' && unquoted(a) === 'md5' ? 'new and changed passwords are stored as MD5 verifiers, which are weaker and let whoever reads one log in as that user' : undefined;
    case 'log_connections':
    case 'log_disconnections':
      return isOn(b, false) && !isOn(a, false) ? `${name === 'log_connections' ? 'logins' : 'session ends'} are no longer logged: the audit trail loses who connected from where` : undefined;
    case 'log_line_prefix': {
      const fields = (v: string | undefined) => new Set(Object.keys(PREFIX_FIELDS).filter((f) => (unquoted(v) ?? '%m [%p] ').includes(f)).map((f) => PREFIX_FIELDS[f]));
      const lost = [...fields(b)].filter((f) => !fields(a).has(f));
      return lost.length ? `log lines no longer name the ${lost.join(', ')}: the audit trail cannot tell who did what` : undefined;
    }
    case 'log_statement': {
      const rank = (v: string | undefined) => LOG_STATEMENT.indexOf((unquoted(v) ?? 'none').toLowerCase());
      return rank(a) > rank(b) ? STATEMENT_TEXT : undefined;
    }
    case 'log_min_duration_statement':
    case 'log_min_duration_sample':
      return catchesPasswordStatements(b) || !catchesPasswordStatements(a) ? undefined : STATEMENT_TEXT;
    case 'debug_print_parse':
    case 'debug_print_rewritten':
    case 'debug_print_plan':
      return !isOn(b, false) && isOn(a, false) ? 'every statement\'s parse tree goes to the server log, with the literals of password statements' : undefined;
    case 'pg_stat_statements.track_utility':
      return preloads(after, 'pg_stat_statements') && !isOn(b, true) && isOn(a, true)
        ? "pg_stat_statements keeps utility statements verbatim, an application's ALTER ROLE … PASSWORD '…' included, for every pg_monitor member to read" : undefined;
    default:
      return undefined;
  }
}
