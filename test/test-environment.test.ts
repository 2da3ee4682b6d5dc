import { compileFunction, createContext } from 'vm';

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

  test('calls without a context and scripts with a hashbang go to Node as they were', () => {
    expect(compileFunction('return x * 2;', ['x'])(21)).toBe(42);
    expect(compileFunction('#!/usr/bin/env node\nreturn 1;', [], { parsingContext: createContext({}) })()).toBe(1);
  });
});
