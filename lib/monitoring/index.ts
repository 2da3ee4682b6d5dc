export * from './alert-rules';
export * from './grafana-dashboard';
export * from './metric-catalog';
export * from './postgres-monitoring';
