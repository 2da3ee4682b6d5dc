import { DatabaseDefinition, DatabaseUser, PostgresStatefulSet, SchemaInitJob } from '../../lib';
import { KubeObject, synth, testChart } from './manifests';

/** The objects of a chart holding one server (superuser `postgres`) and its schema Job `db-schema-init`. */
export function schemaJobObjects(databases: DatabaseDefinition[], users: DatabaseUser[] = []): KubeObject[] {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'db', { namespace: 'test', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
  new SchemaInitJob(chart, 'schema', { server, databases, users, waitSeconds: 5, activeDeadlineSeconds: 60 });
  return synth(chart);
}

export const JOB_NAME = 'db-schema-init';
