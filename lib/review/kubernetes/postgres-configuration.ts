/** Rules for the PostgreSQL configuration in ConfigMaps: the schema files' ledger, postgresql.conf parameters and pg_hba.conf rules. */
import { DEFAULT_MAJOR_VERSION } from '../../core/postgres-version';
import { Change, joinPath, valueAt } from '../diff';
import { needsRestart, settingContext } from '../../config/pg-settings';
import { HbaRule, readPgHba, readPostgresqlConf } from '../postgres-files';
import { settingWeakening } from '../setting-weakenings';
import { immutableData } from './access';
import { APPLY, Context, Emit, KubeObject, where } from './objects';
import { postgresMajorOf } from './pod-templates';
import { SCHEMA_JOB_COMPONENT } from '../../private/rendered-names';
import { PLAN_FILE } from '../../sql/plan';

export function configMap(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const explained = immutableData(emit, old, now, changes);
  if (explained.length) return explained;
  if (now.metadata?.labels?.['app.kubernetes.io/component'] === SCHEMA_JOB_COMPONENT) return schemaFiles(emit, old, now, changes);
  if (typeof now.data?.['postgresql.conf'] === 'string' || typeof now.data?.['pg_hba.conf'] === 'string') return serverConfig(emit, old, now, changes, ctx);
  return [];
}

/**
 * The schema Job's ConfigMap. Its script (lib/sql/job-script.ts) records each schema file in a
 * ledger with its SHA-256 and refuses a file whose content differs from what was applied.
 */
function schemaFiles(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const once = new Set(planOf(old).filter((p) => p.mode === 'once').map((p) => p.file));
  const ledger = new Map(planOf(now).filter((p) => p.mode === 'once').map((p) => [p.file, p]));
  const explained: string[] = [];
  for (const file of Object.keys(now.data ?? {}).sort()) {
    const before = old.data?.[file];
    if (!once.has(file) || !ledger.has(file) || before === undefined || !changes.some((c) => c.path === joinPath('data', file))) continue;
    const entry = ledger.get(file)!;
    const path = joinPath('data', file);
    explained.push(path);
    emit('refused', path, `schema file ${entry.name} changed after it was applied: the schema Job stops with "Schema file ${entry.name} changed after it was applied to ${entry.database} (applied sha256 …, now …): add a new schema file instead of editing an applied one"`, [
      `restore ${entry.name} as it was applied`,
      'put the change in a new schema file, listed after it (applied once, in order)',
    ]);
  }
  const { routine, wider } = newGrants(old, now);
  if (wider.length) emit('security', 'data', `the schema Job grants more: ${listed(wider)}`, ['check that each new grant is meant; the schema Job applies it on its next run']);
  if (routine.length) emit('safe', 'data', `new logins and databases get what their kinds declare: ${listed(routine)}`, []);
  // Schema files run as their database's owner: what they may do to roles and ownership is the owner's, which can still hand rights on.
  const schemaFileStatements = (o: KubeObject) => new Set(planOf(o).filter((p) => p.mode === 'once').flatMap((p) => statementsOf(o.data?.[p.file] ?? ''))
    .filter((statement) => ROLE_OR_OWNERSHIP.test(statement)));
  const oldStatements = schemaFileStatements(old);
  const newStatements = [...schemaFileStatements(now)].filter((statement) => !oldStatements.has(statement));
  if (newStatements.length) {
    emit('security', 'data', `a schema file changes roles, memberships, ownership or who runs code as whom: ${listed(newStatements)}`,
      ['check that each statement is meant: the file runs as the database owner, and these hand on its rights']);
  }
  return explained;
}

/** The first three statements, and how many more. */
const listed = (statements: readonly string[]) => `${statements.slice(0, 3).join('; ')}${statements.length > 3 ? `; and ${statements.length - 3} more` : ''}`;

/**
 * The GRANT statements `now` runs that `old` did not. Those the library writes for a login or
 * database that is new (a grantee `old` never names, or a database `old` never plans for) give
 * the new object what its kind declares and are routine; the rest widen what an existing login
 * may do, as does every grant in a schema file.
 */
function newGrants(old: KubeObject, now: KubeObject): { routine: string[]; wider: string[] } {
  const grantsOf = (o: KubeObject, schemaFiles: boolean) => planOf(o).filter((p) => (p.mode === 'once') === schemaFiles)
    .flatMap((p) => statementsOf(o.data?.[p.file] ?? '').filter((s) => /^GRANT\b/i.test(s)).map((statement) => ({ statement, database: p.database })));
  const before = new Set([...grantsOf(old, false), ...grantsOf(old, true)].map((g) => g.statement));
  const oldText = Object.values<string>(old.data ?? {}).join('\n');
  const oldDatabases = new Set(planOf(old).map((p) => p.database));
  const isNew = (g: { statement: string; database: string }) => {
    const onDatabase = /\bON\s+DATABASE\s+("(?:[^"]|"")+"|\S+)/i.exec(g.statement)?.[1];
    if (!oldDatabases.has(g.database) || (onDatabase !== undefined && !oldText.includes(onDatabase))) return true;
    const grantees = (/\bTO\s+(.+)$/i.exec(g.statement)?.[1] ?? '').split(',').map((r) => r.trim());
    return grantees.every((r) => r.startsWith('"') && !oldText.includes(r));
  };
  const added = (schemaFiles: boolean) => grantsOf(now, schemaFiles).filter((g) => !before.has(g.statement));
  const generated = added(false);
  return {
    routine: [...new Set(generated.filter(isNew).map((g) => g.statement))],
    wider: [...new Set([...generated.filter((g) => !isNew(g)), ...added(true)].map((g) => g.statement))],
  };
}

/** Statements that change roles, memberships or ownership, or make functions run as their owner. */
const ROLE_OR_OWNERSHIP = /^(CREATE|ALTER|DROP)\s+(ROLE|USER|GROUP)\b|\bOWNER\s+TO\b|^SET\s+(SESSION\s+)?ROLE\b|^SET\s+SESSION\s+AUTHORIZATION\b|\bSECURITY\s+DEFINER\b|^GRANT\b(?![\s\S]*\bON\b)[\s\S]*\bTO\b/i;

/** The statements of a SQL text, whitespace collapsed (split at semicolons: good enough to name what changed). */
function statementsOf(sql: string): string[] {
  return sql.split(/;\s*/).map((s) => s.replace(/--[^\n]*/g, '').replace(/\s+/g, ' ').trim()).filter((s) => s !== '');
}

interface PlanEntry { mode: string; database: string; file: string; name: string }

/** plan.tsv of a schema ConfigMap (tab-separated: mode, database, file, ledger name, role). */
function planOf(o: KubeObject): PlanEntry[] {
  const text: string = o.data?.[PLAN_FILE] ?? '';
  return text.split('\n').filter((l) => l !== '').map((l) => {
    const [mode, database, file, name] = l.split('\t');
    return { mode, database, file, name: name ?? file };
  });
}

/** The server ConfigMap: postgresql.conf parameter by parameter, pg_hba.conf rule by rule. */
function serverConfig(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const server = serverMounting(now, ctx);
  const major = (server && postgresMajorOf(server)) ?? DEFAULT_MAJOR_VERSION;
  const reload = server
    ? `kubectl exec ${server.metadata?.name}-0${where(server)} -c postgres -- sh -c 'pg_ctl reload --pgdata="$PGDATA"'   (after the kubelet has updated the mounted file, within about a minute; for each pod; or SELECT pg_reload_conf() as a superuser)`
    : 'reload the server: SELECT pg_reload_conf() as a superuser (the server does not watch its configuration file)';
  const steps = [APPLY, reload];
  const explained: string[] = [];
  if (changes.some((c) => c.path === 'data["postgresql.conf"]')) {
    explained.push('data["postgresql.conf"]');
    parameterChanges(emit, major, readPostgresqlConf(old.data?.['postgresql.conf'] ?? ''), readPostgresqlConf(now.data?.['postgresql.conf'] ?? ''), 'data["postgresql.conf"]', steps);
  }
  if (changes.some((c) => c.path === 'data["pg_hba.conf"]')) {
    explained.push('data["pg_hba.conf"]');
    const widened = hbaWidening(readPgHba(old.data?.['pg_hba.conf'] ?? ''), readPgHba(now.data?.['pg_hba.conf'] ?? ''));
    const path = 'data["pg_hba.conf"]';
    if (widened.length) {
      emit('security', path, `pg_hba.conf ${widened.join(', ')}: more clients may log in (applied on a reload)`, steps, { applies: 'on reload' });
    } else {
      emit('safe', path, 'pg_hba.conf admits fewer connections; PostgreSQL reads it on a reload, without a restart', steps, { applies: 'on reload', access: 'narrower' });
    }
  }
  return explained;
}

/** The `spec.postgresql.parameters` of an operator's resource (Zalando's `postgresql`, CloudNativePG's `Cluster`), as text. */
export function resourceParameters(o: KubeObject): Map<string, string> {
  return new Map(Object.entries<unknown>(o.spec?.postgresql?.parameters ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * The pg_hba lines an operator's resource gives at `path` (a list of rules), changed: `security`
 * when more clients may log in, `safe` when fewer; `reloads` says who reloads them where.
 */
export function hbaListChange(emit: Emit, path: string, old: KubeObject, now: KubeObject, reloads: string): void {
  const rules = (o: KubeObject) => readPgHba(((valueAt(o, path) as string[] | undefined) ?? []).join('\n'));
  const widened = hbaWidening(rules(old), rules(now));
  if (widened.length) emit('security', path, `pg_hba ${widened.join(', ')}: more clients may log in (${reloads})`, ['check that each new rule is meant; keep TLS and scram-sha-256 for TCP'], { applies: 'on reload' });
  else emit('safe', path, `pg_hba admits fewer connections; ${reloads}, without a restart`, [], { applies: 'on reload', access: 'narrower' });
}

/** The rules `after` adds that admit, and the refusals it drops, as `admits "<rule>"` / `no longer refuses "<rule>"`. */
export function hbaWidening(before: readonly HbaRule[], after: readonly HbaRule[]): string[] {
  const has = (rules: readonly HbaRule[], text: string) => rules.some((r) => r.text === text);
  return [
    ...after.filter((r) => !r.reject && !has(before, r.text)).map((r) => `admits "${r.text}"`),
    ...before.filter((r) => r.reject && !has(after, r.text)).map((r) => `no longer refuses "${r.text}"`),
  ];
}

/**
 * postgresql.conf (or a Zalando cluster's parameters), one finding per changed parameter:
 * `security` when it weakens TLS, password storage, the audit trail or keeps statement text
 * (see setting-weakenings.ts), else `downtime` when PostgreSQL reads it only at start, `safe` when
 * a reload applies it.
 */
export function parameterChanges(emit: Emit, major: number, before: Map<string, string>, after: Map<string, string>, base: string, reloadSteps: string[], restartWhat = 'the server restarts to apply it', restartSteps: string[] = ['apply in a maintenance window: the database is unavailable while it restarts']): void {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const b = before.get(name);
    const a = after.get(name);
    if (b === a) continue;
    const change = `${name} ${b ?? '(default)'} -> ${a ?? '(default)'}`;
    const context = settingContext(major, name);
    const restarts = needsRestart(major, name);
    const path = joinPath(base, name);
    const weakening = settingWeakening(name, before, after);
    if (weakening) {
      const when = restarts ? `applied when the server restarts (${restartWhat})` : 'applied on a reload';
      emit('security', path, `${change}: ${weakening}; ${when}`, ['check that the weakening is meant and approved before applying', ...(restarts ? restartSteps : reloadSteps)],
        { applies: restarts ? 'on restart' : 'on reload' });
    } else if (restarts) {
      const why = context === undefined ? `PostgreSQL ${major} does not know it (pg_settings has no such setting), so only a restart is sure to read it` : `PostgreSQL reads it only at server start (pg_settings.context ${context})`;
      emit('downtime', path, `${change}: ${why}; ${restartWhat}`, restartSteps);
    } else {
      const sessions = context === 'backend' || context === 'superuser-backend' ? ', for sessions that start afterwards' : '';
      emit('safe', path, `${change}: PostgreSQL applies it on a reload (pg_settings.context ${context})${sessions}; the server keeps running`, reloadSteps, { applies: 'on reload' });
    }
  }
}

/** The StatefulSet that mounts this ConfigMap. */
function serverMounting(cm: KubeObject, ctx: Context): KubeObject | undefined {
  return [...ctx.after, ...ctx.before].find((o) => o.kind === 'StatefulSet' && o.metadata?.namespace === cm.metadata?.namespace
    && ((valueAt(o, 'spec.template.spec.volumes') as any[]) ?? []).some((v) => v?.configMap?.name === cm.metadata?.name));
}
