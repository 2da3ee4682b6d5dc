/**
 * What is known about growing a claim of a StorageClass, by the class's name as the clusters this
 * repository deploys to create it. A claim grows only when its class sets
 * `allowVolumeExpansion: true` and its provisioner can resize; the API server refuses the patch
 * otherwise ("only dynamically provisioned pvc can be resized and the storageclass that provisions
 * the pvc must support resize"). A class is whatever the cluster's administrator made it, so these
 * are defaults to warn about, and the grow script checks the live class before changing anything.
 */
export interface VolumeExpansionFact {
  /** Whether claims of the class, as created by default, can grow. */
  readonly expands: boolean;
  /** Where the class comes from and why it can (or cannot) grow; a sentence. */
  readonly reason: string;
  /** What to do instead, when it cannot. */
  readonly remedy?: string;
}

const RESTORE_REMEDY = 'move the data to a larger claim of another class with a backup and a restore (docs/backups-and-restores.md)';

const FACTS: Record<string, VolumeExpansionFact> = {
  // kubernetes/minikube deploy/addons/storageclass/storageclass.yaml: provisioner
  // k8s.io/minikube-hostpath, no allowVolumeExpansion; the provisioner has no resizer.
  'standard': {
    expands: false,
    reason: "minikube's default class 'standard' (provisioner k8s.io/minikube-hostpath) sets no allowVolumeExpansion and its provisioner cannot resize",
    remedy: RESTORE_REMEDY,
  },
  // kubernetes/minikube deploy/addons/csi-hostpath-driver/deploy/csi-hostpath-storageclass.yaml.tmpl:
  // no allowVolumeExpansion; the addon does deploy the driver's csi-resizer (csi-hostpath-resizer.yaml).
  'csi-hostpath-sc': {
    expands: false,
    reason: "minikube's csi-hostpath-driver addon creates 'csi-hostpath-sc' without allowVolumeExpansion (the driver itself can resize: the addon runs its csi-resizer)",
    remedy: 'allow it first: kubectl patch storageclass csi-hostpath-sc -p \'{"allowVolumeExpansion":true}\'',
  },
  // rancher/local-path-provisioner issue #190 (open; PR #529 not merged): no resizer. A
  // local-path volume is a directory on the node without a quota, so its size is not a limit.
  'local-path': {
    expands: false,
    reason: "'local-path' (rancher.io/local-path) cannot resize claims (rancher/local-path-provisioner#190); its volumes are directories on the node without a quota, so the data can already use the node's free disk",
    remedy: 'leave the claims as they are (the size is not enforced) or ' + RESTORE_REMEDY,
  },
  // Microsoft Learn, "Use the Azure Disk CSI driver in AKS": resize a disk PV without downtime;
  // AKS's built-in disk classes set allowVolumeExpansion: true.
  'default': { expands: true, reason: "AKS's built-in 'default' class (Azure Disk CSI) allows expansion" },
  'managed-csi': { expands: true, reason: "AKS's built-in 'managed-csi' class (Azure Disk CSI) allows expansion" },
  'managed-csi-premium': { expands: true, reason: "AKS's built-in 'managed-csi-premium' class (Azure Disk CSI) allows expansion" },
  'managed-premium': { expands: true, reason: "AKS's built-in 'managed-premium' class (Azure Disk) allows expansion" },
  // kubernetes-sigs/aws-ebs-csi-driver: ControllerExpandVolume; the class must set allowVolumeExpansion.
  'gp2': { expands: true, reason: "'gp2' (EBS) grows with the EBS CSI driver when the class sets allowVolumeExpansion" },
  'gp3': { expands: true, reason: "'gp3' (EBS CSI driver) grows when the class sets allowVolumeExpansion" },
};

/** The known fact about a class, or undefined for a class this repository knows nothing about. */
export function volumeExpansionFact(storageClassName: string): VolumeExpansionFact | undefined {
  return Object.prototype.hasOwnProperty.call(FACTS, storageClassName) ? FACTS[storageClassName] : undefined;
}

/**
 * The EFS CSI driver's provisioner. Amazon EKS user guide (Amazon EFS CSI driver): Kubernetes
 * requires a capacity on the volume and claim, but EFS is elastic and enforces none.
 */
export const EFS_PROVISIONER = 'efs.csi.aws.com';
