import { readFileSync } from 'fs';
import { compileFunction, createContext, runInThisContext } from 'vm';

// test/support/test-environment.js compiles Jest's modules through V8's cache: a module must not
// tell the difference from vm.compileFunction.
describe("the suite's test environment", () => {
  test('is in use', () => {
    expect(compileFunction.name).toBe('compileFunctionThroughCache');
  });

  test('a compiled module gets its parameters, its own strictness, and the lines and columns of its code', () => {
    const code = "'use strict';\nconst self = (function () { return this; })();\nreturn [a + b, self, new Error('here').stack.split('\\n')[1], arguments.length];";
    const run = compileFunction(code, ['a', 'b'], { filename: 'probe.js', parsingContext: createContext({}) });
    const [sum, self, frame, count] = run(1, 2, 3);
    expect([sum, self, count]).toEqual([3, undefined, 3]);
    const line = code.split('\n')[2];
    expect(frame).toContain(`probe.js:3:${line.indexOf('new Error') + 1}`);
    const firstLine = 'return [typeof this, new Error().stack.split("\\n")[1]];';
    const sloppy = compileFunction(firstLine, [], { filename: 'first-line.js', parsingContext: createContext({}) });
    expect(sloppy.call({})).toEqual(['object', expect.stringContaining(`first-line.js:1:${firstLine.indexOf('new Error') + 1}`)]);
  });

  test('an HTML-like comment may open the first line, as in compileFunction', () => {
    expect(compileFunction('--> a comment to the end of the line\nreturn 1;', [], { parsingContext: createContext({}) })()).toBe(1);
  });

  test("an error's stack still names the TypeScript source's line and column (Jest's source maps)", () => {
    const error: Error | undefined = new Error('mapped'); // the type annotation moves the column in the compiled code
    const lines = readFileSync(__filename, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes("new Error('mapped')"));
    const column = lines[line].indexOf("new Error('mapped')");
    expect(error!.stack!.split('\n')[1]).toContain(`test-environment.test.ts:${line + 1}:${column + 1}`);
  });

  test('a stack captured into a plain object (as cdktf and constructs do for every token) is V8\'s own text', () => {
    const holder: { stack?: string } = {};
    Error.captureStackTrace(holder);
    const lines = holder.stack!.split('\n');
    expect(lines[0]).toBe('Error');
    expect(lines[1]).toMatch(/^ {4}at .*test-environment\.test\.ts:\d+:\d+\)?$/);
  });

  test("a formatter set over Jest's gets what it asks for, and putting the saved one back restores Jest's (the callsites pattern)", () => {
    // the worker's own Error, whose formatter Node uses for every realm's stacks
    const WorkerError = runInThisContext('Error') as ErrorConstructor;
    const saved = WorkerError.prepareStackTrace;
    let sites: unknown;
    let collected: unknown;
    try {
      WorkerError.prepareStackTrace = (_error, frames) => frames;
      sites = runInThisContext('new Error().stack');
      const holder: { stack?: unknown } = {};
      WorkerError.captureStackTrace(holder);
      collected = holder.stack;
    } finally {
      WorkerError.prepareStackTrace = saved;
    }
    expect([Array.isArray(sites), Array.isArray(collected)]).toEqual([true, true]);
    expect(WorkerError.prepareStackTrace).toBe(saved);
    expect(runInThisContext("new Error('after').stack")).toMatch(/^Error: after\n {4}at /);
  });

  test('calls without a context and scripts with a hashbang go to Node as they were', () => {
    expect(compileFunction('return x * 2;', ['x'])(21)).toBe(42);
    expect(compileFunction('#!/usr/bin/env node\nreturn 1;', [], { parsingContext: createContext({}) })()).toBe(1);
  });
});
