'use strict';
// Jest's node environment, with one change to how a worker compiles the modules of a test file.
// Jest compiles every module anew for every test file (each gets a fresh module registry) with
// vm.compileFunction, which V8's compilation cache does not serve: cdk8s, the library and the
// Kubernetes bindings (2.5 MB) were parsed again for each of the suite's files, a tenth of the
// workers' time. The same function compiled from a vm.Script is served from that cache after the
// first file of the worker (unless Node runs with --experimental-vm-modules, which gives every
// script options of its own that the cache does not share). The module sees no difference: the
// same parameters, strict mode if its code says so, the same lines and columns (the wrapper's line
// comes first, and the line offset takes it back). Only code written to close the wrapper early
// (`}); …`) would compile here and not there; a hashbang goes to compileFunction.
const vm = require('vm');
const { TestEnvironment } = require('jest-environment-node');

const compileFunction = vm.compileFunction;
vm.compileFunction = function compileFunctionThroughCache(code, params, options) {
  // Only Jest's own calls (code compiled into a test file's context); a hashbang line may start a script only.
  if (!options?.parsingContext || !Array.isArray(params) || code.startsWith('#!')) return compileFunction.apply(this, arguments);
  const script = new vm.Script(`(function (${params.join(', ')}) {\n${code}\n})`, {
    filename: options.filename,
    lineOffset: -1,
    importModuleDynamically: options.importModuleDynamically,
  });
  return script.runInContext(options.parsingContext);
};

module.exports = TestEnvironment;

// Jest formats every stack through its source maps. cdktf and constructs also capture a full
// stack (no depth limit) into a plain object for each token and construct they make, and keep
// it as text for their own messages; mapping those frames was about 4 s of the workers' CPU in a
// run. Under Jest's formatter (@jest/source-map's, bound), stacks of real errors (any realm's) are
// still mapped and the plain objects get V8's own text. Any other formatter is left as it is set
// (one that collects call sites into a plain object gets them), and code that saves the formatter,
// sets its own and puts the saved one back (as the callsites package does) restores Jest's.
let formatStack;
let jestFormat;
let jestWrapper;
const isJestFormatter = (format) => typeof format === 'function' && format.name === 'bound formatStackTrace';
Object.defineProperty(Error, 'prepareStackTrace', {
  configurable: true,
  get: () => {
    if (!isJestFormatter(formatStack)) return formatStack;
    if (jestFormat !== formatStack) {
      const format = jestFormat = formatStack;
      jestWrapper = function formatStackUnlessPlainObject(error, frames) {
        if (error !== null && typeof error === 'object' && Object.prototype.toString.call(error) !== '[object Error]') {
          return `Error${frames.map((frame) => `\n    at ${frame}`).join('')}`;
        }
        return format(error, frames);
      };
    }
    return jestWrapper;
  },
  set: (format) => {
    formatStack = format !== undefined && format === jestWrapper ? jestFormat : format;
  },
});
