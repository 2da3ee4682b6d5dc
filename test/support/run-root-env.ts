/** The environment variable naming the test run's folder (see run-root.js), set by the global setup. */
export const RUN_ROOT_ENV = 'CDK8S_POSTGRES_TEST_ROOT';
