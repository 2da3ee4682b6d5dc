import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkProps, object, oneOf, optional, record, string } from '../checks/props-shape';
import { checkDnsSubdomain, ownerOf } from '../private/validation';
import { addChartChecks } from '../checks/chart-checks';
import { MANAGED_BY_LABEL } from '../private/labels';

/** Properties of {@link VolumeSnapshotClass}. */
export interface VolumeSnapshotClassProps {
  /**
   * Name of the class (cluster-scoped).
   * @default - the construct id
   */
  readonly name?: string;
  /** CSI driver that takes the snapshots, e.g. 'hostpath.csi.k8s.io'. */
  readonly driver: string;
  /**
   * What happens to the stored snapshot when its VolumeSnapshot object is deleted.
   * @default 'Retain'
   */
  readonly deletionPolicy?: 'Retain' | 'Delete';
  /**
   * Driver-specific parameters.
   * @default - none
   */
  readonly parameters?: Record<string, string>;
}

/** Runtime description of {@link VolumeSnapshotClassProps}. */
export const VOLUME_SNAPSHOT_CLASS_PROPS_SHAPE = object<VolumeSnapshotClassProps>({
  name: optional(string()),
  driver: string(),
  deletionPolicy: optional(oneOf('Retain', 'Delete')),
  parameters: optional(record(string())),
}, { name: 'VolumeSnapshotClassProps' });

/**
 * A `snapshot.storage.k8s.io/v1` VolumeSnapshotClass, so data volumes can be snapshotted with
 * the cluster's CSI driver. Snapshots are kept when their objects are deleted unless asked.
 */
export class VolumeSnapshotClass extends Construct {
  /** Name of the class. */
  public readonly name: string;
  /** Deletion policy in effect. */
  public readonly deletionPolicy: 'Retain' | 'Delete';

  constructor(scope: Construct, id: string, props: VolumeSnapshotClassProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'VolumeSnapshotClass');
      checkProps(owner, props, VOLUME_SNAPSHOT_CLASS_PROPS_SHAPE);
      this.name = props.name ?? id;
      this.deletionPolicy = props.deletionPolicy ?? 'Retain';
      checkDnsSubdomain(owner, 'name', this.name);
      checkDnsSubdomain(owner, 'driver', props.driver);
      new ApiObject(this, 'Resource', {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshotClass',
        metadata: { name: this.name, labels: { ...MANAGED_BY_LABEL } },
        driver: props.driver,
        deletionPolicy: this.deletionPolicy,
        ...(props.parameters ? { parameters: props.parameters } : {}),
      });
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}
