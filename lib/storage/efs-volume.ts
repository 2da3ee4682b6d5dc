import { KubePersistentVolume, KubePersistentVolumeClaim, KubeStorageClass, Quantity } from '../private/k8s';
import { Construct } from 'constructs';
import { boolean, checkProps, number, object, oneOf, optional, PropsShape, string } from '../checks/props-shape';
import { POSTGRES_UID } from '../core/pod-security';
import { requireQuantity } from '../private/quantity';
import { checkDnsLabel, checkDnsSubdomain, checkInteger, fail, ownerOf } from '../private/validation';
import { checkText, TextRule } from '../private/terraform-tokens';
import { Warnings } from '../diagnostics/warnings';
import { addChartChecks } from '../checks/chart-checks';
import { MANAGED_BY_LABEL } from '../private/labels';

/**
 * A claim a workload mounts in place of a volume claim template. A data volume serves one
 * server: a second server given the same claim (same namespace and name, or the same object),
 * or a backup CronJob given it as its claim, fails at construction naming both.
 */
export interface IDataVolume {
  /** Name of the PersistentVolumeClaim. */
  readonly claimName: string;
  /** Namespace of the claim. */
  readonly namespace: string;
}

/** Runtime description of {@link IDataVolume}; an EfsVolume is one. */
export const DATA_VOLUME_SHAPE = object<IDataVolume>({ claimName: string(), namespace: string() }, { name: 'IDataVolume', open: true });

/** Names and sizes shared by both kinds of EFS volume. */
export interface EfsVolumeCommonProps {
  /** Namespace of the claim. */
  readonly namespace: string;
  /**
   * Name of the StorageClass.
   * @default 'efs-sc'
   */
  readonly storageClassName?: string;
  /**
   * Name of the PersistentVolumeClaim.
   * @default `<id>-pvc`
   */
  readonly claimName?: string;
  /**
   * Requested size. EFS is elastic and ignores it; Kubernetes needs it to bind the claim.
   * @default '20Gi'
   */
  readonly capacity?: string;
  /**
   * Access mode. A PostgreSQL data directory has exactly one writer, so ReadWriteOnce; EFS would
   * allow ReadWriteMany, but two servers on one data directory corrupt it.
   * @default 'ReadWriteOnce'
   */
  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteOncePod' | 'ReadWriteMany';
  /**
   * Mount with TLS (the driver's `encryptInTransit`).
   * @default true
   */
  readonly encryptInTransit?: boolean;
  /**
   * Mount with the `iam` option: the driver's node pods sign in with their IAM role, so a file
   * system policy can admit that role alone. Needs TLS.
   * @default true
   */
  readonly iamAuthorization?: boolean;
}

const EFS_VOLUME_COMMON_FIELDS: PropsShape<EfsVolumeCommonProps> = {
  namespace: string(),
  storageClassName: optional(string()),
  claimName: optional(string()),
  capacity: optional(string()),
  accessMode: optional(oneOf('ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany')),
  encryptInTransit: optional(boolean()),
  iamAuthorization: optional(boolean()),
};

/** Properties of {@link EfsVolume.fromFileSystemId}. */
export interface EfsStaticVolumeProps extends EfsVolumeCommonProps {
  /**
   * The file system, 'fs-' and 8 or 17 hexadecimal digits; in a Terraform stack, a cdktf token
   * whose value the stack checks before it applies anything (ChartManifests).
   */
  readonly fileSystemId: string;
  /**
   * An access point ('fsap-' and 17 hexadecimal digits, or a cdktf token as for `fileSystemId`) that fixes the owner of the data directory (uid/gid 999 for PostgreSQL).
   * Without one, the server usually cannot start: it must own its data directory and EFS does
   * not let a pod chown it.
   * @default - none, with a warning at synth
   */
  readonly accessPointId?: string;
  /**
   * Name of the PersistentVolume.
   * @default `<id>-pv`
   */
  readonly persistentVolumeName?: string;
}

/** Runtime description of {@link EfsStaticVolumeProps}. */
export const EFS_STATIC_VOLUME_PROPS_SHAPE = object<EfsStaticVolumeProps>({
  ...EFS_VOLUME_COMMON_FIELDS,
  fileSystemId: string(),
  accessPointId: optional(string()),
  persistentVolumeName: optional(string()),
}, { name: 'EfsStaticVolumeProps' });

/** Properties of {@link EfsVolume.dynamic}. */
export interface EfsDynamicVolumeProps extends EfsVolumeCommonProps {
  /** The file system in which the driver creates one access point per claim. */
  readonly fileSystemId: string;
  /**
   * Owner uid of the claim's directory.
   * @default 999 (the postgres user of the official image)
   */
  readonly uid?: number;
  /**
   * Owner gid of the claim's directory.
   * @default 999
   */
  readonly gid?: number;
  /**
   * Permissions of the claim's directory, octal.
   * @default '700'
   */
  readonly directoryPerms?: string;
  /**
   * Directory under which the driver creates the claims' directories.
   * @default '/postgresql'
   */
  readonly basePath?: string;
}

/** Runtime description of {@link EfsDynamicVolumeProps}. */
export const EFS_DYNAMIC_VOLUME_PROPS_SHAPE = object<EfsDynamicVolumeProps>({
  ...EFS_VOLUME_COMMON_FIELDS,
  fileSystemId: string(),
  uid: optional(number()),
  gid: optional(number()),
  directoryPerms: optional(string()),
  basePath: optional(string()),
}, { name: 'EfsDynamicVolumeProps' });

/** EFS file system ids. */
const EFS_FILE_SYSTEM_ID: TextRule = {
  pattern: '^fs-([0-9a-f]{8}|[0-9a-f]{17})$',
  rule: "is not an EFS file system id ('fs-' and 8 or 17 hexadecimal digits, e.g. 'fs-0123456789abcdef0')",
};
/** EFS access point ids. */
const EFS_ACCESS_POINT_ID: TextRule = {
  pattern: '^fsap-[0-9a-f]{17}$',
  rule: "is not an EFS access point id ('fsap-' and 17 hexadecimal digits, e.g. 'fsap-0123456789abcdef0')",
};
const DRIVER = 'efs.csi.aws.com';


/**
 * PostgreSQL data on Amazon EFS, which survives the loss of an availability zone: a StorageClass for the EFS CSI driver, and either a
 * PersistentVolume on a given file system and access point with a claim bound to it (static),
 * or a claim the driver provisions with an access point of its own (dynamic). Everything keeps
 * its data: reclaim policy Retain.
 */
export class EfsVolume extends Construct implements IDataVolume {
  /** A PersistentVolume with `volumeHandle` `fs-…` or `fs-…::fsap-…`, and a claim bound to it. */
  public static fromFileSystemId(scope: Construct, id: string, props: EfsStaticVolumeProps): EfsVolume {
    return new EfsVolume(scope, id, { kind: 'static', props });
  }

  /** A claim the driver provisions with `provisioningMode: efs-ap` and the given owner. */
  public static dynamic(scope: Construct, id: string, props: EfsDynamicVolumeProps): EfsVolume {
    return new EfsVolume(scope, id, { kind: 'dynamic', props });
  }

  /** Name of the claim. */
  public readonly claimName: string;
  /** Namespace of the claim. */
  public readonly namespace: string;
  /** Name of the StorageClass. */
  public readonly storageClassName: string;
  /** `volumeHandle` of the static PersistentVolume; undefined when dynamic. */
  public readonly volumeHandle?: string;

  private constructor(scope: Construct, id: string, spec: { kind: 'static'; props: EfsStaticVolumeProps } | { kind: 'dynamic'; props: EfsDynamicVolumeProps }) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'EfsVolume');
      checkProps(owner, spec.props, spec.kind === 'static' ? EFS_STATIC_VOLUME_PROPS_SHAPE : EFS_DYNAMIC_VOLUME_PROPS_SHAPE);
      const { props } = spec;
      this.namespace = props.namespace;
      this.claimName = props.claimName ?? `${id}-pvc`;
      this.storageClassName = props.storageClassName ?? 'efs-sc';
      const capacity = props.capacity ?? '20Gi';
      const accessMode = props.accessMode ?? 'ReadWriteOnce';
      checkDnsLabel(owner, 'namespace', this.namespace);
      checkDnsSubdomain(owner, 'claimName', this.claimName);
      checkDnsSubdomain(owner, 'storageClassName', this.storageClassName);
      requireQuantity(owner, 'capacity', capacity, 'storage');
      // A Terraform token (stack aws-efs-workload's variables) is checked where Terraform knows its value.
      checkText(this, owner, 'fileSystemId', props.fileSystemId, EFS_FILE_SYSTEM_ID);
      const iam = props.iamAuthorization ?? true;
      if (iam && props.encryptInTransit === false) {
        fail(owner, 'encryptInTransit', false, 'turns TLS off, which IAM authorization (iamAuthorization) needs; turn both off or neither');
      }
      // TLS needs no `tls` option: the driver adds it (for encryptInTransit and for every access point) and warns that the option is deprecated.
      const mountOptions = iam ? ['iam'] : undefined;
      const labels = { ...MANAGED_BY_LABEL };
      const storageClass = { name: this.storageClassName, labels };

      if (spec.kind === 'static') {
        const { accessPointId } = spec.props;
        if (accessPointId !== undefined) checkText(this, owner, 'accessPointId', accessPointId, EFS_ACCESS_POINT_ID);
        if (accessPointId === undefined) {
          Warnings.add(this, `EFS volume without an access point: PostgreSQL must own its data directory and cannot chown it on EFS; give an access point with uid/gid ${POSTGRES_UID}`);
        }
        const pvName = spec.props.persistentVolumeName ?? `${id}-pv`;
        checkDnsSubdomain(owner, 'persistentVolumeName', pvName);
        this.volumeHandle = accessPointId === undefined ? props.fileSystemId : `${props.fileSystemId}::${accessPointId}`;
        new KubeStorageClass(this, 'StorageClass', { metadata: storageClass, provisioner: DRIVER, reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' });
        new KubePersistentVolume(this, 'Volume', {
          metadata: { name: pvName, labels },
          spec: {
            capacity: { storage: Quantity.fromString(capacity) },
            volumeMode: 'Filesystem',
            accessModes: [accessMode],
            persistentVolumeReclaimPolicy: 'Retain',
            storageClassName: this.storageClassName,
            mountOptions,
            // Only this claim may bind the volume.
            claimRef: { namespace: this.namespace, name: this.claimName },
            csi: { driver: DRIVER, volumeHandle: this.volumeHandle, volumeAttributes: { encryptInTransit: String(props.encryptInTransit ?? true) } },
          },
        });
        this.claim(pvName, capacity, accessMode, labels);
      } else {
        const uid = spec.props.uid ?? POSTGRES_UID;
        const gid = spec.props.gid ?? POSTGRES_UID;
        const perms = spec.props.directoryPerms ?? '700';
        checkInteger(owner, 'uid', uid, 1, 2147483647);
        checkInteger(owner, 'gid', gid, 1, 2147483647);
        if (!/^[0-7]{3,4}$/.test(perms)) fail(owner, 'directoryPerms', perms, "is not an octal mode such as '700'");
        new KubeStorageClass(this, 'StorageClass', {
          metadata: storageClass,
          provisioner: DRIVER,
          reclaimPolicy: 'Retain',
          volumeBindingMode: 'Immediate',
          mountOptions,
          parameters: {
            provisioningMode: 'efs-ap',
            fileSystemId: props.fileSystemId,
            directoryPerms: perms,
            uid: String(uid),
            gid: String(gid),
            basePath: spec.props.basePath ?? '/postgresql',
            ...(props.encryptInTransit === false ? { encryptInTransit: 'false' } : {}),
          },
        });
        this.claim(undefined, capacity, accessMode, labels);
      }
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  private claim(volumeName: string | undefined, capacity: string, accessMode: string, labels: Record<string, string>): void {
    new KubePersistentVolumeClaim(this, 'Claim', {
      metadata: { name: this.claimName, namespace: this.namespace, labels },
      spec: {
        accessModes: [accessMode],
        storageClassName: this.storageClassName,
        ...(volumeName ? { volumeName } : {}),
        resources: { requests: { storage: Quantity.fromString(capacity) } },
      },
    });
  }
}
