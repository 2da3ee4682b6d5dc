/** Findings for objects that only one side holds: removed objects (data kept or lost, traffic opened) and added ones. */
import { grantsOf, isolatedByDefaultDeny, selectsOnlyRemovedPods } from './network-policies';
import { valueAt } from '../diff';
import { APPLY, Context, Emit, KubeObject, groupOf, where } from './objects';
import { selectsPodsOf, templatePath } from './pod-templates';
import { isUpgradeOf } from '../../private/rendered-names';
import { CNPG_GROUP, cnpgRemovalLoss, cnpgRemoved } from './cloudnativepg';

/** Kinds whose removal deletes or abandons stored data. */
const DATA_KINDS: Record<string, string> = {
  StatefulSet: "no server runs on its claims any more (they are kept, retention Retain, but nothing uses them); a server under another name starts empty",
  PersistentVolumeClaim: 'deleting the claim releases its volume, which a Delete reclaim policy erases',
  PersistentVolume: 'deleting the volume object drops the only reference to the stored data (erased with reclaim policy Delete)',
  Namespace: 'deleting a namespace deletes everything in it, the claims of its databases included',
  postgresql: 'the operator deletes the cluster, its pods and their volumes',
};

export function removed(emit: Emit, o: KubeObject, ctx: Context): void {
  const what = DATA_KINDS[o.kind ?? ''];
  const upgraded = o.kind === 'StatefulSet' ? ctx.after.find((n) => n.kind === 'StatefulSet' && n.metadata?.namespace === o.metadata?.namespace && isUpgradeOf(n.metadata?.name ?? '', o.metadata?.name ?? '')) : undefined;
  if (upgraded) {
    // A declared major upgrade retires the previous server once its copy serves: the claims stay.
    const claims = ((o.spec?.volumeClaimTemplates as any[]) ?? []).map((t) => `${t?.metadata?.name}-${o.metadata?.name}-0`);
    emit('safe', '', `StatefulSet ${o.metadata?.name} is retired after the declared upgrade to ${upgraded.metadata?.name}: its claims stay (retention Retain) until deleted by hand`,
      claims.length ? [`once the upgraded server is verified and backed up: kubectl delete pvc ${claims.join(' ')}${where(o)}`] : []);
    return;
  }
  if (cnpgRemoved(emit, o, ctx)) return;
  const loss = what && (o.kind !== 'postgresql' || groupOf(o) === 'acid.zalan.do') ? what : groupOf(o) === CNPG_GROUP ? cnpgRemovalLoss(o) : undefined;
  if (loss) {
    const successor = ctx.after.find((n) => n.kind === o.kind && n.metadata?.namespace === o.metadata?.namespace && !ctx.before.some((b) => b.kind === n.kind && b.metadata?.namespace === n.metadata?.namespace && b.metadata?.name === n.metadata?.name));
    const renamed = successor ? ` (renamed to ${successor.metadata?.name}? the new one starts empty)` : '';
    emit('data-loss', '', `${o.kind} ${o.metadata?.name} is removed${renamed}: ${loss}`, [
      'keep the object (restore its name in the description) unless its data is no longer needed',
      `to move the data, copy it first (a backup restored into the new server, or docs/upgrading.md), then delete the old object on purpose: kubectl delete ${(o.kind ?? '').toLowerCase()} ${o.metadata?.name}${where(o)}`,
    ]);
    return;
  }
  if (o.kind === 'NetworkPolicy' && selectsOnlyRemovedPods(o, ctx)) {
    emit('safe', '', `NetworkPolicy ${o.metadata?.name} is removed with the pods it selects (kubectl apply without --prune leaves it in the cluster)`,
      [`kubectl delete networkpolicy ${o.metadata?.name}${where(o)}`]);
    return;
  }
  if (o.kind === 'NetworkPolicy' && isolatedByDefaultDeny(o, ctx)) {
    emit('safe', '', `NetworkPolicy ${o.metadata?.name} is removed: it only allowed traffic, and the namespace's default deny still isolates its pods (kubectl apply without --prune leaves it in the cluster)`,
      [`kubectl delete networkpolicy ${o.metadata?.name}${where(o)}`]);
    return;
  }
  if (o.kind === 'NetworkPolicy') {
    emit('security', '', `NetworkPolicy ${o.metadata?.name} is removed: the traffic it restricted is no longer restricted by it (kubectl apply without --prune leaves it in the cluster)`,
      [`delete it on purpose once nothing relies on it: kubectl delete networkpolicy ${o.metadata?.name}${where(o)}`]);
    return;
  }
  if (o.kind === 'Certificate' && groupOf(o) === 'cert-manager.io') {
    emit('security', '', `Certificate ${o.metadata?.name} is removed: cert-manager no longer renews Secret ${o.spec?.secretName ?? o.metadata?.name}; a server that still reads it presents an expired certificate once it runs out, unless TLS is off or another certificate takes its place (kubectl apply without --prune leaves it in the cluster)`,
      ['check that the server no longer uses this certificate, or that a new one takes its place before it expires', `kubectl delete certificate ${o.metadata?.name}${where(o)}`]);
    return;
  }
  emit('safe', '', `${o.kind} ${o.metadata?.name} is removed (kubectl apply without --prune leaves it in the cluster)`,
    [`kubectl delete ${(o.kind ?? '').toLowerCase()} ${o.metadata?.name}${where(o)}`]);
}

export function added(emit: Emit, o: KubeObject, ctx: Context): void {
  if (o.kind === 'Service') {
    const replaced = renamedServiceWithHandMadeCertificate(o, ctx);
    if (replaced) {
      emit('downtime', '', `Service ${o.metadata?.name} replaces ${replaced.service}: the server's certificate in Secret ${replaced.secret} is made by hand (no Certificate of these manifests renews it), so it names ${replaced.service}, not ${o.metadata?.name}; clients that verify the name (sslmode verify-full, the library's Jobs among them) refuse it`, [
        `make a certificate whose names include ${o.metadata?.name} (and ${o.metadata?.name}.${o.metadata?.namespace}.svc), signed by the CA the clients trust, and put it in Secret ${replaced.secret}${where(o)} before applying`,
        APPLY,
      ]);
      return;
    }
  }
  if (o.kind === 'NetworkPolicy') {
    const open = grantsOf(o).filter((g) => g.includes('"ipBlock"') || g.includes(' any-peer '));
    if (open.length) {
      emit('security', '', `NetworkPolicy ${o.metadata?.name} is added and allows ${open.join('; ')}`);
      return;
    }
  }
  emit('safe', '', o.kind === 'StatefulSet' ? `StatefulSet ${o.metadata?.name} is added: a new server starts with empty storage` : `${o.kind} ${o.metadata?.name} is added`);
}

/**
 * The Service `service` replaces (one of the same namespace and selector that is gone), when the
 * pods it selects mount a TLS Secret that no cert-manager Certificate of the manifests writes.
 */
function renamedServiceWithHandMadeCertificate(service: KubeObject, ctx: Context): { service: string; secret: string } | undefined {
  const selector = JSON.stringify(service.spec?.selector ?? null);
  const gone = ctx.before.find((b) => b.kind === 'Service' && b.metadata?.namespace === service.metadata?.namespace && JSON.stringify(b.spec?.selector ?? null) === selector
    && !ctx.after.some((a) => a.kind === 'Service' && a.metadata?.namespace === b.metadata?.namespace && a.metadata?.name === b.metadata?.name));
  if (!gone || selector === 'null') return undefined;
  const labels: Record<string, string> = service.spec.selector;
  const server = ctx.after.find((w) => selectsPodsOf(labels, service.metadata?.namespace, w));
  const secret = server && ((valueAt(server, `${templatePath(server.kind)}.spec.volumes`) as any[]) ?? []).find((v) => v?.name === 'tls')?.secret?.secretName as string | undefined;
  if (!secret) return undefined;
  const renewed = ctx.after.some((c) => c.kind === 'Certificate' && groupOf(c) === 'cert-manager.io' && c.metadata?.namespace === service.metadata?.namespace && c.spec?.secretName === secret);
  return renewed ? undefined : { service: gone.metadata?.name ?? '', secret };
}
