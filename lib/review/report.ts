import { Finding, Risk, RISKS } from './finding';

/** The findings highest risk first; findings of one risk keep their order. */
export function byRisk(findings: readonly Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i }))
    .sort((a, b) => RISKS.indexOf(a.f.risk) - RISKS.indexOf(b.f.risk) || a.i - b.i)
    .map(({ f }) => f);
}

/** 1 when a finding has one of the risks `failOn` (by default: applying it is refused or loses data), else 0. */
export function reviewExitStatus(findings: readonly Finding[], failOn: readonly Risk[] = ['refused', 'data-loss']): 0 | 1 {
  return findings.some((f) => failOn.includes(f.risk)) ? 1 : 0;
}

/**
 * The findings as one line of JSON, `{"findings":[{"environment","target","path","risk","applies","data","access","message","steps"}]}`,
 * keys always in that order, highest risk first.
 */
export function renderJson(findings: readonly Finding[]): string {
  const ordered = byRisk(findings).map((f) => ({
    environment: f.environment,
    target: f.target,
    path: f.path,
    risk: f.risk,
    applies: f.applies,
    data: f.data,
    access: f.access,
    message: f.message,
    steps: [...f.steps],
  }));
  return `${JSON.stringify({ findings: ordered })}\n`;
}

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** The git ref the change is compared with, named in the title. */
  readonly base?: string;
}

/** Inline code that survives any backtick in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text safe in Markdown prose: one line (each run of white space holding a line break becomes one
 * space; a run is matched once, so a long one costs its length), no HTML, no emphasis, links or
 * code from its punctuation.
 */
function prose(text: string): string {
  return text.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run))
    .replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const COMMAND = /^(?:kubectl|npm|npx|git|psql|pg_dump|pg_dumpall|terraform|gh) /;

/** Where the reason of a step starts: two or more white space characters, then `(`; -1 when it has none. */
function reasonStart(text: string): number {
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
    let start = open;
    while (start > 0 && /\s/.test(text[start - 1])) start--;
    if (open - start >= 2) return start;
  }
  return -1;
}

/** A step that starts with a command (`kubectl patch …   (why)`): the command as code, the rest as prose. */
function step(text: string): string {
  if (!COMMAND.test(text)) return prose(text);
  const reason = reasonStart(text);
  return reason < 0 ? code(text) : `${code(text.slice(0, reason))} ${prose(text.slice(reason).trim())}`;
}

/** A table cell: as prose, with pipes escaped (GitHub reads `\|` as a pipe even inside code). */
const cell = (markdown: string) => markdown.replace(/\|/g, '\\|');

const where = (f: Finding) => (f.path === '' ? 'the whole object' : code(f.path));

/**
 * The findings as a pull-request comment: a title with the count of each risk, then every finding
 * above `safe`, highest risk first, with what will happen and the steps to carry it out safely,
 * then the `safe` changes in one table, steps included (a reload, say).
 */
export function renderMarkdown(findings: readonly Finding[], options: MarkdownOptions = {}): string {
  const count = (risk: Risk) => findings.filter((f) => f.risk === risk).length;
  const against = options.base === undefined ? '' : ` against ${code(options.base)}`;
  const lines = [`## Review${against}: ${RISKS.map((r) => `${count(r)} ${r}`).join(', ')}`, ''];
  const risky = findings.filter((f) => f.risk !== 'safe');
  if (risky.length === 0) lines.push('No change above safe.', '');
  for (const risk of RISKS.filter((r) => r !== 'safe' && count(r) > 0)) {
    lines.push(`### ${risk} (${count(risk)})`, '');
    for (const f of risky.filter((x) => x.risk === risk)) {
      lines.push(`#### ${code(f.target)} in ${prose(f.environment)}`, '');
      lines.push(`- **Field:** ${where(f)}`);
      lines.push(`- **Effects:** applies ${f.applies}, data ${f.data}, access ${f.access}`);
      lines.push(`- **What happens:** ${prose(f.message)}`);
      if (f.steps.length === 0) lines.push('- **Steps:** apply it as it is');
      else {
        lines.push('- **Steps:**');
        f.steps.forEach((text, i) => lines.push(`  ${i + 1}. ${step(text)}`));
      }
      lines.push('');
    }
  }
  const safe = findings.filter((f) => f.risk === 'safe');
  if (safe.length > 0) {
    lines.push(`### safe (${safe.length})`, '', '| environment | target | field | what happens | steps |', '|---|---|---|---|---|');
    // A safe change may still need a step (a reload): numbered, one per line of the cell.
    const steps = (f: Finding) => f.steps.map((text, i) => `${f.steps.length > 1 ? `${i + 1}. ` : ''}${step(text)}`).join('<br>');
    for (const f of safe) lines.push(`| ${[prose(f.environment), code(f.target), where(f), prose(f.message), steps(f)].map(cell).join(' | ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
