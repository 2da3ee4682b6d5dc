import { KubeObject } from './manifests';

/**
 * The PostgreSQL major an environment deploys: from the image tag of its StatefulSet's server
 * container (`postgres:14.23` → 14), or the `postgresql` resource's version (Zalando).
 */
export function deployedMajor(objects: KubeObject[], name?: string): number {
  const server = objects.find((o) => (o.kind === 'StatefulSet' || o.kind === 'postgresql') && (name === undefined || o.metadata.name === name));
  if (!server) throw new Error(`no StatefulSet or postgresql ${name ?? ''} in the objects`);
  const version = server.kind === 'postgresql'
    ? String(server.spec.postgresql.version)
    : /:(\d+)[.-]/.exec(server.spec.template.spec.containers.find((c: any) => (c.ports ?? []).some((p: any) => p.containerPort === 5432)).image)?.[1];
  const major = Number(version);
  if (!Number.isInteger(major)) throw new Error(`no major version in ${server.kind}/${server.metadata.name}`);
  return major;
}
