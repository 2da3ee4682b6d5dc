/** Rules for storage: PersistentVolumeClaims, PersistentVolumes and StorageClasses. */
import { Change, under } from '../diff';
import { APPLY, Context, Emit, KubeObject, describe, show } from './objects';
import { compareQuantity } from './quantities';

/**
 * PersistentVolumeClaim. Kubernetes API reference, PersistentVolumeClaimSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/)
 * and "Expanding Persistent Volumes Claims"
 * (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#expanding-persistent-volumes-claims):
 * the spec is immutable after creation except `resources.requests` (an increase, when the
 * StorageClass sets allowVolumeExpansion) and `volumeAttributesClassName`; a claim cannot shrink.
 */
export function claim(emit: Emit, _old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const spec = changes.filter((c) => under(c.path, 'spec'));
  for (const c of spec) {
    if (c.path === 'spec.resources.requests.storage') {
      if (compareQuantity(String(c.after), String(c.before)) < 0) {
        emit('refused', c.path, `a claim cannot shrink: storage ${show(c.before)} -> ${show(c.after)} is refused by the API server`, [`keep ${show(c.before)}`]);
        continue;
      }
      const className = now.spec?.storageClassName;
      const storageClass = ctx.after.find((o) => o.kind === 'StorageClass' && o.metadata?.name === className);
      if (storageClass && storageClass.allowVolumeExpansion !== true) {
        emit('refused', c.path, `StorageClass ${className} does not allow volume expansion: storage ${show(c.before)} -> ${show(c.after)} is refused by the API server`, [`set allowVolumeExpansion: true on StorageClass ${className} (it can change), then apply`]);
      } else {
        emit('safe', c.path, `the claim grows ${show(c.before)} -> ${show(c.after)} in place, if its StorageClass${className ? ` ${className}` : ''} allows expansion (allowVolumeExpansion: true; otherwise the API server refuses it)`);
      }
      continue;
    }
    if (under(c.path, 'spec.resources') || under(c.path, 'spec.volumeAttributesClassName')) continue;
    emit('refused', c.path, `the spec of a claim cannot change after creation (only a larger storage request and volumeAttributesClassName): ${describe([c])}`, [
      'create a new claim with the new spec and copy the data into it (a backup restored into a new server); keep the old claim until the copy is verified',
    ]);
  }
  return spec.map((c) => c.path);
}

/** Volume source fields of a PersistentVolumeSpec. */
const VOLUME_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume'];

/**
 * PersistentVolume. The API server refuses a change of the volume source ("spec.persistentvolumesource
 * is immutable after creation"; Kubernetes API reference, PersistentVolumeSpec:
 * https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-v1/);
 * reclaim policy Delete erases the stored data when the claim goes.
 */
export function volume(emit: Emit, now: KubeObject, changes: Change[]): string[] {
  for (const c of changes.filter((ch) => VOLUME_SOURCES.some((s) => under(ch.path, `spec.${s}`)))) {
    emit('refused', c.path, `the source of a PersistentVolume cannot change after creation: ${describe([c])}`, [
      `create a new PersistentVolume (and claim) for the new source; delete the old one on purpose once its data is copied`,
    ]);
  }
  const reclaim = changes.find((c) => c.path === 'spec.persistentVolumeReclaimPolicy');
  if (reclaim && reclaim.after === 'Delete') {
    emit('data-loss', reclaim.path, `reclaim policy ${show(reclaim.before)} -> Delete: the stored data is erased when the claim of PersistentVolume ${now.metadata?.name} is deleted`, ['keep Retain; delete the volume\'s data on purpose when it is no longer needed']);
  }
  return changes.filter((c) => under(c.path, 'spec')).map((c) => c.path);
}

/**
 * StorageClass. Kubernetes documentation, Storage Classes
 * (https://kubernetes.io/docs/concepts/storage/storage-classes/): the name and parameters are set
 * when the class is created and "cannot be updated"; the API server refuses changes of
 * parameters, provisioner, reclaimPolicy and volumeBindingMode (allowVolumeExpansion may change).
 */
export function storageClass(emit: Emit, now: KubeObject, changes: Change[]): string[] {
  const fixed = changes.filter((c) => ['parameters', 'provisioner', 'reclaimPolicy', 'volumeBindingMode'].some((f) => under(c.path, f)));
  for (const c of fixed) {
    emit('refused', c.path, `a StorageClass's ${c.path.split(/[.[]/)[0]} cannot change after creation: ${describe([c])}`, [
      `kubectl delete storageclass ${now.metadata?.name}   (volumes made from it keep their settings)`,
      `${APPLY}   (creates it again; only new volumes get the new settings)`,
    ]);
  }
  return fixed.map((c) => c.path);
}
