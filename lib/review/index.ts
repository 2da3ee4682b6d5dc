/**
 * `cdk8s-postgres/review`: what a change to rendered manifests or Terraform does to a running
 * database, as findings with one risk each, and a Jest matcher for snapshot tests.
 */
export { Finding, Risk, RISKS } from './finding';
export { reviewObjects, ReviewObjectsOptions } from './review-objects';
export { reviewTerraform, TerraformStack } from './review-terraform';
export { reviewMatchers, ReviewMatcherResult } from './jest-matcher';
