// A consumer's snapshot test of one server chart, as docs/library.md ("writeChart and toYaml") writes it.
'use strict';
const { Chart, Testing } = require('cdk8s');
const { PostgresStatefulSet } = require('cdk8s-postgres');

test('the orders database', () => {
  const chart = new Chart(Testing.app(), 'orders');
  new PostgresStatefulSet(chart, 'orders-db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'orders-db-superuser', key: 'password' } } });
  expect(Testing.synth(chart)).toMatchSnapshot();
});
