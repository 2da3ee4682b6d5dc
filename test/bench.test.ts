import * as cdk8s from 'cdk8s';
import { fleetApp } from '../bench/consumer/fleet';
import * as lib from '../lib';
import { synth } from './support/manifests';
import { checkSecurityBaseline } from './support/policy';
import { validateObject } from './support/schema';

/** The benchmark's fleet (bench/consumer/fleet.js, run against the packed package by `npm run bench`), with the library's sources. */
describe('the benchmark fleet is real', () => {
  test.each(['one-chart', 'chart-per-server'] as const)('%s: every server is a full, valid, policy-clean deployment with its schema Job', (layout) => {
    const app = fleetApp(cdk8s, lib, 3, layout, '/nonexistent');
    const objects = app.charts.flatMap((chart) => synth(chart));
    expect(app.charts).toHaveLength(layout === 'one-chart' ? 1 : 3);
    const kinds = objects.map((o) => o.kind).sort();
    expect(kinds).toEqual(['ConfigMap', 'ConfigMap', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'StatefulSet'].flatMap((k) => [k, k, k]).sort());
    expect(objects.flatMap(validateObject)).toEqual([]);
    expect(checkSecurityBaseline(objects)).toEqual([]);
  });
});
