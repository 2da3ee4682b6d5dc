import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkDnsSubdomain, fail, ownerOf } from './validation';
import { addChartChecks } from './checks/chart-checks';

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
    addChartChecks(this);
    const owner = ownerOf(this, 'VolumeSnapshotClass');
    this.name = props.name ?? id;
    this.deletionPolicy = props.deletionPolicy ?? 'Retain';
    checkDnsSubdomain(owner, 'name', this.name);
    checkDnsSubdomain(owner, 'driver', props.driver);
    if (!['Retain', 'Delete'].includes(this.deletionPolicy)) fail(owner, 'deletionPolicy', this.deletionPolicy, "must be 'Retain' or 'Delete'");
    new ApiObject(this, 'Resource', {
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: { name: this.name, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-postgres' } },
      driver: props.driver,
      deletionPolicy: this.deletionPolicy,
      ...(props.parameters ? { parameters: props.parameters } : {}),
    });
  }
}
