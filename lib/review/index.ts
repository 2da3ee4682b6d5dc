/**
 * `cdk8s-postgres/review`: what a change to rendered manifests or Terraform does to a running
 * database, as findings with their effects on three axes (how it applies, stored data, access)
 * summed up in one risk, and a Jest matcher for snapshot tests.
 */
export { AccessEffect, Application, DataEffect, EFFECT_ORDER, EffectOrder, Effects, Finding, Risk, RISKS } from './finding';
export { reviewObjects, ReviewObjectsOptions } from './review-objects';
export { reviewTerraform, TerraformStack } from './review-terraform';
export { AllowedEffects, reviewMatchers, ReviewMatcherResult } from './jest-matcher';
