import { KubeObject } from './manifests';

/**
 * The PostgreSQL major an environment deploys: from the image tag of its StatefulSet's server
 * container (`postgres:14.23` → 14), the `postgresql` resource's version (Zalando), or the
 * CloudNativePG Cluster's image tag (`ghcr.io/cloudnative-pg/postgresql:17.10-standard-trixie` → 17).
 */
export function deployedMajor(objects: KubeObject[], name?: string): number {
  const servers = ['StatefulSet', 'postgresql', 'Cluster'];
  const server = objects.find((o) => servers.includes(o.kind) && (name === undefined || o.metadata.name === name));
  if (!server) throw new Error(`no StatefulSet, postgresql or Cluster ${name ?? ''} in the objects`);
  const image = server.kind === 'Cluster' ? server.spec.imageName : server.kind === 'StatefulSet'
    ? server.spec.template.spec.containers.find((c: any) => (c.ports ?? []).some((p: any) => p.containerPort === 5432)).image : undefined;
  const version = server.kind === 'postgresql' ? String(server.spec.postgresql.version) : /:(\d+)[.-]/.exec(image)?.[1];
  const major = Number(version);
  if (!Number.isInteger(major)) throw new Error(`no major version in ${server.kind}/${server.metadata.name}`);
  return major;
}
