import type { App } from 'cdk8s';

/** An App of `n` servers, each with its schema Job: in one chart, or each in its own. */
export function fleetApp(cdk8s: typeof import('cdk8s'), lib: typeof import('../../lib'), n: number, layout: 'one-chart' | 'chart-per-server', outdir: string): App;
