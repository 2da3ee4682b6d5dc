/** @type {import('jest').Config} */
module.exports = {
  // Jest's node environment, compiling modules through V8's cache (see the file).
  testEnvironment: '<rootDir>/test/support/test-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  maxWorkers: 2,
  testTimeout: 60000,
  // A worker ends its own process once its files are done; with a heap of 300-500 MB that took 467
  // and 523 ms here, and past Jest's 500 ms it is killed and the run prints a warning.
  workerGracefulExitTimeout: 5000,
  // A passing run prints the summary only; a failing one adds each failure in full.
  reporters: [['summary', { summaryThreshold: 0 }]],
  // Everything the run writes goes to one folder, removed with its servers however the run ends.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Programs start from a small helper process, not from the large worker (see the file).
  setupFiles: ['<rootDir>/test/support/spawn-through-helper.js'],
  // Longest first, also without the durations of an earlier run (a fresh clone).
  testSequencer: '<rootDir>/test/support/sequencer.js',
};
