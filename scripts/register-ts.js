// Runs the repository's TypeScript entry points (apps/, bench/, scripts/) without a build step:
// each .ts file is transpiled with swc as it is required. It loads no type checker; `npm test`
// type-checks with tsc.
//
// Two caches under node_modules/.cache/cdk8s-postgres make a second run start in about half the
// time (`npx cdk8s synth` runs the app once per call): the transpiled JavaScript of each .ts file,
// and V8's compiled code of every module the app loads (Node 20 has no compile cache of its own;
// the library's Kubernetes bindings alone are 2.5 MB of JavaScript). Entries are named by a hash
// of what they are made from and of this Node version, so an edit or another Node never reads a
// stale entry; V8 itself rejects data it did not make, and the module is then compiled afresh.
// The transpiled JavaScript does not depend on where the file is: the same sources in another
// tree (the review's worktree of the base, a scratch clone) read the entries of the first instead
// of transpiling again. V8's data does (it keeps the path, which stack traces name), and is kept
// for this checkout's files only. Entries nobody made or read for a week are removed, at most
// once a day.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

// CDK8S_POSTGRES_TS_CACHE is for the tests: a folder only you can write (its entries are run).
const CACHE_DIR = process.env.CDK8S_POSTGRES_TS_CACHE || path.join(__dirname, '..', 'node_modules', '.cache', 'cdk8s-postgres');
// The inline source map names the file by its base name, which resolves beside the file wherever
// the tree is: the output depends on the base name, the content, these options and swc's version
// only. (Node reads the map with --enable-source-maps, when this file leaves compiling to it.)
const SWC_OPTIONS = { swcrc: false, sourceMaps: 'inline', module: { type: 'commonjs' }, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } };
const SWC_VERSION = (() => {
  try {
    return require('@swc/core/package.json').version;
  } catch {
    return 'none';
  }
})();
// Only files of these names are the cache's own, and only they are ever removed.
const ENTRY = /^[0-9a-f]{40}\.(js|v8)(\.\d+\.tmp)?$/;
// V8's data is kept for the files of the checkout that owns node_modules (node_modules included)
// only: a tree elsewhere (the review's worktree of the base, a scratch clone whose node_modules is
// a link to this one) is in a new place each time.
const CHECKOUT = (() => {
  try {
    return path.dirname(fs.realpathSync(path.join(__dirname, '..', 'node_modules'))) + path.sep;
  } catch {
    return path.join(__dirname, '..') + path.sep;
  }
})();
const DAY_MS = 24 * 60 * 60 * 1000;
const KEEP_UNUSED_MS = 7 * DAY_MS;

function cacheKey(kind, content) {
  return crypto.createHash('sha256').update(`${process.version}\0${kind}\0`).update(content).digest('hex').slice(0, 40);
}

/** The entry, or undefined; an entry last marked used more than a day ago is marked again (what is read is kept). */
function readCache(name) {
  const file = path.join(CACHE_DIR, name);
  let data;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    if (Date.now() - fs.statSync(file).mtimeMs > DAY_MS) {
      const now = new Date();
      fs.utimesSync(file, now, now);
    }
  } catch {
    // a cache this process may read but not touch (another user's, read-only) still serves
  }
  return data;
}

/** Removes entries unused for a week (and writes left half-done), at most once a day. */
function pruneCache() {
  const marker = path.join(CACHE_DIR, '.pruned');
  const now = Date.now();
  try {
    if (now - fs.statSync(marker).mtimeMs < DAY_MS) return;
  } catch {
    // never pruned, or no cache yet
  }
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(marker, '');
    for (const name of fs.readdirSync(CACHE_DIR)) {
      if (!ENTRY.test(name)) continue;
      const file = path.join(CACHE_DIR, name);
      try {
        const age = now - fs.statSync(file).mtimeMs;
        if (age > KEEP_UNUSED_MS || (name.endsWith('.tmp') && age > DAY_MS)) fs.unlinkSync(file);
      } catch {
        // removed by another process meanwhile
      }
    }
  } catch {
    // a cache that cannot be pruned still works
  }
}

/** Writes a cache entry whole or not at all: processes running at once may write the same entry. */
function writeCache(name, data) {
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = path.join(CACHE_DIR, `${name}.${process.pid}.tmp`);
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, path.join(CACHE_DIR, name));
  } catch {
    // A read-only checkout runs without the cache.
  }
}

let swc;
function transpile(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const sourceFileName = path.basename(filename);
  const name = `${cacheKey(`swc ${SWC_VERSION} ${JSON.stringify(SWC_OPTIONS)}\0${sourceFileName}`, source)}.js`;
  const cached = readCache(name);
  if (cached) return cached.toString('utf8');
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename, sourceFileName });
  writeCache(name, code);
  return code;
}

// Compiled code is saved when the process ends, so that it holds the functions the run compiled too.
const uncached = [];
process.once('exit', () => {
  for (const { script, name } of uncached) writeCache(name, script.createCachedData());
  pruneCache();
});

/**
 * Module.prototype._compile with V8's code cache: the module's wrapper is compiled as a vm.Script
 * with the cached data, then called as Node calls it. Dynamic import() inside the module goes to
 * Node's own loader (USE_MAIN_CONTEXT_DEFAULT_LOADER, Node 20.12 and later; without it, modules
 * compile as Node does).
 */
function compileWithCodeCache(content, filename) {
  // V8's data keeps the file's path (stack traces name it), so an entry is its location's own
  const name = filename.startsWith(CHECKOUT) ? `${cacheKey(`v8\0${filename}`, content)}.v8` : undefined;
  const cachedData = name && readCache(name);
  const script = new vm.Script(Module.wrap(content), {
    filename,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (name && (cachedData === undefined || script.cachedDataRejected)) uncached.push({ script, name });
  const wrapper = script.runInThisContext({ displayErrors: true });
  const module = this;
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
}

// With --enable-source-maps, Node compiles each module itself: only then does it read the inline
// source maps, and stack traces name the TypeScript lines.
if (vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER !== undefined && !process.sourceMapsEnabled) Module.prototype._compile = compileWithCodeCache;

// lib/ is also compiled in place for the package; sources must win over stale .js beside them,
// so .ts goes first in the resolution order.
const others = Object.entries(Module._extensions);
for (const [ext] of others) delete Module._extensions[ext];
Module._extensions['.ts'] = (module, filename) => module._compile(transpile(filename), filename);
for (const [ext, loader] of others) Module._extensions[ext] = loader;
