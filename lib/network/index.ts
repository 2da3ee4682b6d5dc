export * from './external-egress-policy';
export * from './jobs-policy';
export * from './namespace-defaults';
export * from './peers';
export * from './server-policy';
export * from './zalando-options';
export * from './zalando-policies';
