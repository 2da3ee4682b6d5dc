import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT } from './manifests';

/** The pages a user reads: README.md and every guide in docs/ (not the generated docs/api/), by path. */
export function documentationFiles(): string[] {
  const guides = readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return ['README.md', ...guides];
}

/** One fenced block of a page: its language, text and the page and line it starts on. */
export interface CodeBlock {
  readonly file: string;
  readonly line: number;
  readonly language: string;
  readonly text: string;
}

/** The fenced blocks of `text` (a page named `file`), in order. */
export function codeBlocksOf(file: string, text: string): CodeBlock[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    file,
    line: text.slice(0, m.index).split('\n').length,
    language: m[1],
    text: m[2],
  }));
}

/** The fenced blocks of `language` of every page, page by page in documentationFiles' order. */
export function codeBlocks(language: string): CodeBlock[] {
  return documentationFiles().flatMap((file) => codeBlocksOf(file, readFileSync(join(REPO_ROOT, file), 'utf8')))
    .filter((block) => block.language === language);
}
