// Jest's order of test files: longest first, so that neither worker is left with a long file at the
// end. Jest orders by the durations it cached in an earlier run, and without them (a fresh clone,
// CI) by file size, which puts the real-server files (thin files that run long suites) last. Here
// those files get the durations they take (seconds, measured on two cores), for a run without its
// own; any cached duration wins.
'use strict';
const { default: Sequencer } = require('@jest/test-sequencer');

const EXPECTED_SECONDS = [
  [/\/package\.test\.ts$/, 18], [/\/majors\/pg17\.test\.ts$/, 19], [/\/majors\/backup-restore\.pg1[45]\.test\.ts$/, 14],
  [/\/majors\/pg14\.test\.ts$/, 12], [/\/review-command\.test\.ts$/, 12], [/\/tls-upkeep\.test\.ts$/, 12],
  [/\/majors\/pg1[568]\.test\.ts$/, 11], [/\/terraform-aws-efs\.test\.ts$/, 8], [/\/api-docs\.test\.ts$/, 6],
  [/\/majors\/upgrade-14-to-17\.test\.ts$/, 6], [/\/major-guard\.test\.ts$/, 5.5], [/\/input-javascript-types\.test\.ts$/, 5.5],
  [/\/cloud-inputs\.test\.ts$/, 4.5], [/\/secrets-command\.test\.ts$/, 4.5], [/\/terraform-state\.test\.ts$/, 4],
  [/\/public-api\.test\.ts$/, 4], [/\/typecheck\.test\.ts$/, 4], [/\/undeclared-upgrade\.test\.ts$/, 5.5],
  [/\/documented-commands\.test\.ts$/, 14], [/\/backup-upload-s3\.test\.ts$/, 4], [/\/cnpg-pooler\.test\.ts$/, 2.5],
];

class LongestFirst extends Sequencer {
  sort(tests) {
    const seconds = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      const known = EXPECTED_SECONDS.find(([pattern]) => pattern.test(test.path));
      // otherwise about a second per 10 KB of test file, as Jest's own fallback guesses from size
      return known ? known[1] : (test.context.hasteFS.getSize(test.path) ?? 0) / 10000;
    };
    const failed = (test) => (this.hasFailed(test) ? 1 : 0);
    return tests.map((test) => ({ test, failed: failed(test), seconds: seconds(test) }))
      .sort((a, b) => b.failed - a.failed || b.seconds - a.seconds)
      .map(({ test }) => test);
  }
}

module.exports = LongestFirst;
