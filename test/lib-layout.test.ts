import { readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

// lib/ is laid out by concern (docs/development.md, "Layout") and its modules form no import cycle: a cycle makes
// the load order decide which module sees the other's exports as undefined.
const LIB = join(__dirname, '..', 'lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'imports' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each lib/ module's relative imports, resolved to files. */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles(LIB);
  const known = new Set(files);
  return new Map(files.map((file) => {
    const imports = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name))
      .map((base) => [`${base}.ts`, join(base, 'index.ts')].find((candidate) => known.has(candidate)))
      .filter((target): target is string => target !== undefined);
    return [file, imports];
  }));
}

/** Every cycle, each as the list of files around it (relative to lib/). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(LIB, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('lib/ layout', () => {
  test('no module of lib/ imports itself through others', () => {
    expect(cycles(importGraph())).toEqual([]);
  });

  test('the cycle finder finds a cycle', () => {
    const graph = new Map([['/a.ts', ['/b.ts']], ['/b.ts', ['/c.ts']], ['/c.ts', ['/a.ts']]]);
    expect(cycles(graph).map((cycle) => cycle.length)).toEqual([4]);
  });

  test('only the entry sits directly in lib/; everything else in a folder by concern', () => {
    const top = readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')).map((e) => e.name);
    expect(top).toEqual(['index.ts']);
  });

  /** `from → to` for each import from a module under `from` to one under `to` (folders of lib/). */
  const importsBetween = (graph: Map<string, string[]>, from: (file: string) => boolean, to: string): string[] =>
    [...graph].flatMap(([file, imports]) => (from(relative(LIB, file)) ? imports.filter((i) => relative(LIB, i).startsWith(`${to}/`)).map((i) => `${relative(LIB, file)} -> ${relative(LIB, i)}`) : []));

  test('what the backends and the Jobs share lies below them: nothing but the entry imports lib/environment/, and lib/server/ and lib/jobs/ import neither each other', () => {
    const graph = importGraph();
    expect(importsBetween(graph, (f) => !f.startsWith('environment/') && f !== 'index.ts', 'environment')).toEqual([]);
    expect(importsBetween(graph, (f) => f.startsWith('server/'), 'jobs')).toEqual([]);
    expect(importsBetween(graph, (f) => f.startsWith('jobs/'), 'server')).toEqual([]);
    // what the check finds
    expect(importsBetween(new Map([[join(LIB, 'jobs', 'a.ts'), [join(LIB, 'server', 'b.ts')]]]), (f) => f.startsWith('jobs/'), 'server')).toEqual(['jobs/a.ts -> server/b.ts']);
  });

  test('the public entry exports nothing from lib/private', () => {
    const entry = readFileSync(join(LIB, 'index.ts'), 'utf8');
    expect(entry).not.toMatch(/from '\.\/private\//);
  });
});
