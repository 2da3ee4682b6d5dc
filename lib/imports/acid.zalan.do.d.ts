import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
/**
 * Postgresql defines PostgreSQL Custom Resource Definition Object.
 *
 * @schema postgresql
 */
export declare class Postgresql extends ApiObject {
    /**
     * Returns the apiVersion and kind for "postgresql"
     */
    static readonly GVK: GroupVersionKind;
    /**
     * Renders a Kubernetes manifest for "postgresql".
     *
     * This can be used to inline resource manifests inside other objects (e.g. as templates).
     *
     * @param props initialization props
     */
    static manifest(props: PostgresqlProps): any;
    /**
     * Defines a "postgresql" API object
     * @param scope the scope in which to define this object
     * @param id a scope-local name for the object
     * @param props initialization props
     */
    constructor(scope: Construct, id: string, props: PostgresqlProps);
    /**
     * Renders the object to Kubernetes JSON.
     */
    toJson(): any;
}
/**
 * Postgresql defines PostgreSQL Custom Resource Definition Object.
 *
 * @schema postgresql
 */
export interface PostgresqlProps {
    /**
     * @schema postgresql#metadata
     */
    readonly metadata: ApiObjectMetadata;
    /**
     * PostgresSpec defines the specification for the PostgreSQL TPR.
     *
     * @schema postgresql#spec
     */
    readonly spec: PostgresqlSpec;
}
/**
 * Converts an object of type 'PostgresqlProps' to JSON representation.
 */
export declare function toJson_PostgresqlProps(obj: PostgresqlProps | undefined): Record<string, any> | undefined;
/**
 * PostgresSpec defines the specification for the PostgreSQL TPR.
 *
 * @schema PostgresqlSpec
 */
export interface PostgresqlSpec {
    /**
     * @schema PostgresqlSpec#additionalVolumes
     */
    readonly additionalVolumes?: PostgresqlSpecAdditionalVolumes[];
    /**
     * load balancers' source ranges are the same for master and replica services
     *
     * @schema PostgresqlSpec#allowedSourceRanges
     */
    readonly allowedSourceRanges?: string[];
    /**
     * CloneDescription describes which cluster the new should clone and up to which point in time
     *
     * @schema PostgresqlSpec#clone
     */
    readonly clone?: PostgresqlSpecClone;
    /**
     * ConnectionPooler Options for connection pooler
     *
     * pgbouncer-large (with higher resources) or odyssey-small (with smaller
     * resources)
     * Type              string `json:"type,omitempty"`
     *
     * makes sense to expose. E.g. pool size (min/max boundaries), max client
     * connections etc.
     *
     * @schema PostgresqlSpec#connectionPooler
     */
    readonly connectionPooler?: PostgresqlSpecConnectionPooler;
    /**
     * Note: usernames specified here as database owners must be declared
     * in the users key of the spec key.
     *
     * @schema PostgresqlSpec#databases
     */
    readonly databases?: {
        [key: string]: string;
    };
    /**
     * @schema PostgresqlSpec#dockerImage
     */
    readonly dockerImage?: string;
    /**
     * @schema PostgresqlSpec#enableConnectionPooler
     */
    readonly enableConnectionPooler?: boolean;
    /**
     * @schema PostgresqlSpec#enableLogicalBackup
     */
    readonly enableLogicalBackup?: boolean;
    /**
     * vars that enable load balancers are pointers because it is important to know if any of them is omitted from the Postgres manifest
     * in that case the var evaluates to nil and the value is taken from the operator config
     *
     * @schema PostgresqlSpec#enableMasterLoadBalancer
     */
    readonly enableMasterLoadBalancer?: boolean;
    /**
     * vars to enable and configure nodeport services
     * set ports to 0 or nil to let kubernetes decide which port to use
     * overrides loadbalancer configuration
     *
     * @schema PostgresqlSpec#enableMasterNodePort
     */
    readonly enableMasterNodePort?: boolean;
    /**
     * @schema PostgresqlSpec#enableMasterPoolerLoadBalancer
     */
    readonly enableMasterPoolerLoadBalancer?: boolean;
    /**
     * @schema PostgresqlSpec#enableMasterPoolerNodePort
     */
    readonly enableMasterPoolerNodePort?: boolean;
    /**
     * @schema PostgresqlSpec#enableReplicaConnectionPooler
     */
    readonly enableReplicaConnectionPooler?: boolean;
    /**
     * @schema PostgresqlSpec#enableReplicaLoadBalancer
     */
    readonly enableReplicaLoadBalancer?: boolean;
    /**
     * @schema PostgresqlSpec#enableReplicaNodePort
     */
    readonly enableReplicaNodePort?: boolean;
    /**
     * @schema PostgresqlSpec#enableReplicaPoolerLoadBalancer
     */
    readonly enableReplicaPoolerLoadBalancer?: boolean;
    /**
     * @schema PostgresqlSpec#enableReplicaPoolerNodePort
     */
    readonly enableReplicaPoolerNodePort?: boolean;
    /**
     * @schema PostgresqlSpec#enableShmVolume
     */
    readonly enableShmVolume?: boolean;
    /**
     * @schema PostgresqlSpec#env
     */
    readonly env?: PostgresqlSpecEnv[];
    /**
     * @schema PostgresqlSpec#envFrom
     */
    readonly envFrom?: PostgresqlSpecEnvFrom[];
    /**
     * @schema PostgresqlSpec#initContainers
     */
    readonly initContainers?: PostgresqlSpecInitContainers[];
    /**
     * Probe describes a health check to be performed against a container to determine whether it is
     * alive or ready to receive traffic.
     *
     * @schema PostgresqlSpec#livenessProbe
     */
    readonly livenessProbe?: PostgresqlSpecLivenessProbe;
    /**
     * @schema PostgresqlSpec#logicalBackupRetention
     */
    readonly logicalBackupRetention?: string;
    /**
     * @schema PostgresqlSpec#logicalBackupSchedule
     */
    readonly logicalBackupSchedule?: string;
    /**
     * @schema PostgresqlSpec#maintenanceWindows
     */
    readonly maintenanceWindows?: string[];
    /**
     * @schema PostgresqlSpec#masterNodePort
     */
    readonly masterNodePort?: number;
    /**
     * @schema PostgresqlSpec#masterPoolerNodePort
     */
    readonly masterPoolerNodePort?: number;
    /**
     * MasterServiceAnnotations takes precedence over ServiceAnnotations for master role if not empty
     *
     * @schema PostgresqlSpec#masterServiceAnnotations
     */
    readonly masterServiceAnnotations?: {
        [key: string]: string;
    };
    /**
     * Node affinity is a group of node affinity scheduling rules.
     *
     * @schema PostgresqlSpec#nodeAffinity
     */
    readonly nodeAffinity?: PostgresqlSpecNodeAffinity;
    /**
     * @schema PostgresqlSpec#numberOfInstances
     */
    readonly numberOfInstances: number;
    /**
     * Patroni contains Patroni-specific configuration
     *
     * @schema PostgresqlSpec#patroni
     */
    readonly patroni?: PostgresqlSpecPatroni;
    /**
     * @schema PostgresqlSpec#podAnnotations
     */
    readonly podAnnotations?: {
        [key: string]: string;
    };
    /**
     * @schema PostgresqlSpec#podPriorityClassName
     */
    readonly podPriorityClassName?: string;
    /**
     * PostgresqlParam describes PostgreSQL version and pairs of configuration parameter name - values.
     *
     * @schema PostgresqlSpec#postgresql
     */
    readonly postgresql: PostgresqlSpecPostgresql;
    /**
     * @schema PostgresqlSpec#preparedDatabases
     */
    readonly preparedDatabases?: {
        [key: string]: PostgresqlSpecPreparedDatabases;
    };
    /**
     * @schema PostgresqlSpec#replicaNodePort
     */
    readonly replicaNodePort?: number;
    /**
     * @schema PostgresqlSpec#replicaPoolerNodePort
     */
    readonly replicaPoolerNodePort?: number;
    /**
     * ReplicaServiceAnnotations takes precedence over ServiceAnnotations for replica role if not empty
     *
     * @schema PostgresqlSpec#replicaServiceAnnotations
     */
    readonly replicaServiceAnnotations?: {
        [key: string]: string;
    };
    /**
     * Resources describes requests and limits for the cluster resouces.
     *
     * @schema PostgresqlSpec#resources
     */
    readonly resources?: PostgresqlSpecResources;
    /**
     * @schema PostgresqlSpec#schedulerName
     */
    readonly schedulerName?: string;
    /**
     * @schema PostgresqlSpec#serviceAnnotations
     */
    readonly serviceAnnotations?: {
        [key: string]: string;
    };
    /**
     * @schema PostgresqlSpec#sidecars
     */
    readonly sidecars?: PostgresqlSpecSidecars[];
    /**
     * @schema PostgresqlSpec#spiloFSGroup
     */
    readonly spiloFsGroup?: number;
    /**
     * @schema PostgresqlSpec#spiloRunAsGroup
     */
    readonly spiloRunAsGroup?: number;
    /**
     * @schema PostgresqlSpec#spiloRunAsUser
     */
    readonly spiloRunAsUser?: number;
    /**
     * StandbyDescription contains remote primary config and/or s3/gs wal path.
     * standby_host can be specified alone or together with either s3_wal_path OR gs_wal_path (mutually exclusive).
     * At least one field must be specified. s3_wal_path and gs_wal_path are mutually exclusive.
     *
     * @schema PostgresqlSpec#standby
     */
    readonly standby?: PostgresqlSpecStandby;
    /**
     * @schema PostgresqlSpec#streams
     */
    readonly streams?: PostgresqlSpecStreams[];
    /**
     * @schema PostgresqlSpec#teamId
     */
    readonly teamId: string;
    /**
     * TLSDescription specs TLS properties
     *
     * @schema PostgresqlSpec#tls
     */
    readonly tls?: PostgresqlSpecTls;
    /**
     * @schema PostgresqlSpec#tolerations
     */
    readonly tolerations?: PostgresqlSpecTolerations[];
    /**
     * @schema PostgresqlSpec#topologySpreadConstraints
     */
    readonly topologySpreadConstraints?: PostgresqlSpecTopologySpreadConstraints[];
    /**
     * @schema PostgresqlSpec#users
     */
    readonly users?: {
        [key: string]: PostgresqlSpecUsers[];
    };
    /**
     * @schema PostgresqlSpec#usersIgnoringSecretRotation
     */
    readonly usersIgnoringSecretRotation?: string[];
    /**
     * @schema PostgresqlSpec#usersWithInPlaceSecretRotation
     */
    readonly usersWithInPlaceSecretRotation?: string[];
    /**
     * @schema PostgresqlSpec#usersWithSecretRotation
     */
    readonly usersWithSecretRotation?: string[];
    /**
     * Volume describes a single volume in the manifest.
     *
     * @schema PostgresqlSpec#volume
     */
    readonly volume: PostgresqlSpecVolume;
}
/**
 * Converts an object of type 'PostgresqlSpec' to JSON representation.
 */
export declare function toJson_PostgresqlSpec(obj: PostgresqlSpec | undefined): Record<string, any> | undefined;
/**
 * AdditionalVolume specs additional optional volumes for statefulset
 *
 * @schema PostgresqlSpecAdditionalVolumes
 */
export interface PostgresqlSpecAdditionalVolumes {
    /**
     * @schema PostgresqlSpecAdditionalVolumes#isSubPathExpr
     */
    readonly isSubPathExpr?: boolean;
    /**
     * @schema PostgresqlSpecAdditionalVolumes#mountPath
     */
    readonly mountPath: string;
    /**
     * @schema PostgresqlSpecAdditionalVolumes#name
     */
    readonly name: string;
    /**
     * @schema PostgresqlSpecAdditionalVolumes#subPath
     */
    readonly subPath?: string;
    /**
     * @schema PostgresqlSpecAdditionalVolumes#targetContainers
     */
    readonly targetContainers?: string[];
    /**
     * @schema PostgresqlSpecAdditionalVolumes#volumeSource
     */
    readonly volumeSource: any;
}
/**
 * Converts an object of type 'PostgresqlSpecAdditionalVolumes' to JSON representation.
 */
export declare function toJson_PostgresqlSpecAdditionalVolumes(obj: PostgresqlSpecAdditionalVolumes | undefined): Record<string, any> | undefined;
/**
 * CloneDescription describes which cluster the new should clone and up to which point in time
 *
 * @schema PostgresqlSpecClone
 */
export interface PostgresqlSpecClone {
    /**
     * @schema PostgresqlSpecClone#cluster
     */
    readonly cluster: string;
    /**
     * @schema PostgresqlSpecClone#s3_access_key_id
     */
    readonly s3AccessKeyId?: string;
    /**
     * @schema PostgresqlSpecClone#s3_endpoint
     */
    readonly s3Endpoint?: string;
    /**
     * @schema PostgresqlSpecClone#s3_force_path_style
     */
    readonly s3ForcePathStyle?: boolean;
    /**
     * @schema PostgresqlSpecClone#s3_secret_access_key
     */
    readonly s3SecretAccessKey?: string;
    /**
     * @schema PostgresqlSpecClone#s3_wal_path
     */
    readonly s3WalPath?: string;
    /**
     * The regexp matches the date-time format (RFC 3339 Section 5.6) that specifies a timezone as an offset relative to UTC
     * Example: 1996-12-19T16:39:57-08:00
     * Note: this field requires a timezone
     *
     * @schema PostgresqlSpecClone#timestamp
     */
    readonly timestamp?: string;
    /**
     * @schema PostgresqlSpecClone#uid
     */
    readonly uid?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecClone' to JSON representation.
 */
export declare function toJson_PostgresqlSpecClone(obj: PostgresqlSpecClone | undefined): Record<string, any> | undefined;
/**
 * ConnectionPooler Options for connection pooler
 *
 * pgbouncer-large (with higher resources) or odyssey-small (with smaller
 * resources)
 * Type              string `json:"type,omitempty"`
 *
 * makes sense to expose. E.g. pool size (min/max boundaries), max client
 * connections etc.
 *
 * @schema PostgresqlSpecConnectionPooler
 */
export interface PostgresqlSpecConnectionPooler {
    /**
     * @schema PostgresqlSpecConnectionPooler#dockerImage
     */
    readonly dockerImage?: string;
    /**
     * @schema PostgresqlSpecConnectionPooler#maxDBConnections
     */
    readonly maxDbConnections?: number;
    /**
     * @schema PostgresqlSpecConnectionPooler#mode
     */
    readonly mode?: PostgresqlSpecConnectionPoolerMode;
    /**
     * @schema PostgresqlSpecConnectionPooler#numberOfInstances
     */
    readonly numberOfInstances?: number;
    /**
     * Resources describes requests and limits for the cluster resouces.
     *
     * @schema PostgresqlSpecConnectionPooler#resources
     */
    readonly resources?: PostgresqlSpecConnectionPoolerResources;
    /**
     * @schema PostgresqlSpecConnectionPooler#schema
     */
    readonly schema?: string;
    /**
     * @schema PostgresqlSpecConnectionPooler#user
     */
    readonly user?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecConnectionPooler' to JSON representation.
 */
export declare function toJson_PostgresqlSpecConnectionPooler(obj: PostgresqlSpecConnectionPooler | undefined): Record<string, any> | undefined;
/**
 * EnvVar represents an environment variable present in a Container.
 *
 * @schema PostgresqlSpecEnv
 */
export interface PostgresqlSpecEnv {
    /**
     * Name of the environment variable.
     * May consist of any printable ASCII characters except '='.
     *
     * @schema PostgresqlSpecEnv#name
     */
    readonly name: string;
    /**
     * Variable references $(VAR_NAME) are expanded
     * using the previously defined environment variables in the container and
     * any service environment variables. If a variable cannot be resolved,
     * the reference in the input string will be unchanged. Double $$ are reduced
     * to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e.
     * "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)".
     * Escaped references will never be expanded, regardless of whether the variable
     * exists or not.
     * Defaults to "".
     *
     * @default .
     * @schema PostgresqlSpecEnv#value
     */
    readonly value?: string;
    /**
     * Source for the environment variable's value. Cannot be used if value is not empty.
     *
     * @schema PostgresqlSpecEnv#valueFrom
     */
    readonly valueFrom?: PostgresqlSpecEnvValueFrom;
}
/**
 * Converts an object of type 'PostgresqlSpecEnv' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnv(obj: PostgresqlSpecEnv | undefined): Record<string, any> | undefined;
/**
 * EnvFromSource represents the source of a set of ConfigMaps or Secrets
 *
 * @schema PostgresqlSpecEnvFrom
 */
export interface PostgresqlSpecEnvFrom {
    /**
     * The ConfigMap to select from
     *
     * @schema PostgresqlSpecEnvFrom#configMapRef
     */
    readonly configMapRef?: PostgresqlSpecEnvFromConfigMapRef;
    /**
     * Optional text to prepend to the name of each environment variable.
     * May consist of any printable ASCII characters except '='.
     *
     * @schema PostgresqlSpecEnvFrom#prefix
     */
    readonly prefix?: string;
    /**
     * The Secret to select from
     *
     * @schema PostgresqlSpecEnvFrom#secretRef
     */
    readonly secretRef?: PostgresqlSpecEnvFromSecretRef;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvFrom' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvFrom(obj: PostgresqlSpecEnvFrom | undefined): Record<string, any> | undefined;
/**
 * A single application container that you want to run within a pod.
 *
 * @schema PostgresqlSpecInitContainers
 */
export interface PostgresqlSpecInitContainers {
    /**
     * Arguments to the entrypoint.
     * The container image's CMD is used if this is not provided.
     * Variable references $(VAR_NAME) are expanded using the container's environment. If a variable
     * cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced
     * to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will
     * produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless
     * of whether the variable exists or not. Cannot be updated.
     * More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
     *
     * @schema PostgresqlSpecInitContainers#args
     */
    readonly args?: string[];
    /**
     * Entrypoint array. Not executed within a shell.
     * The container image's ENTRYPOINT is used if this is not provided.
     * Variable references $(VAR_NAME) are expanded using the container's environment. If a variable
     * cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced
     * to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will
     * produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless
     * of whether the variable exists or not. Cannot be updated.
     * More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
     *
     * @schema PostgresqlSpecInitContainers#command
     */
    readonly command?: string[];
    /**
     * List of environment variables to set in the container.
     * Cannot be updated.
     *
     * @schema PostgresqlSpecInitContainers#env
     */
    readonly env?: PostgresqlSpecInitContainersEnv[];
    /**
     * List of sources to populate environment variables in the container.
     * The keys defined within a source may consist of any printable ASCII characters except '='.
     * When a key exists in multiple
     * sources, the value associated with the last source will take precedence.
     * Values defined by an Env with a duplicate key will take precedence.
     * Cannot be updated.
     *
     * @schema PostgresqlSpecInitContainers#envFrom
     */
    readonly envFrom?: PostgresqlSpecInitContainersEnvFrom[];
    /**
     * Container image name.
     * More info: https://kubernetes.io/docs/concepts/containers/images
     * This field is optional to allow higher level config management to default or override
     * container images in workload controllers like Deployments and StatefulSets.
     *
     * @schema PostgresqlSpecInitContainers#image
     */
    readonly image?: string;
    /**
     * Image pull policy.
     * One of Always, Never, IfNotPresent.
     * Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.
     * Cannot be updated.
     * More info: https://kubernetes.io/docs/concepts/containers/images#updating-images
     *
     * @default Always if :latest tag is specified, or IfNotPresent otherwise.
     * @schema PostgresqlSpecInitContainers#imagePullPolicy
     */
    readonly imagePullPolicy?: string;
    /**
     * Actions that the management system should take in response to container lifecycle events.
     * Cannot be updated.
     *
     * @schema PostgresqlSpecInitContainers#lifecycle
     */
    readonly lifecycle?: PostgresqlSpecInitContainersLifecycle;
    /**
     * Periodic probe of container liveness.
     * Container will be restarted if the probe fails.
     * Cannot be updated.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @schema PostgresqlSpecInitContainers#livenessProbe
     */
    readonly livenessProbe?: PostgresqlSpecInitContainersLivenessProbe;
    /**
     * Name of the container specified as a DNS_LABEL.
     * Each container in a pod must have a unique name (DNS_LABEL).
     * Cannot be updated.
     *
     * @schema PostgresqlSpecInitContainers#name
     */
    readonly name: string;
    /**
     * List of ports to expose from the container. Not specifying a port here
     * DOES NOT prevent that port from being exposed. Any port which is
     * listening on the default "0.0.0.0" address inside a container will be
     * accessible from the network.
     * Modifying this array with strategic merge patch may corrupt the data.
     * For more information See https://github.com/kubernetes/kubernetes/issues/108255.
     * Cannot be updated.
     *
     * @schema PostgresqlSpecInitContainers#ports
     */
    readonly ports?: PostgresqlSpecInitContainersPorts[];
    /**
     * Periodic probe of container service readiness.
     * Container will be removed from service endpoints if the probe fails.
     * Cannot be updated.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @schema PostgresqlSpecInitContainers#readinessProbe
     */
    readonly readinessProbe?: PostgresqlSpecInitContainersReadinessProbe;
    /**
     * Resources resize policy for the container.
     * This field cannot be set on ephemeral containers.
     *
     * @schema PostgresqlSpecInitContainers#resizePolicy
     */
    readonly resizePolicy?: PostgresqlSpecInitContainersResizePolicy[];
    /**
     * Compute Resources required by this container.
     * Cannot be updated.
     * More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     *
     * @schema PostgresqlSpecInitContainers#resources
     */
    readonly resources?: PostgresqlSpecInitContainersResources;
    /**
     * RestartPolicy defines the restart behavior of individual containers in a pod.
     * This overrides the pod-level restart policy. When this field is not specified,
     * the restart behavior is defined by the Pod's restart policy and the container type.
     * Additionally, setting the RestartPolicy as "Always" for the init container will
     * have the following effect:
     * this init container will be continually restarted on
     * exit until all regular containers have terminated. Once all regular
     * containers have completed, all init containers with restartPolicy "Always"
     * will be shut down. This lifecycle differs from normal init containers and
     * is often referred to as a "sidecar" container. Although this init
     * container still starts in the init container sequence, it does not wait
     * for the container to complete before proceeding to the next init
     * container. Instead, the next init container starts immediately after this
     * init container is started, or after any startupProbe has successfully
     * completed.
     *
     * @schema PostgresqlSpecInitContainers#restartPolicy
     */
    readonly restartPolicy?: string;
    /**
     * Represents a list of rules to be checked to determine if the
     * container should be restarted on exit. The rules are evaluated in
     * order. Once a rule matches a container exit condition, the remaining
     * rules are ignored. If no rule matches the container exit condition,
     * the Container-level restart policy determines the whether the container
     * is restarted or not. Constraints on the rules:
     * - At most 20 rules are allowed.
     * - Rules can have the same action.
     * - Identical rules are not forbidden in validations.
     * When rules are specified, container MUST set RestartPolicy explicitly
     * even it if matches the Pod's RestartPolicy.
     *
     * @schema PostgresqlSpecInitContainers#restartPolicyRules
     */
    readonly restartPolicyRules?: PostgresqlSpecInitContainersRestartPolicyRules[];
    /**
     * SecurityContext defines the security options the container should be run with.
     * If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext.
     * More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
     *
     * @schema PostgresqlSpecInitContainers#securityContext
     */
    readonly securityContext?: PostgresqlSpecInitContainersSecurityContext;
    /**
     * StartupProbe indicates that the Pod has successfully initialized.
     * If specified, no other probes are executed until this completes successfully.
     * If this probe fails, the Pod will be restarted, just as if the livenessProbe failed.
     * This can be used to provide different probe parameters at the beginning of a Pod's lifecycle,
     * when it might take a long time to load data or warm a cache, than during steady-state operation.
     * This cannot be updated.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @schema PostgresqlSpecInitContainers#startupProbe
     */
    readonly startupProbe?: PostgresqlSpecInitContainersStartupProbe;
    /**
     * Whether this container should allocate a buffer for stdin in the container runtime. If this
     * is not set, reads from stdin in the container will always result in EOF.
     * Default is false.
     *
     * @default false.
     * @schema PostgresqlSpecInitContainers#stdin
     */
    readonly stdin?: boolean;
    /**
     * Whether the container runtime should close the stdin channel after it has been opened by
     * a single attach. When stdin is true the stdin stream will remain open across multiple attach
     * sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the
     * first client attaches to stdin, and then remains open and accepts data until the client disconnects,
     * at which time stdin is closed and remains closed until the container is restarted. If this
     * flag is false, a container processes that reads from stdin will never receive an EOF.
     * Default is false
     *
     * @default false
     * @schema PostgresqlSpecInitContainers#stdinOnce
     */
    readonly stdinOnce?: boolean;
    /**
     * Optional: Path at which the file to which the container's termination message
     * will be written is mounted into the container's filesystem.
     * Message written is intended to be brief final status, such as an assertion failure message.
     * Will be truncated by the node if greater than 4096 bytes. The total message length across
     * all containers will be limited to 12kb.
     * Defaults to /dev/termination-log.
     * Cannot be updated.
     *
     * @default dev/termination-log.
     * @schema PostgresqlSpecInitContainers#terminationMessagePath
     */
    readonly terminationMessagePath?: string;
    /**
     * Indicate how the termination message should be populated. File will use the contents of
     * terminationMessagePath to populate the container status message on both success and failure.
     * FallbackToLogsOnError will use the last chunk of container log output if the termination
     * message file is empty and the container exited with an error.
     * The log output is limited to 2048 bytes or 80 lines, whichever is smaller.
     * Defaults to File.
     * Cannot be updated.
     *
     * @default File.
     * @schema PostgresqlSpecInitContainers#terminationMessagePolicy
     */
    readonly terminationMessagePolicy?: string;
    /**
     * Whether this container should allocate a TTY for itself, also requires 'stdin' to be true.
     * Default is false.
     *
     * @default false.
     * @schema PostgresqlSpecInitContainers#tty
     */
    readonly tty?: boolean;
    /**
     * volumeDevices is the list of block devices to be used by the container.
     *
     * @schema PostgresqlSpecInitContainers#volumeDevices
     */
    readonly volumeDevices?: PostgresqlSpecInitContainersVolumeDevices[];
    /**
     * Pod volumes to mount into the container's filesystem.
     * Cannot be updated.
     *
     * @schema PostgresqlSpecInitContainers#volumeMounts
     */
    readonly volumeMounts?: PostgresqlSpecInitContainersVolumeMounts[];
    /**
     * Container's working directory.
     * If not specified, the container runtime's default will be used, which
     * might be configured in the container image.
     * Cannot be updated.
     *
     * @schema PostgresqlSpecInitContainers#workingDir
     */
    readonly workingDir?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainers' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainers(obj: PostgresqlSpecInitContainers | undefined): Record<string, any> | undefined;
/**
 * Probe describes a health check to be performed against a container to determine whether it is
 * alive or ready to receive traffic.
 *
 * @schema PostgresqlSpecLivenessProbe
 */
export interface PostgresqlSpecLivenessProbe {
    /**
     * Exec specifies a command to execute in the container.
     *
     * @schema PostgresqlSpecLivenessProbe#exec
     */
    readonly exec?: PostgresqlSpecLivenessProbeExec;
    /**
     * Minimum consecutive failures for the probe to be considered failed after having succeeded.
     * Defaults to 3. Minimum value is 1.
     *
     * @default 3. Minimum value is 1.
     * @schema PostgresqlSpecLivenessProbe#failureThreshold
     */
    readonly failureThreshold?: number;
    /**
     * GRPC specifies a GRPC HealthCheckRequest.
     *
     * @schema PostgresqlSpecLivenessProbe#grpc
     */
    readonly grpc?: PostgresqlSpecLivenessProbeGrpc;
    /**
     * HTTPGet specifies an HTTP GET request to perform.
     *
     * @schema PostgresqlSpecLivenessProbe#httpGet
     */
    readonly httpGet?: PostgresqlSpecLivenessProbeHttpGet;
    /**
     * Number of seconds after the container has started before liveness probes are initiated.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @schema PostgresqlSpecLivenessProbe#initialDelaySeconds
     */
    readonly initialDelaySeconds?: number;
    /**
     * How often (in seconds) to perform the probe.
     * Default to 10 seconds. Minimum value is 1.
     *
     * @default 10 seconds. Minimum value is 1.
     * @schema PostgresqlSpecLivenessProbe#periodSeconds
     */
    readonly periodSeconds?: number;
    /**
     * Minimum consecutive successes for the probe to be considered successful after having failed.
     * Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
     *
     * @default 1. Must be 1 for liveness and startup. Minimum value is 1.
     * @schema PostgresqlSpecLivenessProbe#successThreshold
     */
    readonly successThreshold?: number;
    /**
     * TCPSocket specifies a connection to a TCP port.
     *
     * @schema PostgresqlSpecLivenessProbe#tcpSocket
     */
    readonly tcpSocket?: PostgresqlSpecLivenessProbeTcpSocket;
    /**
     * Optional duration in seconds the pod needs to terminate gracefully upon probe failure.
     * The grace period is the duration in seconds after the processes running in the pod are sent
     * a termination signal and the time when the processes are forcibly halted with a kill signal.
     * Set this value longer than the expected cleanup time for your process.
     * If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this
     * value overrides the value provided by the pod spec.
     * Value must be non-negative integer. The value zero indicates stop immediately via
     * the kill signal (no opportunity to shut down).
     * This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate.
     * Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
     *
     * @schema PostgresqlSpecLivenessProbe#terminationGracePeriodSeconds
     */
    readonly terminationGracePeriodSeconds?: number;
    /**
     * Number of seconds after which the probe times out.
     * Defaults to 1 second. Minimum value is 1.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @default 1 second. Minimum value is 1.
     * @schema PostgresqlSpecLivenessProbe#timeoutSeconds
     */
    readonly timeoutSeconds?: number;
}
/**
 * Converts an object of type 'PostgresqlSpecLivenessProbe' to JSON representation.
 */
export declare function toJson_PostgresqlSpecLivenessProbe(obj: PostgresqlSpecLivenessProbe | undefined): Record<string, any> | undefined;
/**
 * Node affinity is a group of node affinity scheduling rules.
 *
 * @schema PostgresqlSpecNodeAffinity
 */
export interface PostgresqlSpecNodeAffinity {
    /**
     * The scheduler will prefer to schedule pods to nodes that satisfy
     * the affinity expressions specified by this field, but it may choose
     * a node that violates one or more of the expressions. The node that is
     * most preferred is the one with the greatest sum of weights, i.e.
     * for each node that meets all of the scheduling requirements (resource
     * request, requiredDuringScheduling affinity expressions, etc.),
     * compute a sum by iterating through the elements of this field and adding
     * "weight" to the sum if the node matches the corresponding matchExpressions; the
     * node(s) with the highest sum are the most preferred.
     *
     * @schema PostgresqlSpecNodeAffinity#preferredDuringSchedulingIgnoredDuringExecution
     */
    readonly preferredDuringSchedulingIgnoredDuringExecution?: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution[];
    /**
     * If the affinity requirements specified by this field are not met at
     * scheduling time, the pod will not be scheduled onto the node.
     * If the affinity requirements specified by this field cease to be met
     * at some point during pod execution (e.g. due to an update), the system
     * may or may not try to eventually evict the pod from its node.
     *
     * @schema PostgresqlSpecNodeAffinity#requiredDuringSchedulingIgnoredDuringExecution
     */
    readonly requiredDuringSchedulingIgnoredDuringExecution?: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution;
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinity' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinity(obj: PostgresqlSpecNodeAffinity | undefined): Record<string, any> | undefined;
/**
 * Patroni contains Patroni-specific configuration
 *
 * @schema PostgresqlSpecPatroni
 */
export interface PostgresqlSpecPatroni {
    /**
     * @schema PostgresqlSpecPatroni#failsafe_mode
     */
    readonly failsafeMode?: boolean;
    /**
     * @schema PostgresqlSpecPatroni#initdb
     */
    readonly initdb?: {
        [key: string]: string;
    };
    /**
     * @schema PostgresqlSpecPatroni#loop_wait
     */
    readonly loopWait?: number;
    /**
     * @schema PostgresqlSpecPatroni#maximum_lag_on_failover
     */
    readonly maximumLagOnFailover?: number;
    /**
     * @schema PostgresqlSpecPatroni#pg_hba
     */
    readonly pgHba?: string[];
    /**
     * @schema PostgresqlSpecPatroni#retry_timeout
     */
    readonly retryTimeout?: number;
    /**
     * @schema PostgresqlSpecPatroni#slots
     */
    readonly slots?: {
        [key: string]: {
            [key: string]: string;
        };
    };
    /**
     * @schema PostgresqlSpecPatroni#synchronous_mode
     */
    readonly synchronousMode?: boolean;
    /**
     * @schema PostgresqlSpecPatroni#synchronous_mode_strict
     */
    readonly synchronousModeStrict?: boolean;
    /**
     * @schema PostgresqlSpecPatroni#synchronous_node_count
     */
    readonly synchronousNodeCount?: number;
    /**
     * @schema PostgresqlSpecPatroni#ttl
     */
    readonly ttl?: number;
}
/**
 * Converts an object of type 'PostgresqlSpecPatroni' to JSON representation.
 */
export declare function toJson_PostgresqlSpecPatroni(obj: PostgresqlSpecPatroni | undefined): Record<string, any> | undefined;
/**
 * PostgresqlParam describes PostgreSQL version and pairs of configuration parameter name - values.
 *
 * @schema PostgresqlSpecPostgresql
 */
export interface PostgresqlSpecPostgresql {
    /**
     * @schema PostgresqlSpecPostgresql#parameters
     */
    readonly parameters?: {
        [key: string]: string;
    };
    /**
     * @schema PostgresqlSpecPostgresql#version
     */
    readonly version: PostgresqlSpecPostgresqlVersion;
}
/**
 * Converts an object of type 'PostgresqlSpecPostgresql' to JSON representation.
 */
export declare function toJson_PostgresqlSpecPostgresql(obj: PostgresqlSpecPostgresql | undefined): Record<string, any> | undefined;
/**
 * PreparedDatabase describes elements to be bootstrapped
 *
 * @schema PostgresqlSpecPreparedDatabases
 */
export interface PostgresqlSpecPreparedDatabases {
    /**
     * @schema PostgresqlSpecPreparedDatabases#defaultUsers
     */
    readonly defaultUsers?: boolean;
    /**
     * @schema PostgresqlSpecPreparedDatabases#extensions
     */
    readonly extensions?: {
        [key: string]: string;
    };
    /**
     * @schema PostgresqlSpecPreparedDatabases#schemas
     */
    readonly schemas?: {
        [key: string]: PostgresqlSpecPreparedDatabasesSchemas;
    };
    /**
     * @schema PostgresqlSpecPreparedDatabases#secretNamespace
     */
    readonly secretNamespace?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecPreparedDatabases' to JSON representation.
 */
export declare function toJson_PostgresqlSpecPreparedDatabases(obj: PostgresqlSpecPreparedDatabases | undefined): Record<string, any> | undefined;
/**
 * Resources describes requests and limits for the cluster resouces.
 *
 * @schema PostgresqlSpecResources
 */
export interface PostgresqlSpecResources {
    /**
     * ResourceDescription describes CPU and memory resources defined for a cluster.
     *
     * @schema PostgresqlSpecResources#limits
     */
    readonly limits?: PostgresqlSpecResourcesLimits;
    /**
     * ResourceDescription describes CPU and memory resources defined for a cluster.
     *
     * @schema PostgresqlSpecResources#requests
     */
    readonly requests?: PostgresqlSpecResourcesRequests;
}
/**
 * Converts an object of type 'PostgresqlSpecResources' to JSON representation.
 */
export declare function toJson_PostgresqlSpecResources(obj: PostgresqlSpecResources | undefined): Record<string, any> | undefined;
/**
 * Sidecar defines a container to be run in the same pod as the Postgres container.
 *
 * @schema PostgresqlSpecSidecars
 */
export interface PostgresqlSpecSidecars {
    /**
     * @schema PostgresqlSpecSidecars#command
     */
    readonly command?: string[];
    /**
     * @schema PostgresqlSpecSidecars#env
     */
    readonly env?: PostgresqlSpecSidecarsEnv[];
    /**
     * @schema PostgresqlSpecSidecars#image
     */
    readonly image?: string;
    /**
     * @schema PostgresqlSpecSidecars#name
     */
    readonly name?: string;
    /**
     * @schema PostgresqlSpecSidecars#ports
     */
    readonly ports?: PostgresqlSpecSidecarsPorts[];
    /**
     * Resources describes requests and limits for the cluster resouces.
     *
     * @schema PostgresqlSpecSidecars#resources
     */
    readonly resources?: PostgresqlSpecSidecarsResources;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecars' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecars(obj: PostgresqlSpecSidecars | undefined): Record<string, any> | undefined;
/**
 * StandbyDescription contains remote primary config and/or s3/gs wal path.
 * standby_host can be specified alone or together with either s3_wal_path OR gs_wal_path (mutually exclusive).
 * At least one field must be specified. s3_wal_path and gs_wal_path are mutually exclusive.
 *
 * @schema PostgresqlSpecStandby
 */
export interface PostgresqlSpecStandby {
    /**
     * @schema PostgresqlSpecStandby#gs_wal_path
     */
    readonly gsWalPath?: string;
    /**
     * @schema PostgresqlSpecStandby#s3_wal_path
     */
    readonly s3WalPath?: string;
    /**
     * @schema PostgresqlSpecStandby#standby_host
     */
    readonly standbyHost?: string;
    /**
     * @schema PostgresqlSpecStandby#standby_port
     */
    readonly standbyPort?: string;
    /**
     * @schema PostgresqlSpecStandby#standby_primary_slot_name
     */
    readonly standbyPrimarySlotName?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecStandby' to JSON representation.
 */
export declare function toJson_PostgresqlSpecStandby(obj: PostgresqlSpecStandby | undefined): Record<string, any> | undefined;
/**
 * Stream defines properties for creating FabricEventStream resources
 *
 * @schema PostgresqlSpecStreams
 */
export interface PostgresqlSpecStreams {
    /**
     * @schema PostgresqlSpecStreams#applicationId
     */
    readonly applicationId: string;
    /**
     * @schema PostgresqlSpecStreams#batchSize
     */
    readonly batchSize?: number;
    /**
     * @schema PostgresqlSpecStreams#cpu
     */
    readonly cpu?: string;
    /**
     * @schema PostgresqlSpecStreams#database
     */
    readonly database: string;
    /**
     * @schema PostgresqlSpecStreams#enableRecovery
     */
    readonly enableRecovery?: boolean;
    /**
     * @schema PostgresqlSpecStreams#filter
     */
    readonly filter?: {
        [key: string]: string;
    };
    /**
     * @schema PostgresqlSpecStreams#memory
     */
    readonly memory?: string;
    /**
     * @schema PostgresqlSpecStreams#tables
     */
    readonly tables: {
        [key: string]: PostgresqlSpecStreamsTables;
    };
}
/**
 * Converts an object of type 'PostgresqlSpecStreams' to JSON representation.
 */
export declare function toJson_PostgresqlSpecStreams(obj: PostgresqlSpecStreams | undefined): Record<string, any> | undefined;
/**
 * TLSDescription specs TLS properties
 *
 * @schema PostgresqlSpecTls
 */
export interface PostgresqlSpecTls {
    /**
     * @schema PostgresqlSpecTls#caFile
     */
    readonly caFile?: string;
    /**
     * @schema PostgresqlSpecTls#caSecretName
     */
    readonly caSecretName?: string;
    /**
     * @schema PostgresqlSpecTls#certificateFile
     */
    readonly certificateFile?: string;
    /**
     * @schema PostgresqlSpecTls#privateKeyFile
     */
    readonly privateKeyFile?: string;
    /**
     * @schema PostgresqlSpecTls#secretName
     */
    readonly secretName: string;
}
/**
 * Converts an object of type 'PostgresqlSpecTls' to JSON representation.
 */
export declare function toJson_PostgresqlSpecTls(obj: PostgresqlSpecTls | undefined): Record<string, any> | undefined;
/**
 * The pod this Toleration is attached to tolerates any taint that matches
 * the triple <key,value,effect> using the matching operator <operator>.
 *
 * @schema PostgresqlSpecTolerations
 */
export interface PostgresqlSpecTolerations {
    /**
     * Effect indicates the taint effect to match. Empty means match all taint effects.
     * When specified, allowed values are NoSchedule, PreferNoSchedule and NoExecute.
     *
     * @schema PostgresqlSpecTolerations#effect
     */
    readonly effect?: string;
    /**
     * Key is the taint key that the toleration applies to. Empty means match all taint keys.
     * If the key is empty, operator must be Exists; this combination means to match all values and all keys.
     *
     * @schema PostgresqlSpecTolerations#key
     */
    readonly key?: string;
    /**
     * Operator represents a key's relationship to the value.
     * Valid operators are Exists, Equal, Lt, and Gt. Defaults to Equal.
     * Exists is equivalent to wildcard for value, so that a pod can
     * tolerate all taints of a particular category.
     * Lt and Gt perform numeric comparisons (requires feature gate TaintTolerationComparisonOperators).
     *
     * @default Equal.
     * @schema PostgresqlSpecTolerations#operator
     */
    readonly operator?: string;
    /**
     * TolerationSeconds represents the period of time the toleration (which must be
     * of effect NoExecute, otherwise this field is ignored) tolerates the taint. By default,
     * it is not set, which means tolerate the taint forever (do not evict). Zero and
     * negative values will be treated as 0 (evict immediately) by the system.
     *
     * @schema PostgresqlSpecTolerations#tolerationSeconds
     */
    readonly tolerationSeconds?: number;
    /**
     * Value is the taint value the toleration matches to.
     * If the operator is Exists, the value should be empty, otherwise just a regular string.
     *
     * @schema PostgresqlSpecTolerations#value
     */
    readonly value?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecTolerations' to JSON representation.
 */
export declare function toJson_PostgresqlSpecTolerations(obj: PostgresqlSpecTolerations | undefined): Record<string, any> | undefined;
/**
 * TopologySpreadConstraint specifies how to spread matching pods among the given topology.
 *
 * @schema PostgresqlSpecTopologySpreadConstraints
 */
export interface PostgresqlSpecTopologySpreadConstraints {
    /**
     * LabelSelector is used to find matching pods.
     * Pods that match this label selector are counted to determine the number of pods
     * in their corresponding topology domain.
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#labelSelector
     */
    readonly labelSelector?: PostgresqlSpecTopologySpreadConstraintsLabelSelector;
    /**
     * MatchLabelKeys is a set of pod label keys to select the pods over which
     * spreading will be calculated. The keys are used to lookup values from the
     * incoming pod labels, those key-value labels are ANDed with labelSelector
     * to select the group of existing pods over which spreading will be calculated
     * for the incoming pod. The same key is forbidden to exist in both MatchLabelKeys and LabelSelector.
     * MatchLabelKeys cannot be set when LabelSelector isn't set.
     * Keys that don't exist in the incoming pod labels will
     * be ignored. A null or empty list means only match against labelSelector.
     *
     * This is a beta field and requires the MatchLabelKeysInPodTopologySpread feature gate to be enabled (enabled by default).
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#matchLabelKeys
     */
    readonly matchLabelKeys?: string[];
    /**
     * MaxSkew describes the degree to which pods may be unevenly distributed.
     * When `whenUnsatisfiable=DoNotSchedule`, it is the maximum permitted difference
     * between the number of matching pods in the target topology and the global minimum.
     * The global minimum is the minimum number of matching pods in an eligible domain
     * or zero if the number of eligible domains is less than MinDomains.
     * For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same
     * labelSelector spread as 2/2/1:
     * In this case, the global minimum is 1.
     * | zone1 | zone2 | zone3 |
     * |  P P  |  P P  |   P   |
     * - if MaxSkew is 1, incoming pod can only be scheduled to zone3 to become 2/2/2;
     * scheduling it onto zone1(zone2) would make the ActualSkew(3-1) on zone1(zone2)
     * violate MaxSkew(1).
     * - if MaxSkew is 2, incoming pod can be scheduled onto any zone.
     * When `whenUnsatisfiable=ScheduleAnyway`, it is used to give higher precedence
     * to topologies that satisfy it.
     * It's a required field. Default value is 1 and 0 is not allowed.
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#maxSkew
     */
    readonly maxSkew: number;
    /**
     * MinDomains indicates a minimum number of eligible domains.
     * When the number of eligible domains with matching topology keys is less than minDomains,
     * Pod Topology Spread treats "global minimum" as 0, and then the calculation of Skew is performed.
     * And when the number of eligible domains with matching topology keys equals or greater than minDomains,
     * this value has no effect on scheduling.
     * As a result, when the number of eligible domains is less than minDomains,
     * scheduler won't schedule more than maxSkew Pods to those domains.
     * If value is nil, the constraint behaves as if MinDomains is equal to 1.
     * Valid values are integers greater than 0.
     * When value is not nil, WhenUnsatisfiable must be DoNotSchedule.
     *
     * For example, in a 3-zone cluster, MaxSkew is set to 2, MinDomains is set to 5 and pods with the same
     * labelSelector spread as 2/2/2:
     * | zone1 | zone2 | zone3 |
     * |  P P  |  P P  |  P P  |
     * The number of domains is less than 5(MinDomains), so "global minimum" is treated as 0.
     * In this situation, new pod with the same labelSelector cannot be scheduled,
     * because computed skew will be 3(3 - 0) if new Pod is scheduled to any of the three zones,
     * it will violate MaxSkew.
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#minDomains
     */
    readonly minDomains?: number;
    /**
     * NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector
     * when calculating pod topology spread skew. Options are:
     * - Honor: only nodes matching nodeAffinity/nodeSelector are included in the calculations.
     * - Ignore: nodeAffinity/nodeSelector are ignored. All nodes are included in the calculations.
     *
     * If this value is nil, the behavior is equivalent to the Honor policy.
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#nodeAffinityPolicy
     */
    readonly nodeAffinityPolicy?: string;
    /**
     * NodeTaintsPolicy indicates how we will treat node taints when calculating
     * pod topology spread skew. Options are:
     * - Honor: nodes without taints, along with tainted nodes for which the incoming pod
     * has a toleration, are included.
     * - Ignore: node taints are ignored. All nodes are included.
     *
     * If this value is nil, the behavior is equivalent to the Ignore policy.
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#nodeTaintsPolicy
     */
    readonly nodeTaintsPolicy?: string;
    /**
     * TopologyKey is the key of node labels. Nodes that have a label with this key
     * and identical values are considered to be in the same topology.
     * We consider each <key, value> as a "bucket", and try to put balanced number
     * of pods into each bucket.
     * We define a domain as a particular instance of a topology.
     * Also, we define an eligible domain as a domain whose nodes meet the requirements of
     * nodeAffinityPolicy and nodeTaintsPolicy.
     * e.g. If TopologyKey is "kubernetes.io/hostname", each Node is a domain of that topology.
     * And, if TopologyKey is "topology.kubernetes.io/zone", each zone is a domain of that topology.
     * It's a required field.
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#topologyKey
     */
    readonly topologyKey: string;
    /**
     * WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy
     * the spread constraint.
     * - DoNotSchedule (default) tells the scheduler not to schedule it.
     * - ScheduleAnyway tells the scheduler to schedule the pod in any location,
     * but giving higher precedence to topologies that would help reduce the
     * skew.
     * A constraint is considered "Unsatisfiable" for an incoming pod
     * if and only if every possible node assignment for that pod would violate
     * "MaxSkew" on some topology.
     * For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same
     * labelSelector spread as 3/1/1:
     * | zone1 | zone2 | zone3 |
     * | P P P |   P   |   P   |
     * If WhenUnsatisfiable is set to DoNotSchedule, incoming pod can only be scheduled
     * to zone2(zone3) to become 3/2/1(3/1/2) as ActualSkew(2-1) on zone2(zone3) satisfies
     * MaxSkew(1). In other words, the cluster can still be imbalanced, but scheduler
     * won't make it *more* imbalanced.
     * It's a required field.
     *
     * @schema PostgresqlSpecTopologySpreadConstraints#whenUnsatisfiable
     */
    readonly whenUnsatisfiable: string;
}
/**
 * Converts an object of type 'PostgresqlSpecTopologySpreadConstraints' to JSON representation.
 */
export declare function toJson_PostgresqlSpecTopologySpreadConstraints(obj: PostgresqlSpecTopologySpreadConstraints | undefined): Record<string, any> | undefined;
/**
 * @schema PostgresqlSpecUsers
 */
export declare enum PostgresqlSpecUsers {
    /** bypassrls */
    BYPASSRLS = "bypassrls",
    /** nobypassrls */
    NOBYPASSRLS = "nobypassrls",
    /** createdb */
    CREATEDB = "createdb",
    /** nocreatedb */
    NOCREATEDB = "nocreatedb",
    /** createrole */
    CREATEROLE = "createrole",
    /** nocreaterole */
    NOCREATEROLE = "nocreaterole",
    /** inherit */
    INHERIT = "inherit",
    /** noinherit */
    NOINHERIT = "noinherit",
    /** login */
    LOGIN = "login",
    /** nologin */
    NOLOGIN = "nologin",
    /** replication */
    REPLICATION = "replication",
    /** noreplication */
    NOREPLICATION = "noreplication",
    /** superuser */
    SUPERUSER = "superuser",
    /** nosuperuser */
    NOSUPERUSER = "nosuperuser"
}
/**
 * Volume describes a single volume in the manifest.
 *
 * @schema PostgresqlSpecVolume
 */
export interface PostgresqlSpecVolume {
    /**
     * @schema PostgresqlSpecVolume#iops
     */
    readonly iops?: number;
    /**
     * @schema PostgresqlSpecVolume#isSubPathExpr
     */
    readonly isSubPathExpr?: boolean;
    /**
     * A label selector is a label query over a set of resources. The result of matchLabels and
     * matchExpressions are ANDed. An empty label selector matches all objects. A null
     * label selector matches no objects.
     *
     * @schema PostgresqlSpecVolume#selector
     */
    readonly selector?: PostgresqlSpecVolumeSelector;
    /**
     * @schema PostgresqlSpecVolume#size
     */
    readonly size: string;
    /**
     * @schema PostgresqlSpecVolume#storageClass
     */
    readonly storageClass?: string;
    /**
     * @schema PostgresqlSpecVolume#subPath
     */
    readonly subPath?: string;
    /**
     * @schema PostgresqlSpecVolume#throughput
     */
    readonly throughput?: number;
    /**
     * @schema PostgresqlSpecVolume#type
     */
    readonly type?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecVolume' to JSON representation.
 */
export declare function toJson_PostgresqlSpecVolume(obj: PostgresqlSpecVolume | undefined): Record<string, any> | undefined;
/**
 * @schema PostgresqlSpecConnectionPoolerMode
 */
export declare enum PostgresqlSpecConnectionPoolerMode {
    /** session */
    SESSION = "session",
    /** transaction */
    TRANSACTION = "transaction"
}
/**
 * Resources describes requests and limits for the cluster resouces.
 *
 * @schema PostgresqlSpecConnectionPoolerResources
 */
export interface PostgresqlSpecConnectionPoolerResources {
    /**
     * ResourceDescription describes CPU and memory resources defined for a cluster.
     *
     * @schema PostgresqlSpecConnectionPoolerResources#limits
     */
    readonly limits?: PostgresqlSpecConnectionPoolerResourcesLimits;
    /**
     * ResourceDescription describes CPU and memory resources defined for a cluster.
     *
     * @schema PostgresqlSpecConnectionPoolerResources#requests
     */
    readonly requests?: PostgresqlSpecConnectionPoolerResourcesRequests;
}
/**
 * Converts an object of type 'PostgresqlSpecConnectionPoolerResources' to JSON representation.
 */
export declare function toJson_PostgresqlSpecConnectionPoolerResources(obj: PostgresqlSpecConnectionPoolerResources | undefined): Record<string, any> | undefined;
/**
 * Source for the environment variable's value. Cannot be used if value is not empty.
 *
 * @schema PostgresqlSpecEnvValueFrom
 */
export interface PostgresqlSpecEnvValueFrom {
    /**
     * Selects a key of a ConfigMap.
     *
     * @schema PostgresqlSpecEnvValueFrom#configMapKeyRef
     */
    readonly configMapKeyRef?: PostgresqlSpecEnvValueFromConfigMapKeyRef;
    /**
     * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`,
     * spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
     *
     * @schema PostgresqlSpecEnvValueFrom#fieldRef
     */
    readonly fieldRef?: PostgresqlSpecEnvValueFromFieldRef;
    /**
     * FileKeyRef selects a key of the env file.
     * Requires the EnvFiles feature gate to be enabled.
     *
     * @schema PostgresqlSpecEnvValueFrom#fileKeyRef
     */
    readonly fileKeyRef?: PostgresqlSpecEnvValueFromFileKeyRef;
    /**
     * Selects a resource of the container: only resources limits and requests
     * (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
     *
     * @schema PostgresqlSpecEnvValueFrom#resourceFieldRef
     */
    readonly resourceFieldRef?: PostgresqlSpecEnvValueFromResourceFieldRef;
    /**
     * Selects a key of a secret in the pod's namespace
     *
     * @schema PostgresqlSpecEnvValueFrom#secretKeyRef
     */
    readonly secretKeyRef?: PostgresqlSpecEnvValueFromSecretKeyRef;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvValueFrom' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvValueFrom(obj: PostgresqlSpecEnvValueFrom | undefined): Record<string, any> | undefined;
/**
 * The ConfigMap to select from
 *
 * @schema PostgresqlSpecEnvFromConfigMapRef
 */
export interface PostgresqlSpecEnvFromConfigMapRef {
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecEnvFromConfigMapRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the ConfigMap must be defined
     *
     * @schema PostgresqlSpecEnvFromConfigMapRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvFromConfigMapRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvFromConfigMapRef(obj: PostgresqlSpecEnvFromConfigMapRef | undefined): Record<string, any> | undefined;
/**
 * The Secret to select from
 *
 * @schema PostgresqlSpecEnvFromSecretRef
 */
export interface PostgresqlSpecEnvFromSecretRef {
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecEnvFromSecretRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the Secret must be defined
     *
     * @schema PostgresqlSpecEnvFromSecretRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvFromSecretRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvFromSecretRef(obj: PostgresqlSpecEnvFromSecretRef | undefined): Record<string, any> | undefined;
/**
 * EnvVar represents an environment variable present in a Container.
 *
 * @schema PostgresqlSpecInitContainersEnv
 */
export interface PostgresqlSpecInitContainersEnv {
    /**
     * Name of the environment variable.
     * May consist of any printable ASCII characters except '='.
     *
     * @schema PostgresqlSpecInitContainersEnv#name
     */
    readonly name: string;
    /**
     * Variable references $(VAR_NAME) are expanded
     * using the previously defined environment variables in the container and
     * any service environment variables. If a variable cannot be resolved,
     * the reference in the input string will be unchanged. Double $$ are reduced
     * to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e.
     * "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)".
     * Escaped references will never be expanded, regardless of whether the variable
     * exists or not.
     * Defaults to "".
     *
     * @default .
     * @schema PostgresqlSpecInitContainersEnv#value
     */
    readonly value?: string;
    /**
     * Source for the environment variable's value. Cannot be used if value is not empty.
     *
     * @schema PostgresqlSpecInitContainersEnv#valueFrom
     */
    readonly valueFrom?: PostgresqlSpecInitContainersEnvValueFrom;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnv' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnv(obj: PostgresqlSpecInitContainersEnv | undefined): Record<string, any> | undefined;
/**
 * EnvFromSource represents the source of a set of ConfigMaps or Secrets
 *
 * @schema PostgresqlSpecInitContainersEnvFrom
 */
export interface PostgresqlSpecInitContainersEnvFrom {
    /**
     * The ConfigMap to select from
     *
     * @schema PostgresqlSpecInitContainersEnvFrom#configMapRef
     */
    readonly configMapRef?: PostgresqlSpecInitContainersEnvFromConfigMapRef;
    /**
     * Optional text to prepend to the name of each environment variable.
     * May consist of any printable ASCII characters except '='.
     *
     * @schema PostgresqlSpecInitContainersEnvFrom#prefix
     */
    readonly prefix?: string;
    /**
     * The Secret to select from
     *
     * @schema PostgresqlSpecInitContainersEnvFrom#secretRef
     */
    readonly secretRef?: PostgresqlSpecInitContainersEnvFromSecretRef;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvFrom' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvFrom(obj: PostgresqlSpecInitContainersEnvFrom | undefined): Record<string, any> | undefined;
/**
 * Actions that the management system should take in response to container lifecycle events.
 * Cannot be updated.
 *
 * @schema PostgresqlSpecInitContainersLifecycle
 */
export interface PostgresqlSpecInitContainersLifecycle {
    /**
     * PostStart is called immediately after a container is created. If the handler fails,
     * the container is terminated and restarted according to its restart policy.
     * Other management of the container blocks until the hook completes.
     * More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
     *
     * @schema PostgresqlSpecInitContainersLifecycle#postStart
     */
    readonly postStart?: PostgresqlSpecInitContainersLifecyclePostStart;
    /**
     * PreStop is called immediately before a container is terminated due to an
     * API request or management event such as liveness/startup probe failure,
     * preemption, resource contention, etc. The handler is not called if the
     * container crashes or exits. The Pod's termination grace period countdown begins before the
     * PreStop hook is executed. Regardless of the outcome of the handler, the
     * container will eventually terminate within the Pod's termination grace
     * period (unless delayed by finalizers). Other management of the container blocks until the hook completes
     * or until the termination grace period is reached.
     * More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
     *
     * @schema PostgresqlSpecInitContainersLifecycle#preStop
     */
    readonly preStop?: PostgresqlSpecInitContainersLifecyclePreStop;
    /**
     * StopSignal defines which signal will be sent to a container when it is being stopped.
     * If not specified, the default is defined by the container runtime in use.
     * StopSignal can only be set for Pods with a non-empty .spec.os.name
     *
     * @schema PostgresqlSpecInitContainersLifecycle#stopSignal
     */
    readonly stopSignal?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecycle' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecycle(obj: PostgresqlSpecInitContainersLifecycle | undefined): Record<string, any> | undefined;
/**
 * Periodic probe of container liveness.
 * Container will be restarted if the probe fails.
 * Cannot be updated.
 * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
 *
 * @schema PostgresqlSpecInitContainersLivenessProbe
 */
export interface PostgresqlSpecInitContainersLivenessProbe {
    /**
     * Exec specifies a command to execute in the container.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbe#exec
     */
    readonly exec?: PostgresqlSpecInitContainersLivenessProbeExec;
    /**
     * Minimum consecutive failures for the probe to be considered failed after having succeeded.
     * Defaults to 3. Minimum value is 1.
     *
     * @default 3. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersLivenessProbe#failureThreshold
     */
    readonly failureThreshold?: number;
    /**
     * GRPC specifies a GRPC HealthCheckRequest.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbe#grpc
     */
    readonly grpc?: PostgresqlSpecInitContainersLivenessProbeGrpc;
    /**
     * HTTPGet specifies an HTTP GET request to perform.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbe#httpGet
     */
    readonly httpGet?: PostgresqlSpecInitContainersLivenessProbeHttpGet;
    /**
     * Number of seconds after the container has started before liveness probes are initiated.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @schema PostgresqlSpecInitContainersLivenessProbe#initialDelaySeconds
     */
    readonly initialDelaySeconds?: number;
    /**
     * How often (in seconds) to perform the probe.
     * Default to 10 seconds. Minimum value is 1.
     *
     * @default 10 seconds. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersLivenessProbe#periodSeconds
     */
    readonly periodSeconds?: number;
    /**
     * Minimum consecutive successes for the probe to be considered successful after having failed.
     * Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
     *
     * @default 1. Must be 1 for liveness and startup. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersLivenessProbe#successThreshold
     */
    readonly successThreshold?: number;
    /**
     * TCPSocket specifies a connection to a TCP port.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbe#tcpSocket
     */
    readonly tcpSocket?: PostgresqlSpecInitContainersLivenessProbeTcpSocket;
    /**
     * Optional duration in seconds the pod needs to terminate gracefully upon probe failure.
     * The grace period is the duration in seconds after the processes running in the pod are sent
     * a termination signal and the time when the processes are forcibly halted with a kill signal.
     * Set this value longer than the expected cleanup time for your process.
     * If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this
     * value overrides the value provided by the pod spec.
     * Value must be non-negative integer. The value zero indicates stop immediately via
     * the kill signal (no opportunity to shut down).
     * This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate.
     * Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbe#terminationGracePeriodSeconds
     */
    readonly terminationGracePeriodSeconds?: number;
    /**
     * Number of seconds after which the probe times out.
     * Defaults to 1 second. Minimum value is 1.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @default 1 second. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersLivenessProbe#timeoutSeconds
     */
    readonly timeoutSeconds?: number;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLivenessProbe' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLivenessProbe(obj: PostgresqlSpecInitContainersLivenessProbe | undefined): Record<string, any> | undefined;
/**
 * ContainerPort represents a network port in a single container.
 *
 * @schema PostgresqlSpecInitContainersPorts
 */
export interface PostgresqlSpecInitContainersPorts {
    /**
     * Number of port to expose on the pod's IP address.
     * This must be a valid port number, 0 < x < 65536.
     *
     * @schema PostgresqlSpecInitContainersPorts#containerPort
     */
    readonly containerPort: number;
    /**
     * What host IP to bind the external port to.
     *
     * @schema PostgresqlSpecInitContainersPorts#hostIP
     */
    readonly hostIp?: string;
    /**
     * Number of port to expose on the host.
     * If specified, this must be a valid port number, 0 < x < 65536.
     * If HostNetwork is specified, this must match ContainerPort.
     * Most containers do not need this.
     *
     * @schema PostgresqlSpecInitContainersPorts#hostPort
     */
    readonly hostPort?: number;
    /**
     * If specified, this must be an IANA_SVC_NAME and unique within the pod. Each
     * named port in a pod must have a unique name. Name for the port that can be
     * referred to by services.
     *
     * @schema PostgresqlSpecInitContainersPorts#name
     */
    readonly name?: string;
    /**
     * Protocol for port. Must be UDP, TCP, or SCTP.
     * Defaults to "TCP".
     *
     * @default TCP".
     * @schema PostgresqlSpecInitContainersPorts#protocol
     */
    readonly protocol?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersPorts' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersPorts(obj: PostgresqlSpecInitContainersPorts | undefined): Record<string, any> | undefined;
/**
 * Periodic probe of container service readiness.
 * Container will be removed from service endpoints if the probe fails.
 * Cannot be updated.
 * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
 *
 * @schema PostgresqlSpecInitContainersReadinessProbe
 */
export interface PostgresqlSpecInitContainersReadinessProbe {
    /**
     * Exec specifies a command to execute in the container.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbe#exec
     */
    readonly exec?: PostgresqlSpecInitContainersReadinessProbeExec;
    /**
     * Minimum consecutive failures for the probe to be considered failed after having succeeded.
     * Defaults to 3. Minimum value is 1.
     *
     * @default 3. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersReadinessProbe#failureThreshold
     */
    readonly failureThreshold?: number;
    /**
     * GRPC specifies a GRPC HealthCheckRequest.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbe#grpc
     */
    readonly grpc?: PostgresqlSpecInitContainersReadinessProbeGrpc;
    /**
     * HTTPGet specifies an HTTP GET request to perform.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbe#httpGet
     */
    readonly httpGet?: PostgresqlSpecInitContainersReadinessProbeHttpGet;
    /**
     * Number of seconds after the container has started before liveness probes are initiated.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @schema PostgresqlSpecInitContainersReadinessProbe#initialDelaySeconds
     */
    readonly initialDelaySeconds?: number;
    /**
     * How often (in seconds) to perform the probe.
     * Default to 10 seconds. Minimum value is 1.
     *
     * @default 10 seconds. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersReadinessProbe#periodSeconds
     */
    readonly periodSeconds?: number;
    /**
     * Minimum consecutive successes for the probe to be considered successful after having failed.
     * Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
     *
     * @default 1. Must be 1 for liveness and startup. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersReadinessProbe#successThreshold
     */
    readonly successThreshold?: number;
    /**
     * TCPSocket specifies a connection to a TCP port.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbe#tcpSocket
     */
    readonly tcpSocket?: PostgresqlSpecInitContainersReadinessProbeTcpSocket;
    /**
     * Optional duration in seconds the pod needs to terminate gracefully upon probe failure.
     * The grace period is the duration in seconds after the processes running in the pod are sent
     * a termination signal and the time when the processes are forcibly halted with a kill signal.
     * Set this value longer than the expected cleanup time for your process.
     * If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this
     * value overrides the value provided by the pod spec.
     * Value must be non-negative integer. The value zero indicates stop immediately via
     * the kill signal (no opportunity to shut down).
     * This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate.
     * Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbe#terminationGracePeriodSeconds
     */
    readonly terminationGracePeriodSeconds?: number;
    /**
     * Number of seconds after which the probe times out.
     * Defaults to 1 second. Minimum value is 1.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @default 1 second. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersReadinessProbe#timeoutSeconds
     */
    readonly timeoutSeconds?: number;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersReadinessProbe' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersReadinessProbe(obj: PostgresqlSpecInitContainersReadinessProbe | undefined): Record<string, any> | undefined;
/**
 * ContainerResizePolicy represents resource resize policy for the container.
 *
 * @schema PostgresqlSpecInitContainersResizePolicy
 */
export interface PostgresqlSpecInitContainersResizePolicy {
    /**
     * Name of the resource to which this resource resize policy applies.
     * Supported values: cpu, memory.
     *
     * @schema PostgresqlSpecInitContainersResizePolicy#resourceName
     */
    readonly resourceName: string;
    /**
     * Restart policy to apply when specified resource is resized.
     * If not specified, it defaults to NotRequired.
     *
     * @schema PostgresqlSpecInitContainersResizePolicy#restartPolicy
     */
    readonly restartPolicy: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersResizePolicy' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersResizePolicy(obj: PostgresqlSpecInitContainersResizePolicy | undefined): Record<string, any> | undefined;
/**
 * Compute Resources required by this container.
 * Cannot be updated.
 * More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 *
 * @schema PostgresqlSpecInitContainersResources
 */
export interface PostgresqlSpecInitContainersResources {
    /**
     * Claims lists the names of resources, defined in spec.resourceClaims,
     * that are used by this container.
     *
     * This field depends on the
     * DynamicResourceAllocation feature gate.
     *
     * This field is immutable. It can only be set for containers.
     *
     * @schema PostgresqlSpecInitContainersResources#claims
     */
    readonly claims?: PostgresqlSpecInitContainersResourcesClaims[];
    /**
     * Limits describes the maximum amount of compute resources allowed.
     * More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     *
     * @schema PostgresqlSpecInitContainersResources#limits
     */
    readonly limits?: {
        [key: string]: PostgresqlSpecInitContainersResourcesLimits;
    };
    /**
     * Requests describes the minimum amount of compute resources required.
     * If Requests is omitted for a container, it defaults to Limits if that is explicitly specified,
     * otherwise to an implementation-defined value. Requests cannot exceed Limits.
     * More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     *
     * @schema PostgresqlSpecInitContainersResources#requests
     */
    readonly requests?: {
        [key: string]: PostgresqlSpecInitContainersResourcesRequests;
    };
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersResources' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersResources(obj: PostgresqlSpecInitContainersResources | undefined): Record<string, any> | undefined;
/**
 * ContainerRestartRule describes how a container exit is handled.
 *
 * @schema PostgresqlSpecInitContainersRestartPolicyRules
 */
export interface PostgresqlSpecInitContainersRestartPolicyRules {
    /**
     * Specifies the action taken on a container exit if the requirements
     * are satisfied. The only possible value is "Restart" to restart the
     * container.
     *
     * @schema PostgresqlSpecInitContainersRestartPolicyRules#action
     */
    readonly action: string;
    /**
     * Represents the exit codes to check on container exits.
     *
     * @schema PostgresqlSpecInitContainersRestartPolicyRules#exitCodes
     */
    readonly exitCodes?: PostgresqlSpecInitContainersRestartPolicyRulesExitCodes;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersRestartPolicyRules' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersRestartPolicyRules(obj: PostgresqlSpecInitContainersRestartPolicyRules | undefined): Record<string, any> | undefined;
/**
 * SecurityContext defines the security options the container should be run with.
 * If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext.
 * More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 *
 * @schema PostgresqlSpecInitContainersSecurityContext
 */
export interface PostgresqlSpecInitContainersSecurityContext {
    /**
     * AllowPrivilegeEscalation controls whether a process can gain more
     * privileges than its parent process. This bool directly controls if
     * the no_new_privs flag will be set on the container process.
     * AllowPrivilegeEscalation is true always when the container is:
     * 1) run as Privileged
     * 2) has CAP_SYS_ADMIN
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#allowPrivilegeEscalation
     */
    readonly allowPrivilegeEscalation?: boolean;
    /**
     * appArmorProfile is the AppArmor options to use by this container. If set, this profile
     * overrides the pod's appArmorProfile.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#appArmorProfile
     */
    readonly appArmorProfile?: PostgresqlSpecInitContainersSecurityContextAppArmorProfile;
    /**
     * The capabilities to add/drop when running containers.
     * Defaults to the default set of capabilities granted by the container runtime.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @default the default set of capabilities granted by the container runtime.
     * @schema PostgresqlSpecInitContainersSecurityContext#capabilities
     */
    readonly capabilities?: PostgresqlSpecInitContainersSecurityContextCapabilities;
    /**
     * Run container in privileged mode.
     * Processes in privileged containers are essentially equivalent to root on the host.
     * Defaults to false.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @default false.
     * @schema PostgresqlSpecInitContainersSecurityContext#privileged
     */
    readonly privileged?: boolean;
    /**
     * procMount denotes the type of proc mount to use for the containers.
     * The default value is Default which uses the container runtime defaults for
     * readonly paths and masked paths.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#procMount
     */
    readonly procMount?: string;
    /**
     * Whether this container has a read-only root filesystem.
     * Default is false.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @default false.
     * @schema PostgresqlSpecInitContainersSecurityContext#readOnlyRootFilesystem
     */
    readonly readOnlyRootFilesystem?: boolean;
    /**
     * The GID to run the entrypoint of the container process.
     * Uses runtime default if unset.
     * May also be set in PodSecurityContext.  If set in both SecurityContext and
     * PodSecurityContext, the value specified in SecurityContext takes precedence.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#runAsGroup
     */
    readonly runAsGroup?: number;
    /**
     * Indicates that the container must run as a non-root user.
     * If true, the Kubelet will validate the image at runtime to ensure that it
     * does not run as UID 0 (root) and fail to start the container if it does.
     * If unset or false, no such validation will be performed.
     * May also be set in PodSecurityContext.  If set in both SecurityContext and
     * PodSecurityContext, the value specified in SecurityContext takes precedence.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#runAsNonRoot
     */
    readonly runAsNonRoot?: boolean;
    /**
     * The UID to run the entrypoint of the container process.
     * Defaults to user specified in image metadata if unspecified.
     * May also be set in PodSecurityContext.  If set in both SecurityContext and
     * PodSecurityContext, the value specified in SecurityContext takes precedence.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @default user specified in image metadata if unspecified.
     * @schema PostgresqlSpecInitContainersSecurityContext#runAsUser
     */
    readonly runAsUser?: number;
    /**
     * The SELinux context to be applied to the container.
     * If unspecified, the container runtime will allocate a random SELinux context for each
     * container.  May also be set in PodSecurityContext.  If set in both SecurityContext and
     * PodSecurityContext, the value specified in SecurityContext takes precedence.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#seLinuxOptions
     */
    readonly seLinuxOptions?: PostgresqlSpecInitContainersSecurityContextSeLinuxOptions;
    /**
     * The seccomp options to use by this container. If seccomp options are
     * provided at both the pod & container level, the container options
     * override the pod options.
     * Note that this field cannot be set when spec.os.name is windows.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#seccompProfile
     */
    readonly seccompProfile?: PostgresqlSpecInitContainersSecurityContextSeccompProfile;
    /**
     * The Windows specific settings applied to all containers.
     * If unspecified, the options from the PodSecurityContext will be used.
     * If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.
     * Note that this field cannot be set when spec.os.name is linux.
     *
     * @schema PostgresqlSpecInitContainersSecurityContext#windowsOptions
     */
    readonly windowsOptions?: PostgresqlSpecInitContainersSecurityContextWindowsOptions;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersSecurityContext' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersSecurityContext(obj: PostgresqlSpecInitContainersSecurityContext | undefined): Record<string, any> | undefined;
/**
 * StartupProbe indicates that the Pod has successfully initialized.
 * If specified, no other probes are executed until this completes successfully.
 * If this probe fails, the Pod will be restarted, just as if the livenessProbe failed.
 * This can be used to provide different probe parameters at the beginning of a Pod's lifecycle,
 * when it might take a long time to load data or warm a cache, than during steady-state operation.
 * This cannot be updated.
 * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
 *
 * @schema PostgresqlSpecInitContainersStartupProbe
 */
export interface PostgresqlSpecInitContainersStartupProbe {
    /**
     * Exec specifies a command to execute in the container.
     *
     * @schema PostgresqlSpecInitContainersStartupProbe#exec
     */
    readonly exec?: PostgresqlSpecInitContainersStartupProbeExec;
    /**
     * Minimum consecutive failures for the probe to be considered failed after having succeeded.
     * Defaults to 3. Minimum value is 1.
     *
     * @default 3. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersStartupProbe#failureThreshold
     */
    readonly failureThreshold?: number;
    /**
     * GRPC specifies a GRPC HealthCheckRequest.
     *
     * @schema PostgresqlSpecInitContainersStartupProbe#grpc
     */
    readonly grpc?: PostgresqlSpecInitContainersStartupProbeGrpc;
    /**
     * HTTPGet specifies an HTTP GET request to perform.
     *
     * @schema PostgresqlSpecInitContainersStartupProbe#httpGet
     */
    readonly httpGet?: PostgresqlSpecInitContainersStartupProbeHttpGet;
    /**
     * Number of seconds after the container has started before liveness probes are initiated.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @schema PostgresqlSpecInitContainersStartupProbe#initialDelaySeconds
     */
    readonly initialDelaySeconds?: number;
    /**
     * How often (in seconds) to perform the probe.
     * Default to 10 seconds. Minimum value is 1.
     *
     * @default 10 seconds. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersStartupProbe#periodSeconds
     */
    readonly periodSeconds?: number;
    /**
     * Minimum consecutive successes for the probe to be considered successful after having failed.
     * Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
     *
     * @default 1. Must be 1 for liveness and startup. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersStartupProbe#successThreshold
     */
    readonly successThreshold?: number;
    /**
     * TCPSocket specifies a connection to a TCP port.
     *
     * @schema PostgresqlSpecInitContainersStartupProbe#tcpSocket
     */
    readonly tcpSocket?: PostgresqlSpecInitContainersStartupProbeTcpSocket;
    /**
     * Optional duration in seconds the pod needs to terminate gracefully upon probe failure.
     * The grace period is the duration in seconds after the processes running in the pod are sent
     * a termination signal and the time when the processes are forcibly halted with a kill signal.
     * Set this value longer than the expected cleanup time for your process.
     * If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this
     * value overrides the value provided by the pod spec.
     * Value must be non-negative integer. The value zero indicates stop immediately via
     * the kill signal (no opportunity to shut down).
     * This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate.
     * Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
     *
     * @schema PostgresqlSpecInitContainersStartupProbe#terminationGracePeriodSeconds
     */
    readonly terminationGracePeriodSeconds?: number;
    /**
     * Number of seconds after which the probe times out.
     * Defaults to 1 second. Minimum value is 1.
     * More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
     *
     * @default 1 second. Minimum value is 1.
     * @schema PostgresqlSpecInitContainersStartupProbe#timeoutSeconds
     */
    readonly timeoutSeconds?: number;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersStartupProbe' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersStartupProbe(obj: PostgresqlSpecInitContainersStartupProbe | undefined): Record<string, any> | undefined;
/**
 * volumeDevice describes a mapping of a raw block device within a container.
 *
 * @schema PostgresqlSpecInitContainersVolumeDevices
 */
export interface PostgresqlSpecInitContainersVolumeDevices {
    /**
     * devicePath is the path inside of the container that the device will be mapped to.
     *
     * @schema PostgresqlSpecInitContainersVolumeDevices#devicePath
     */
    readonly devicePath: string;
    /**
     * name must match the name of a persistentVolumeClaim in the pod
     *
     * @schema PostgresqlSpecInitContainersVolumeDevices#name
     */
    readonly name: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersVolumeDevices' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersVolumeDevices(obj: PostgresqlSpecInitContainersVolumeDevices | undefined): Record<string, any> | undefined;
/**
 * VolumeMount describes a mounting of a Volume within a container.
 *
 * @schema PostgresqlSpecInitContainersVolumeMounts
 */
export interface PostgresqlSpecInitContainersVolumeMounts {
    /**
     * Path within the container at which the volume should be mounted.  Must
     * not contain ':'.
     *
     * @schema PostgresqlSpecInitContainersVolumeMounts#mountPath
     */
    readonly mountPath: string;
    /**
     * mountPropagation determines how mounts are propagated from the host
     * to container and the other way around.
     * When not set, MountPropagationNone is used.
     * This field is beta in 1.10.
     * When RecursiveReadOnly is set to IfPossible or to Enabled, MountPropagation must be None or unspecified
     * (which defaults to None).
     *
     * @schema PostgresqlSpecInitContainersVolumeMounts#mountPropagation
     */
    readonly mountPropagation?: string;
    /**
     * This must match the Name of a Volume.
     *
     * @schema PostgresqlSpecInitContainersVolumeMounts#name
     */
    readonly name: string;
    /**
     * Mounted read-only if true, read-write otherwise (false or unspecified).
     * Defaults to false.
     *
     * @default false.
     * @schema PostgresqlSpecInitContainersVolumeMounts#readOnly
     */
    readonly readOnly?: boolean;
    /**
     * RecursiveReadOnly specifies whether read-only mounts should be handled
     * recursively.
     *
     * If ReadOnly is false, this field has no meaning and must be unspecified.
     *
     * If ReadOnly is true, and this field is set to Disabled, the mount is not made
     * recursively read-only.  If this field is set to IfPossible, the mount is made
     * recursively read-only, if it is supported by the container runtime.  If this
     * field is set to Enabled, the mount is made recursively read-only if it is
     * supported by the container runtime, otherwise the pod will not be started and
     * an error will be generated to indicate the reason.
     *
     * If this field is set to IfPossible or Enabled, MountPropagation must be set to
     * None (or be unspecified, which defaults to None).
     *
     * If this field is not specified, it is treated as an equivalent of Disabled.
     *
     * @schema PostgresqlSpecInitContainersVolumeMounts#recursiveReadOnly
     */
    readonly recursiveReadOnly?: string;
    /**
     * Path within the volume from which the container's volume should be mounted.
     * Defaults to "" (volume's root).
     *
     * @default volume's root).
     * @schema PostgresqlSpecInitContainersVolumeMounts#subPath
     */
    readonly subPath?: string;
    /**
     * Expanded path within the volume from which the container's volume should be mounted.
     * Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container's environment.
     * Defaults to "" (volume's root).
     * SubPathExpr and SubPath are mutually exclusive.
     *
     * @default volume's root).
     * @schema PostgresqlSpecInitContainersVolumeMounts#subPathExpr
     */
    readonly subPathExpr?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersVolumeMounts' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersVolumeMounts(obj: PostgresqlSpecInitContainersVolumeMounts | undefined): Record<string, any> | undefined;
/**
 * Exec specifies a command to execute in the container.
 *
 * @schema PostgresqlSpecLivenessProbeExec
 */
export interface PostgresqlSpecLivenessProbeExec {
    /**
     * Command is the command line to execute inside the container, the working directory for the
     * command  is root ('/') in the container's filesystem. The command is simply exec'd, it is
     * not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use
     * a shell, you need to explicitly call out to that shell.
     * Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
     *
     * @schema PostgresqlSpecLivenessProbeExec#command
     */
    readonly command?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecLivenessProbeExec' to JSON representation.
 */
export declare function toJson_PostgresqlSpecLivenessProbeExec(obj: PostgresqlSpecLivenessProbeExec | undefined): Record<string, any> | undefined;
/**
 * GRPC specifies a GRPC HealthCheckRequest.
 *
 * @schema PostgresqlSpecLivenessProbeGrpc
 */
export interface PostgresqlSpecLivenessProbeGrpc {
    /**
     * Port number of the gRPC service. Number must be in the range 1 to 65535.
     *
     * @schema PostgresqlSpecLivenessProbeGrpc#port
     */
    readonly port: number;
    /**
     * Service is the name of the service to place in the gRPC HealthCheckRequest
     * (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
     *
     * If this is not specified, the default behavior is defined by gRPC.
     *
     * @schema PostgresqlSpecLivenessProbeGrpc#service
     */
    readonly service?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecLivenessProbeGrpc' to JSON representation.
 */
export declare function toJson_PostgresqlSpecLivenessProbeGrpc(obj: PostgresqlSpecLivenessProbeGrpc | undefined): Record<string, any> | undefined;
/**
 * HTTPGet specifies an HTTP GET request to perform.
 *
 * @schema PostgresqlSpecLivenessProbeHttpGet
 */
export interface PostgresqlSpecLivenessProbeHttpGet {
    /**
     * Host name to connect to, defaults to the pod IP. You probably want to set
     * "Host" in httpHeaders instead.
     *
     * @schema PostgresqlSpecLivenessProbeHttpGet#host
     */
    readonly host?: string;
    /**
     * Custom headers to set in the request. HTTP allows repeated headers.
     *
     * @schema PostgresqlSpecLivenessProbeHttpGet#httpHeaders
     */
    readonly httpHeaders?: PostgresqlSpecLivenessProbeHttpGetHttpHeaders[];
    /**
     * Path to access on the HTTP server.
     *
     * @schema PostgresqlSpecLivenessProbeHttpGet#path
     */
    readonly path?: string;
    /**
     * Name or number of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecLivenessProbeHttpGet#port
     */
    readonly port: PostgresqlSpecLivenessProbeHttpGetPort;
    /**
     * Scheme to use for connecting to the host.
     * Defaults to HTTP.
     *
     * @default HTTP.
     * @schema PostgresqlSpecLivenessProbeHttpGet#scheme
     */
    readonly scheme?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecLivenessProbeHttpGet' to JSON representation.
 */
export declare function toJson_PostgresqlSpecLivenessProbeHttpGet(obj: PostgresqlSpecLivenessProbeHttpGet | undefined): Record<string, any> | undefined;
/**
 * TCPSocket specifies a connection to a TCP port.
 *
 * @schema PostgresqlSpecLivenessProbeTcpSocket
 */
export interface PostgresqlSpecLivenessProbeTcpSocket {
    /**
     * Optional: Host name to connect to, defaults to the pod IP.
     *
     * @schema PostgresqlSpecLivenessProbeTcpSocket#host
     */
    readonly host?: string;
    /**
     * Number or name of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecLivenessProbeTcpSocket#port
     */
    readonly port: PostgresqlSpecLivenessProbeTcpSocketPort;
}
/**
 * Converts an object of type 'PostgresqlSpecLivenessProbeTcpSocket' to JSON representation.
 */
export declare function toJson_PostgresqlSpecLivenessProbeTcpSocket(obj: PostgresqlSpecLivenessProbeTcpSocket | undefined): Record<string, any> | undefined;
/**
 * An empty preferred scheduling term matches all objects with implicit weight 0
 * (i.e. it's a no-op). A null preferred scheduling term matches no objects (i.e. is also a no-op).
 *
 * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution
 */
export interface PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution {
    /**
     * A node selector term, associated with the corresponding weight.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution#preference
     */
    readonly preference: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference;
    /**
     * Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution#weight
     */
    readonly weight: number;
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution(obj: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution | undefined): Record<string, any> | undefined;
/**
 * If the affinity requirements specified by this field are not met at
 * scheduling time, the pod will not be scheduled onto the node.
 * If the affinity requirements specified by this field cease to be met
 * at some point during pod execution (e.g. due to an update), the system
 * may or may not try to eventually evict the pod from its node.
 *
 * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution
 */
export interface PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution {
    /**
     * Required. A list of node selector terms. The terms are ORed.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution#nodeSelectorTerms
     */
    readonly nodeSelectorTerms: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms[];
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution(obj: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution | undefined): Record<string, any> | undefined;
/**
 * @schema PostgresqlSpecPostgresqlVersion
 */
export declare enum PostgresqlSpecPostgresqlVersion {
    /** 14 */
    VALUE_14 = "14",
    /** 15 */
    VALUE_15 = "15",
    /** 16 */
    VALUE_16 = "16",
    /** 17 */
    VALUE_17 = "17",
    /** 18 */
    VALUE_18 = "18"
}
/**
 * PreparedSchema describes elements to be bootstrapped per schema
 *
 * @schema PostgresqlSpecPreparedDatabasesSchemas
 */
export interface PostgresqlSpecPreparedDatabasesSchemas {
    /**
     * @schema PostgresqlSpecPreparedDatabasesSchemas#defaultRoles
     */
    readonly defaultRoles?: boolean;
    /**
     * @schema PostgresqlSpecPreparedDatabasesSchemas#defaultUsers
     */
    readonly defaultUsers?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecPreparedDatabasesSchemas' to JSON representation.
 */
export declare function toJson_PostgresqlSpecPreparedDatabasesSchemas(obj: PostgresqlSpecPreparedDatabasesSchemas | undefined): Record<string, any> | undefined;
/**
 * ResourceDescription describes CPU and memory resources defined for a cluster.
 *
 * @schema PostgresqlSpecResourcesLimits
 */
export interface PostgresqlSpecResourcesLimits {
    /**
     * Decimal natural followed by m, or decimal natural followed by
     * dot followed by up to three decimal digits.
     *
     * This is because the Kubernetes CPU resource has millis as the
     * maximum precision.  The actual values are checked in code
     * because the regular expression would be huge and horrible and
     * not very helpful in validation error messages; this one checks
     * only the format of the given number.
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-cpu
     *
     * Note: the value specified here must not be zero or be lower
     * than the corresponding request.
     *
     * @schema PostgresqlSpecResourcesLimits#cpu
     */
    readonly cpu?: string;
    /**
     * @schema PostgresqlSpecResourcesLimits#hugepages-1Gi
     */
    readonly hugepages1Gi?: string;
    /**
     * @schema PostgresqlSpecResourcesLimits#hugepages-2Mi
     */
    readonly hugepages2Mi?: string;
    /**
     * You can express memory as a plain integer or as a fixed-point
     * integer using one of these suffixes: E, P, T, G, M, k. You can
     * also use the power-of-two equivalents: Ei, Pi, Ti, Gi, Mi, Ki
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-memory
     *
     * Note: the value specified here must not be zero or be higher
     * than the corresponding limit.
     *
     * @schema PostgresqlSpecResourcesLimits#memory
     */
    readonly memory?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecResourcesLimits' to JSON representation.
 */
export declare function toJson_PostgresqlSpecResourcesLimits(obj: PostgresqlSpecResourcesLimits | undefined): Record<string, any> | undefined;
/**
 * ResourceDescription describes CPU and memory resources defined for a cluster.
 *
 * @schema PostgresqlSpecResourcesRequests
 */
export interface PostgresqlSpecResourcesRequests {
    /**
     * Decimal natural followed by m, or decimal natural followed by
     * dot followed by up to three decimal digits.
     *
     * This is because the Kubernetes CPU resource has millis as the
     * maximum precision.  The actual values are checked in code
     * because the regular expression would be huge and horrible and
     * not very helpful in validation error messages; this one checks
     * only the format of the given number.
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-cpu
     *
     * Note: the value specified here must not be zero or be lower
     * than the corresponding request.
     *
     * @schema PostgresqlSpecResourcesRequests#cpu
     */
    readonly cpu?: string;
    /**
     * @schema PostgresqlSpecResourcesRequests#hugepages-1Gi
     */
    readonly hugepages1Gi?: string;
    /**
     * @schema PostgresqlSpecResourcesRequests#hugepages-2Mi
     */
    readonly hugepages2Mi?: string;
    /**
     * You can express memory as a plain integer or as a fixed-point
     * integer using one of these suffixes: E, P, T, G, M, k. You can
     * also use the power-of-two equivalents: Ei, Pi, Ti, Gi, Mi, Ki
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-memory
     *
     * Note: the value specified here must not be zero or be higher
     * than the corresponding limit.
     *
     * @schema PostgresqlSpecResourcesRequests#memory
     */
    readonly memory?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecResourcesRequests' to JSON representation.
 */
export declare function toJson_PostgresqlSpecResourcesRequests(obj: PostgresqlSpecResourcesRequests | undefined): Record<string, any> | undefined;
/**
 * EnvVar represents an environment variable present in a Container.
 *
 * @schema PostgresqlSpecSidecarsEnv
 */
export interface PostgresqlSpecSidecarsEnv {
    /**
     * Name of the environment variable.
     * May consist of any printable ASCII characters except '='.
     *
     * @schema PostgresqlSpecSidecarsEnv#name
     */
    readonly name: string;
    /**
     * Variable references $(VAR_NAME) are expanded
     * using the previously defined environment variables in the container and
     * any service environment variables. If a variable cannot be resolved,
     * the reference in the input string will be unchanged. Double $$ are reduced
     * to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e.
     * "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)".
     * Escaped references will never be expanded, regardless of whether the variable
     * exists or not.
     * Defaults to "".
     *
     * @default .
     * @schema PostgresqlSpecSidecarsEnv#value
     */
    readonly value?: string;
    /**
     * Source for the environment variable's value. Cannot be used if value is not empty.
     *
     * @schema PostgresqlSpecSidecarsEnv#valueFrom
     */
    readonly valueFrom?: PostgresqlSpecSidecarsEnvValueFrom;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsEnv' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsEnv(obj: PostgresqlSpecSidecarsEnv | undefined): Record<string, any> | undefined;
/**
 * ContainerPort represents a network port in a single container.
 *
 * @schema PostgresqlSpecSidecarsPorts
 */
export interface PostgresqlSpecSidecarsPorts {
    /**
     * Number of port to expose on the pod's IP address.
     * This must be a valid port number, 0 < x < 65536.
     *
     * @schema PostgresqlSpecSidecarsPorts#containerPort
     */
    readonly containerPort: number;
    /**
     * What host IP to bind the external port to.
     *
     * @schema PostgresqlSpecSidecarsPorts#hostIP
     */
    readonly hostIp?: string;
    /**
     * Number of port to expose on the host.
     * If specified, this must be a valid port number, 0 < x < 65536.
     * If HostNetwork is specified, this must match ContainerPort.
     * Most containers do not need this.
     *
     * @schema PostgresqlSpecSidecarsPorts#hostPort
     */
    readonly hostPort?: number;
    /**
     * If specified, this must be an IANA_SVC_NAME and unique within the pod. Each
     * named port in a pod must have a unique name. Name for the port that can be
     * referred to by services.
     *
     * @schema PostgresqlSpecSidecarsPorts#name
     */
    readonly name?: string;
    /**
     * Protocol for port. Must be UDP, TCP, or SCTP.
     * Defaults to "TCP".
     *
     * @default TCP".
     * @schema PostgresqlSpecSidecarsPorts#protocol
     */
    readonly protocol?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsPorts' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsPorts(obj: PostgresqlSpecSidecarsPorts | undefined): Record<string, any> | undefined;
/**
 * Resources describes requests and limits for the cluster resouces.
 *
 * @schema PostgresqlSpecSidecarsResources
 */
export interface PostgresqlSpecSidecarsResources {
    /**
     * ResourceDescription describes CPU and memory resources defined for a cluster.
     *
     * @schema PostgresqlSpecSidecarsResources#limits
     */
    readonly limits?: PostgresqlSpecSidecarsResourcesLimits;
    /**
     * ResourceDescription describes CPU and memory resources defined for a cluster.
     *
     * @schema PostgresqlSpecSidecarsResources#requests
     */
    readonly requests?: PostgresqlSpecSidecarsResourcesRequests;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsResources' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsResources(obj: PostgresqlSpecSidecarsResources | undefined): Record<string, any> | undefined;
/**
 * StreamTable defines properties of outbox tables for FabricEventStreams
 *
 * @schema PostgresqlSpecStreamsTables
 */
export interface PostgresqlSpecStreamsTables {
    /**
     * @schema PostgresqlSpecStreamsTables#eventType
     */
    readonly eventType: string;
    /**
     * @schema PostgresqlSpecStreamsTables#idColumn
     */
    readonly idColumn?: string;
    /**
     * @schema PostgresqlSpecStreamsTables#ignoreRecovery
     */
    readonly ignoreRecovery?: boolean;
    /**
     * @schema PostgresqlSpecStreamsTables#payloadColumn
     */
    readonly payloadColumn?: string;
    /**
     * @schema PostgresqlSpecStreamsTables#recoveryEventType
     */
    readonly recoveryEventType?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecStreamsTables' to JSON representation.
 */
export declare function toJson_PostgresqlSpecStreamsTables(obj: PostgresqlSpecStreamsTables | undefined): Record<string, any> | undefined;
/**
 * LabelSelector is used to find matching pods.
 * Pods that match this label selector are counted to determine the number of pods
 * in their corresponding topology domain.
 *
 * @schema PostgresqlSpecTopologySpreadConstraintsLabelSelector
 */
export interface PostgresqlSpecTopologySpreadConstraintsLabelSelector {
    /**
     * matchExpressions is a list of label selector requirements. The requirements are ANDed.
     *
     * @schema PostgresqlSpecTopologySpreadConstraintsLabelSelector#matchExpressions
     */
    readonly matchExpressions?: PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions[];
    /**
     * matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels
     * map is equivalent to an element of matchExpressions, whose key field is "key", the
     * operator is "In", and the values array contains only "value". The requirements are ANDed.
     *
     * @schema PostgresqlSpecTopologySpreadConstraintsLabelSelector#matchLabels
     */
    readonly matchLabels?: {
        [key: string]: string;
    };
}
/**
 * Converts an object of type 'PostgresqlSpecTopologySpreadConstraintsLabelSelector' to JSON representation.
 */
export declare function toJson_PostgresqlSpecTopologySpreadConstraintsLabelSelector(obj: PostgresqlSpecTopologySpreadConstraintsLabelSelector | undefined): Record<string, any> | undefined;
/**
 * A label selector is a label query over a set of resources. The result of matchLabels and
 * matchExpressions are ANDed. An empty label selector matches all objects. A null
 * label selector matches no objects.
 *
 * @schema PostgresqlSpecVolumeSelector
 */
export interface PostgresqlSpecVolumeSelector {
    /**
     * matchExpressions is a list of label selector requirements. The requirements are ANDed.
     *
     * @schema PostgresqlSpecVolumeSelector#matchExpressions
     */
    readonly matchExpressions?: PostgresqlSpecVolumeSelectorMatchExpressions[];
    /**
     * matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels
     * map is equivalent to an element of matchExpressions, whose key field is "key", the
     * operator is "In", and the values array contains only "value". The requirements are ANDed.
     *
     * @schema PostgresqlSpecVolumeSelector#matchLabels
     */
    readonly matchLabels?: {
        [key: string]: string;
    };
}
/**
 * Converts an object of type 'PostgresqlSpecVolumeSelector' to JSON representation.
 */
export declare function toJson_PostgresqlSpecVolumeSelector(obj: PostgresqlSpecVolumeSelector | undefined): Record<string, any> | undefined;
/**
 * ResourceDescription describes CPU and memory resources defined for a cluster.
 *
 * @schema PostgresqlSpecConnectionPoolerResourcesLimits
 */
export interface PostgresqlSpecConnectionPoolerResourcesLimits {
    /**
     * Decimal natural followed by m, or decimal natural followed by
     * dot followed by up to three decimal digits.
     *
     * This is because the Kubernetes CPU resource has millis as the
     * maximum precision.  The actual values are checked in code
     * because the regular expression would be huge and horrible and
     * not very helpful in validation error messages; this one checks
     * only the format of the given number.
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-cpu
     *
     * Note: the value specified here must not be zero or be lower
     * than the corresponding request.
     *
     * @schema PostgresqlSpecConnectionPoolerResourcesLimits#cpu
     */
    readonly cpu?: string;
    /**
     * @schema PostgresqlSpecConnectionPoolerResourcesLimits#hugepages-1Gi
     */
    readonly hugepages1Gi?: string;
    /**
     * @schema PostgresqlSpecConnectionPoolerResourcesLimits#hugepages-2Mi
     */
    readonly hugepages2Mi?: string;
    /**
     * You can express memory as a plain integer or as a fixed-point
     * integer using one of these suffixes: E, P, T, G, M, k. You can
     * also use the power-of-two equivalents: Ei, Pi, Ti, Gi, Mi, Ki
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-memory
     *
     * Note: the value specified here must not be zero or be higher
     * than the corresponding limit.
     *
     * @schema PostgresqlSpecConnectionPoolerResourcesLimits#memory
     */
    readonly memory?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecConnectionPoolerResourcesLimits' to JSON representation.
 */
export declare function toJson_PostgresqlSpecConnectionPoolerResourcesLimits(obj: PostgresqlSpecConnectionPoolerResourcesLimits | undefined): Record<string, any> | undefined;
/**
 * ResourceDescription describes CPU and memory resources defined for a cluster.
 *
 * @schema PostgresqlSpecConnectionPoolerResourcesRequests
 */
export interface PostgresqlSpecConnectionPoolerResourcesRequests {
    /**
     * Decimal natural followed by m, or decimal natural followed by
     * dot followed by up to three decimal digits.
     *
     * This is because the Kubernetes CPU resource has millis as the
     * maximum precision.  The actual values are checked in code
     * because the regular expression would be huge and horrible and
     * not very helpful in validation error messages; this one checks
     * only the format of the given number.
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-cpu
     *
     * Note: the value specified here must not be zero or be lower
     * than the corresponding request.
     *
     * @schema PostgresqlSpecConnectionPoolerResourcesRequests#cpu
     */
    readonly cpu?: string;
    /**
     * @schema PostgresqlSpecConnectionPoolerResourcesRequests#hugepages-1Gi
     */
    readonly hugepages1Gi?: string;
    /**
     * @schema PostgresqlSpecConnectionPoolerResourcesRequests#hugepages-2Mi
     */
    readonly hugepages2Mi?: string;
    /**
     * You can express memory as a plain integer or as a fixed-point
     * integer using one of these suffixes: E, P, T, G, M, k. You can
     * also use the power-of-two equivalents: Ei, Pi, Ti, Gi, Mi, Ki
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-memory
     *
     * Note: the value specified here must not be zero or be higher
     * than the corresponding limit.
     *
     * @schema PostgresqlSpecConnectionPoolerResourcesRequests#memory
     */
    readonly memory?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecConnectionPoolerResourcesRequests' to JSON representation.
 */
export declare function toJson_PostgresqlSpecConnectionPoolerResourcesRequests(obj: PostgresqlSpecConnectionPoolerResourcesRequests | undefined): Record<string, any> | undefined;
/**
 * Selects a key of a ConfigMap.
 *
 * @schema PostgresqlSpecEnvValueFromConfigMapKeyRef
 */
export interface PostgresqlSpecEnvValueFromConfigMapKeyRef {
    /**
     * The key to select.
     *
     * @schema PostgresqlSpecEnvValueFromConfigMapKeyRef#key
     */
    readonly key: string;
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecEnvValueFromConfigMapKeyRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the ConfigMap or its key must be defined
     *
     * @schema PostgresqlSpecEnvValueFromConfigMapKeyRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvValueFromConfigMapKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvValueFromConfigMapKeyRef(obj: PostgresqlSpecEnvValueFromConfigMapKeyRef | undefined): Record<string, any> | undefined;
/**
 * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`,
 * spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
 *
 * @schema PostgresqlSpecEnvValueFromFieldRef
 */
export interface PostgresqlSpecEnvValueFromFieldRef {
    /**
     * Version of the schema the FieldPath is written in terms of, defaults to "v1".
     *
     * @schema PostgresqlSpecEnvValueFromFieldRef#apiVersion
     */
    readonly apiVersion?: string;
    /**
     * Path of the field to select in the specified API version.
     *
     * @schema PostgresqlSpecEnvValueFromFieldRef#fieldPath
     */
    readonly fieldPath: string;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvValueFromFieldRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvValueFromFieldRef(obj: PostgresqlSpecEnvValueFromFieldRef | undefined): Record<string, any> | undefined;
/**
 * FileKeyRef selects a key of the env file.
 * Requires the EnvFiles feature gate to be enabled.
 *
 * @schema PostgresqlSpecEnvValueFromFileKeyRef
 */
export interface PostgresqlSpecEnvValueFromFileKeyRef {
    /**
     * The key within the env file. An invalid key will prevent the pod from starting.
     * The keys defined within a source may consist of any printable ASCII characters except '='.
     * During Alpha stage of the EnvFiles feature gate, the key size is limited to 128 characters.
     *
     * @schema PostgresqlSpecEnvValueFromFileKeyRef#key
     */
    readonly key: string;
    /**
     * Specify whether the file or its key must be defined. If the file or key
     * does not exist, then the env var is not published.
     * If optional is set to true and the specified key does not exist,
     * the environment variable will not be set in the Pod's containers.
     *
     * If optional is set to false and the specified key does not exist,
     * an error will be returned during Pod creation.
     *
     * @schema PostgresqlSpecEnvValueFromFileKeyRef#optional
     */
    readonly optional?: boolean;
    /**
     * The path within the volume from which to select the file.
     * Must be relative and may not contain the '..' path or start with '..'.
     *
     * @schema PostgresqlSpecEnvValueFromFileKeyRef#path
     */
    readonly path: string;
    /**
     * The name of the volume mount containing the env file.
     *
     * @schema PostgresqlSpecEnvValueFromFileKeyRef#volumeName
     */
    readonly volumeName: string;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvValueFromFileKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvValueFromFileKeyRef(obj: PostgresqlSpecEnvValueFromFileKeyRef | undefined): Record<string, any> | undefined;
/**
 * Selects a resource of the container: only resources limits and requests
 * (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
 *
 * @schema PostgresqlSpecEnvValueFromResourceFieldRef
 */
export interface PostgresqlSpecEnvValueFromResourceFieldRef {
    /**
     * Container name: required for volumes, optional for env vars
     *
     * @schema PostgresqlSpecEnvValueFromResourceFieldRef#containerName
     */
    readonly containerName?: string;
    /**
     * Specifies the output format of the exposed resources, defaults to "1"
     *
     * @schema PostgresqlSpecEnvValueFromResourceFieldRef#divisor
     */
    readonly divisor?: PostgresqlSpecEnvValueFromResourceFieldRefDivisor;
    /**
     * Required: resource to select
     *
     * @schema PostgresqlSpecEnvValueFromResourceFieldRef#resource
     */
    readonly resource: string;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvValueFromResourceFieldRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvValueFromResourceFieldRef(obj: PostgresqlSpecEnvValueFromResourceFieldRef | undefined): Record<string, any> | undefined;
/**
 * Selects a key of a secret in the pod's namespace
 *
 * @schema PostgresqlSpecEnvValueFromSecretKeyRef
 */
export interface PostgresqlSpecEnvValueFromSecretKeyRef {
    /**
     * The key of the secret to select from.  Must be a valid secret key.
     *
     * @schema PostgresqlSpecEnvValueFromSecretKeyRef#key
     */
    readonly key: string;
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecEnvValueFromSecretKeyRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the Secret or its key must be defined
     *
     * @schema PostgresqlSpecEnvValueFromSecretKeyRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecEnvValueFromSecretKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecEnvValueFromSecretKeyRef(obj: PostgresqlSpecEnvValueFromSecretKeyRef | undefined): Record<string, any> | undefined;
/**
 * Source for the environment variable's value. Cannot be used if value is not empty.
 *
 * @schema PostgresqlSpecInitContainersEnvValueFrom
 */
export interface PostgresqlSpecInitContainersEnvValueFrom {
    /**
     * Selects a key of a ConfigMap.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFrom#configMapKeyRef
     */
    readonly configMapKeyRef?: PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef;
    /**
     * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`,
     * spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFrom#fieldRef
     */
    readonly fieldRef?: PostgresqlSpecInitContainersEnvValueFromFieldRef;
    /**
     * FileKeyRef selects a key of the env file.
     * Requires the EnvFiles feature gate to be enabled.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFrom#fileKeyRef
     */
    readonly fileKeyRef?: PostgresqlSpecInitContainersEnvValueFromFileKeyRef;
    /**
     * Selects a resource of the container: only resources limits and requests
     * (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFrom#resourceFieldRef
     */
    readonly resourceFieldRef?: PostgresqlSpecInitContainersEnvValueFromResourceFieldRef;
    /**
     * Selects a key of a secret in the pod's namespace
     *
     * @schema PostgresqlSpecInitContainersEnvValueFrom#secretKeyRef
     */
    readonly secretKeyRef?: PostgresqlSpecInitContainersEnvValueFromSecretKeyRef;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvValueFrom' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvValueFrom(obj: PostgresqlSpecInitContainersEnvValueFrom | undefined): Record<string, any> | undefined;
/**
 * The ConfigMap to select from
 *
 * @schema PostgresqlSpecInitContainersEnvFromConfigMapRef
 */
export interface PostgresqlSpecInitContainersEnvFromConfigMapRef {
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecInitContainersEnvFromConfigMapRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the ConfigMap must be defined
     *
     * @schema PostgresqlSpecInitContainersEnvFromConfigMapRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvFromConfigMapRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvFromConfigMapRef(obj: PostgresqlSpecInitContainersEnvFromConfigMapRef | undefined): Record<string, any> | undefined;
/**
 * The Secret to select from
 *
 * @schema PostgresqlSpecInitContainersEnvFromSecretRef
 */
export interface PostgresqlSpecInitContainersEnvFromSecretRef {
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecInitContainersEnvFromSecretRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the Secret must be defined
     *
     * @schema PostgresqlSpecInitContainersEnvFromSecretRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvFromSecretRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvFromSecretRef(obj: PostgresqlSpecInitContainersEnvFromSecretRef | undefined): Record<string, any> | undefined;
/**
 * PostStart is called immediately after a container is created. If the handler fails,
 * the container is terminated and restarted according to its restart policy.
 * Other management of the container blocks until the hook completes.
 * More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStart
 */
export interface PostgresqlSpecInitContainersLifecyclePostStart {
    /**
     * Exec specifies a command to execute in the container.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStart#exec
     */
    readonly exec?: PostgresqlSpecInitContainersLifecyclePostStartExec;
    /**
     * HTTPGet specifies an HTTP GET request to perform.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStart#httpGet
     */
    readonly httpGet?: PostgresqlSpecInitContainersLifecyclePostStartHttpGet;
    /**
     * Sleep represents a duration that the container should sleep.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStart#sleep
     */
    readonly sleep?: PostgresqlSpecInitContainersLifecyclePostStartSleep;
    /**
     * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept
     * for backward compatibility. There is no validation of this field and
     * lifecycle hooks will fail at runtime when it is specified.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStart#tcpSocket
     */
    readonly tcpSocket?: PostgresqlSpecInitContainersLifecyclePostStartTcpSocket;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePostStart' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePostStart(obj: PostgresqlSpecInitContainersLifecyclePostStart | undefined): Record<string, any> | undefined;
/**
 * PreStop is called immediately before a container is terminated due to an
 * API request or management event such as liveness/startup probe failure,
 * preemption, resource contention, etc. The handler is not called if the
 * container crashes or exits. The Pod's termination grace period countdown begins before the
 * PreStop hook is executed. Regardless of the outcome of the handler, the
 * container will eventually terminate within the Pod's termination grace
 * period (unless delayed by finalizers). Other management of the container blocks until the hook completes
 * or until the termination grace period is reached.
 * More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStop
 */
export interface PostgresqlSpecInitContainersLifecyclePreStop {
    /**
     * Exec specifies a command to execute in the container.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStop#exec
     */
    readonly exec?: PostgresqlSpecInitContainersLifecyclePreStopExec;
    /**
     * HTTPGet specifies an HTTP GET request to perform.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStop#httpGet
     */
    readonly httpGet?: PostgresqlSpecInitContainersLifecyclePreStopHttpGet;
    /**
     * Sleep represents a duration that the container should sleep.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStop#sleep
     */
    readonly sleep?: PostgresqlSpecInitContainersLifecyclePreStopSleep;
    /**
     * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept
     * for backward compatibility. There is no validation of this field and
     * lifecycle hooks will fail at runtime when it is specified.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStop#tcpSocket
     */
    readonly tcpSocket?: PostgresqlSpecInitContainersLifecyclePreStopTcpSocket;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePreStop' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePreStop(obj: PostgresqlSpecInitContainersLifecyclePreStop | undefined): Record<string, any> | undefined;
/**
 * Exec specifies a command to execute in the container.
 *
 * @schema PostgresqlSpecInitContainersLivenessProbeExec
 */
export interface PostgresqlSpecInitContainersLivenessProbeExec {
    /**
     * Command is the command line to execute inside the container, the working directory for the
     * command  is root ('/') in the container's filesystem. The command is simply exec'd, it is
     * not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use
     * a shell, you need to explicitly call out to that shell.
     * Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeExec#command
     */
    readonly command?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLivenessProbeExec' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLivenessProbeExec(obj: PostgresqlSpecInitContainersLivenessProbeExec | undefined): Record<string, any> | undefined;
/**
 * GRPC specifies a GRPC HealthCheckRequest.
 *
 * @schema PostgresqlSpecInitContainersLivenessProbeGrpc
 */
export interface PostgresqlSpecInitContainersLivenessProbeGrpc {
    /**
     * Port number of the gRPC service. Number must be in the range 1 to 65535.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeGrpc#port
     */
    readonly port: number;
    /**
     * Service is the name of the service to place in the gRPC HealthCheckRequest
     * (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
     *
     * If this is not specified, the default behavior is defined by gRPC.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeGrpc#service
     */
    readonly service?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLivenessProbeGrpc' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLivenessProbeGrpc(obj: PostgresqlSpecInitContainersLivenessProbeGrpc | undefined): Record<string, any> | undefined;
/**
 * HTTPGet specifies an HTTP GET request to perform.
 *
 * @schema PostgresqlSpecInitContainersLivenessProbeHttpGet
 */
export interface PostgresqlSpecInitContainersLivenessProbeHttpGet {
    /**
     * Host name to connect to, defaults to the pod IP. You probably want to set
     * "Host" in httpHeaders instead.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeHttpGet#host
     */
    readonly host?: string;
    /**
     * Custom headers to set in the request. HTTP allows repeated headers.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeHttpGet#httpHeaders
     */
    readonly httpHeaders?: PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders[];
    /**
     * Path to access on the HTTP server.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeHttpGet#path
     */
    readonly path?: string;
    /**
     * Name or number of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeHttpGet#port
     */
    readonly port: PostgresqlSpecInitContainersLivenessProbeHttpGetPort;
    /**
     * Scheme to use for connecting to the host.
     * Defaults to HTTP.
     *
     * @default HTTP.
     * @schema PostgresqlSpecInitContainersLivenessProbeHttpGet#scheme
     */
    readonly scheme?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLivenessProbeHttpGet' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLivenessProbeHttpGet(obj: PostgresqlSpecInitContainersLivenessProbeHttpGet | undefined): Record<string, any> | undefined;
/**
 * TCPSocket specifies a connection to a TCP port.
 *
 * @schema PostgresqlSpecInitContainersLivenessProbeTcpSocket
 */
export interface PostgresqlSpecInitContainersLivenessProbeTcpSocket {
    /**
     * Optional: Host name to connect to, defaults to the pod IP.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeTcpSocket#host
     */
    readonly host?: string;
    /**
     * Number or name of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeTcpSocket#port
     */
    readonly port: PostgresqlSpecInitContainersLivenessProbeTcpSocketPort;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLivenessProbeTcpSocket' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLivenessProbeTcpSocket(obj: PostgresqlSpecInitContainersLivenessProbeTcpSocket | undefined): Record<string, any> | undefined;
/**
 * Exec specifies a command to execute in the container.
 *
 * @schema PostgresqlSpecInitContainersReadinessProbeExec
 */
export interface PostgresqlSpecInitContainersReadinessProbeExec {
    /**
     * Command is the command line to execute inside the container, the working directory for the
     * command  is root ('/') in the container's filesystem. The command is simply exec'd, it is
     * not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use
     * a shell, you need to explicitly call out to that shell.
     * Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeExec#command
     */
    readonly command?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersReadinessProbeExec' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersReadinessProbeExec(obj: PostgresqlSpecInitContainersReadinessProbeExec | undefined): Record<string, any> | undefined;
/**
 * GRPC specifies a GRPC HealthCheckRequest.
 *
 * @schema PostgresqlSpecInitContainersReadinessProbeGrpc
 */
export interface PostgresqlSpecInitContainersReadinessProbeGrpc {
    /**
     * Port number of the gRPC service. Number must be in the range 1 to 65535.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeGrpc#port
     */
    readonly port: number;
    /**
     * Service is the name of the service to place in the gRPC HealthCheckRequest
     * (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
     *
     * If this is not specified, the default behavior is defined by gRPC.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeGrpc#service
     */
    readonly service?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersReadinessProbeGrpc' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersReadinessProbeGrpc(obj: PostgresqlSpecInitContainersReadinessProbeGrpc | undefined): Record<string, any> | undefined;
/**
 * HTTPGet specifies an HTTP GET request to perform.
 *
 * @schema PostgresqlSpecInitContainersReadinessProbeHttpGet
 */
export interface PostgresqlSpecInitContainersReadinessProbeHttpGet {
    /**
     * Host name to connect to, defaults to the pod IP. You probably want to set
     * "Host" in httpHeaders instead.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeHttpGet#host
     */
    readonly host?: string;
    /**
     * Custom headers to set in the request. HTTP allows repeated headers.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeHttpGet#httpHeaders
     */
    readonly httpHeaders?: PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders[];
    /**
     * Path to access on the HTTP server.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeHttpGet#path
     */
    readonly path?: string;
    /**
     * Name or number of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeHttpGet#port
     */
    readonly port: PostgresqlSpecInitContainersReadinessProbeHttpGetPort;
    /**
     * Scheme to use for connecting to the host.
     * Defaults to HTTP.
     *
     * @default HTTP.
     * @schema PostgresqlSpecInitContainersReadinessProbeHttpGet#scheme
     */
    readonly scheme?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersReadinessProbeHttpGet' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersReadinessProbeHttpGet(obj: PostgresqlSpecInitContainersReadinessProbeHttpGet | undefined): Record<string, any> | undefined;
/**
 * TCPSocket specifies a connection to a TCP port.
 *
 * @schema PostgresqlSpecInitContainersReadinessProbeTcpSocket
 */
export interface PostgresqlSpecInitContainersReadinessProbeTcpSocket {
    /**
     * Optional: Host name to connect to, defaults to the pod IP.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeTcpSocket#host
     */
    readonly host?: string;
    /**
     * Number or name of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeTcpSocket#port
     */
    readonly port: PostgresqlSpecInitContainersReadinessProbeTcpSocketPort;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersReadinessProbeTcpSocket' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersReadinessProbeTcpSocket(obj: PostgresqlSpecInitContainersReadinessProbeTcpSocket | undefined): Record<string, any> | undefined;
/**
 * ResourceClaim references one entry in PodSpec.ResourceClaims.
 *
 * @schema PostgresqlSpecInitContainersResourcesClaims
 */
export interface PostgresqlSpecInitContainersResourcesClaims {
    /**
     * Name must match the name of one entry in pod.spec.resourceClaims of
     * the Pod where this field is used. It makes that resource available
     * inside a container.
     *
     * @schema PostgresqlSpecInitContainersResourcesClaims#name
     */
    readonly name: string;
    /**
     * Request is the name chosen for a request in the referenced claim.
     * If empty, everything from the claim is made available, otherwise
     * only the result of this request.
     *
     * @schema PostgresqlSpecInitContainersResourcesClaims#request
     */
    readonly request?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersResourcesClaims' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersResourcesClaims(obj: PostgresqlSpecInitContainersResourcesClaims | undefined): Record<string, any> | undefined;
/**
 * @schema PostgresqlSpecInitContainersResourcesLimits
 */
export declare class PostgresqlSpecInitContainersResourcesLimits {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersResourcesLimits;
    static fromString(value: string): PostgresqlSpecInitContainersResourcesLimits;
    private constructor();
}
/**
 * @schema PostgresqlSpecInitContainersResourcesRequests
 */
export declare class PostgresqlSpecInitContainersResourcesRequests {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersResourcesRequests;
    static fromString(value: string): PostgresqlSpecInitContainersResourcesRequests;
    private constructor();
}
/**
 * Represents the exit codes to check on container exits.
 *
 * @schema PostgresqlSpecInitContainersRestartPolicyRulesExitCodes
 */
export interface PostgresqlSpecInitContainersRestartPolicyRulesExitCodes {
    /**
     * Represents the relationship between the container exit code(s) and the
     * specified values. Possible values are:
     * - In: the requirement is satisfied if the container exit code is in the
     * set of specified values.
     * - NotIn: the requirement is satisfied if the container exit code is
     * not in the set of specified values.
     *
     * @schema PostgresqlSpecInitContainersRestartPolicyRulesExitCodes#operator
     */
    readonly operator: string;
    /**
     * Specifies the set of values to check for container exit codes.
     * At most 255 elements are allowed.
     *
     * @schema PostgresqlSpecInitContainersRestartPolicyRulesExitCodes#values
     */
    readonly values?: number[];
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersRestartPolicyRulesExitCodes' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersRestartPolicyRulesExitCodes(obj: PostgresqlSpecInitContainersRestartPolicyRulesExitCodes | undefined): Record<string, any> | undefined;
/**
 * appArmorProfile is the AppArmor options to use by this container. If set, this profile
 * overrides the pod's appArmorProfile.
 * Note that this field cannot be set when spec.os.name is windows.
 *
 * @schema PostgresqlSpecInitContainersSecurityContextAppArmorProfile
 */
export interface PostgresqlSpecInitContainersSecurityContextAppArmorProfile {
    /**
     * localhostProfile indicates a profile loaded on the node that should be used.
     * The profile must be preconfigured on the node to work.
     * Must match the loaded name of the profile.
     * Must be set if and only if type is "Localhost".
     *
     * @schema PostgresqlSpecInitContainersSecurityContextAppArmorProfile#localhostProfile
     */
    readonly localhostProfile?: string;
    /**
     * type indicates which kind of AppArmor profile will be applied.
     * Valid options are:
     * Localhost - a profile pre-loaded on the node.
     * RuntimeDefault - the container runtime's default profile.
     * Unconfined - no AppArmor enforcement.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextAppArmorProfile#type
     */
    readonly type: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersSecurityContextAppArmorProfile' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersSecurityContextAppArmorProfile(obj: PostgresqlSpecInitContainersSecurityContextAppArmorProfile | undefined): Record<string, any> | undefined;
/**
 * The capabilities to add/drop when running containers.
 * Defaults to the default set of capabilities granted by the container runtime.
 * Note that this field cannot be set when spec.os.name is windows.
 *
 * @default the default set of capabilities granted by the container runtime.
 * @schema PostgresqlSpecInitContainersSecurityContextCapabilities
 */
export interface PostgresqlSpecInitContainersSecurityContextCapabilities {
    /**
     * Added capabilities
     *
     * @schema PostgresqlSpecInitContainersSecurityContextCapabilities#add
     */
    readonly add?: string[];
    /**
     * Removed capabilities
     *
     * @schema PostgresqlSpecInitContainersSecurityContextCapabilities#drop
     */
    readonly drop?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersSecurityContextCapabilities' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersSecurityContextCapabilities(obj: PostgresqlSpecInitContainersSecurityContextCapabilities | undefined): Record<string, any> | undefined;
/**
 * The SELinux context to be applied to the container.
 * If unspecified, the container runtime will allocate a random SELinux context for each
 * container.  May also be set in PodSecurityContext.  If set in both SecurityContext and
 * PodSecurityContext, the value specified in SecurityContext takes precedence.
 * Note that this field cannot be set when spec.os.name is windows.
 *
 * @schema PostgresqlSpecInitContainersSecurityContextSeLinuxOptions
 */
export interface PostgresqlSpecInitContainersSecurityContextSeLinuxOptions {
    /**
     * Level is SELinux level label that applies to the container.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextSeLinuxOptions#level
     */
    readonly level?: string;
    /**
     * Role is a SELinux role label that applies to the container.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextSeLinuxOptions#role
     */
    readonly role?: string;
    /**
     * Type is a SELinux type label that applies to the container.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextSeLinuxOptions#type
     */
    readonly type?: string;
    /**
     * User is a SELinux user label that applies to the container.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextSeLinuxOptions#user
     */
    readonly user?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersSecurityContextSeLinuxOptions' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersSecurityContextSeLinuxOptions(obj: PostgresqlSpecInitContainersSecurityContextSeLinuxOptions | undefined): Record<string, any> | undefined;
/**
 * The seccomp options to use by this container. If seccomp options are
 * provided at both the pod & container level, the container options
 * override the pod options.
 * Note that this field cannot be set when spec.os.name is windows.
 *
 * @schema PostgresqlSpecInitContainersSecurityContextSeccompProfile
 */
export interface PostgresqlSpecInitContainersSecurityContextSeccompProfile {
    /**
     * localhostProfile indicates a profile defined in a file on the node should be used.
     * The profile must be preconfigured on the node to work.
     * Must be a descending path, relative to the kubelet's configured seccomp profile location.
     * Must be set if type is "Localhost". Must NOT be set for any other type.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextSeccompProfile#localhostProfile
     */
    readonly localhostProfile?: string;
    /**
     * type indicates which kind of seccomp profile will be applied.
     * Valid options are:
     *
     * Localhost - a profile defined in a file on the node should be used.
     * RuntimeDefault - the container runtime default profile should be used.
     * Unconfined - no profile should be applied.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextSeccompProfile#type
     */
    readonly type: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersSecurityContextSeccompProfile' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersSecurityContextSeccompProfile(obj: PostgresqlSpecInitContainersSecurityContextSeccompProfile | undefined): Record<string, any> | undefined;
/**
 * The Windows specific settings applied to all containers.
 * If unspecified, the options from the PodSecurityContext will be used.
 * If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.
 * Note that this field cannot be set when spec.os.name is linux.
 *
 * @schema PostgresqlSpecInitContainersSecurityContextWindowsOptions
 */
export interface PostgresqlSpecInitContainersSecurityContextWindowsOptions {
    /**
     * GMSACredentialSpec is where the GMSA admission webhook
     * (https://github.com/kubernetes-sigs/windows-gmsa) inlines the contents of the
     * GMSA credential spec named by the GMSACredentialSpecName field.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextWindowsOptions#gmsaCredentialSpec
     */
    readonly gmsaCredentialSpec?: string;
    /**
     * GMSACredentialSpecName is the name of the GMSA credential spec to use.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextWindowsOptions#gmsaCredentialSpecName
     */
    readonly gmsaCredentialSpecName?: string;
    /**
     * HostProcess determines if a container should be run as a 'Host Process' container.
     * All of a Pod's containers must have the same effective HostProcess value
     * (it is not allowed to have a mix of HostProcess containers and non-HostProcess containers).
     * In addition, if HostProcess is true then HostNetwork must also be set to true.
     *
     * @schema PostgresqlSpecInitContainersSecurityContextWindowsOptions#hostProcess
     */
    readonly hostProcess?: boolean;
    /**
     * The UserName in Windows to run the entrypoint of the container process.
     * Defaults to the user specified in image metadata if unspecified.
     * May also be set in PodSecurityContext. If set in both SecurityContext and
     * PodSecurityContext, the value specified in SecurityContext takes precedence.
     *
     * @default the user specified in image metadata if unspecified.
     * @schema PostgresqlSpecInitContainersSecurityContextWindowsOptions#runAsUserName
     */
    readonly runAsUserName?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersSecurityContextWindowsOptions' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersSecurityContextWindowsOptions(obj: PostgresqlSpecInitContainersSecurityContextWindowsOptions | undefined): Record<string, any> | undefined;
/**
 * Exec specifies a command to execute in the container.
 *
 * @schema PostgresqlSpecInitContainersStartupProbeExec
 */
export interface PostgresqlSpecInitContainersStartupProbeExec {
    /**
     * Command is the command line to execute inside the container, the working directory for the
     * command  is root ('/') in the container's filesystem. The command is simply exec'd, it is
     * not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use
     * a shell, you need to explicitly call out to that shell.
     * Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeExec#command
     */
    readonly command?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersStartupProbeExec' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersStartupProbeExec(obj: PostgresqlSpecInitContainersStartupProbeExec | undefined): Record<string, any> | undefined;
/**
 * GRPC specifies a GRPC HealthCheckRequest.
 *
 * @schema PostgresqlSpecInitContainersStartupProbeGrpc
 */
export interface PostgresqlSpecInitContainersStartupProbeGrpc {
    /**
     * Port number of the gRPC service. Number must be in the range 1 to 65535.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeGrpc#port
     */
    readonly port: number;
    /**
     * Service is the name of the service to place in the gRPC HealthCheckRequest
     * (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
     *
     * If this is not specified, the default behavior is defined by gRPC.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeGrpc#service
     */
    readonly service?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersStartupProbeGrpc' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersStartupProbeGrpc(obj: PostgresqlSpecInitContainersStartupProbeGrpc | undefined): Record<string, any> | undefined;
/**
 * HTTPGet specifies an HTTP GET request to perform.
 *
 * @schema PostgresqlSpecInitContainersStartupProbeHttpGet
 */
export interface PostgresqlSpecInitContainersStartupProbeHttpGet {
    /**
     * Host name to connect to, defaults to the pod IP. You probably want to set
     * "Host" in httpHeaders instead.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeHttpGet#host
     */
    readonly host?: string;
    /**
     * Custom headers to set in the request. HTTP allows repeated headers.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeHttpGet#httpHeaders
     */
    readonly httpHeaders?: PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders[];
    /**
     * Path to access on the HTTP server.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeHttpGet#path
     */
    readonly path?: string;
    /**
     * Name or number of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeHttpGet#port
     */
    readonly port: PostgresqlSpecInitContainersStartupProbeHttpGetPort;
    /**
     * Scheme to use for connecting to the host.
     * Defaults to HTTP.
     *
     * @default HTTP.
     * @schema PostgresqlSpecInitContainersStartupProbeHttpGet#scheme
     */
    readonly scheme?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersStartupProbeHttpGet' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersStartupProbeHttpGet(obj: PostgresqlSpecInitContainersStartupProbeHttpGet | undefined): Record<string, any> | undefined;
/**
 * TCPSocket specifies a connection to a TCP port.
 *
 * @schema PostgresqlSpecInitContainersStartupProbeTcpSocket
 */
export interface PostgresqlSpecInitContainersStartupProbeTcpSocket {
    /**
     * Optional: Host name to connect to, defaults to the pod IP.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeTcpSocket#host
     */
    readonly host?: string;
    /**
     * Number or name of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeTcpSocket#port
     */
    readonly port: PostgresqlSpecInitContainersStartupProbeTcpSocketPort;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersStartupProbeTcpSocket' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersStartupProbeTcpSocket(obj: PostgresqlSpecInitContainersStartupProbeTcpSocket | undefined): Record<string, any> | undefined;
/**
 * HTTPHeader describes a custom header to be used in HTTP probes
 *
 * @schema PostgresqlSpecLivenessProbeHttpGetHttpHeaders
 */
export interface PostgresqlSpecLivenessProbeHttpGetHttpHeaders {
    /**
     * The header field name.
     * This will be canonicalized upon output, so case-variant names will be understood as the same header.
     *
     * @schema PostgresqlSpecLivenessProbeHttpGetHttpHeaders#name
     */
    readonly name: string;
    /**
     * The header field value
     *
     * @schema PostgresqlSpecLivenessProbeHttpGetHttpHeaders#value
     */
    readonly value: string;
}
/**
 * Converts an object of type 'PostgresqlSpecLivenessProbeHttpGetHttpHeaders' to JSON representation.
 */
export declare function toJson_PostgresqlSpecLivenessProbeHttpGetHttpHeaders(obj: PostgresqlSpecLivenessProbeHttpGetHttpHeaders | undefined): Record<string, any> | undefined;
/**
 * Name or number of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecLivenessProbeHttpGetPort
 */
export declare class PostgresqlSpecLivenessProbeHttpGetPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecLivenessProbeHttpGetPort;
    static fromString(value: string): PostgresqlSpecLivenessProbeHttpGetPort;
    private constructor();
}
/**
 * Number or name of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecLivenessProbeTcpSocketPort
 */
export declare class PostgresqlSpecLivenessProbeTcpSocketPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecLivenessProbeTcpSocketPort;
    static fromString(value: string): PostgresqlSpecLivenessProbeTcpSocketPort;
    private constructor();
}
/**
 * A node selector term, associated with the corresponding weight.
 *
 * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference
 */
export interface PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference {
    /**
     * A list of node selector requirements by node's labels.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference#matchExpressions
     */
    readonly matchExpressions?: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions[];
    /**
     * A list of node selector requirements by node's fields.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference#matchFields
     */
    readonly matchFields?: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields[];
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference(obj: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference | undefined): Record<string, any> | undefined;
/**
 * A null or empty node selector term matches no objects. The requirements of
 * them are ANDed.
 * The TopologySelectorTerm type implements a subset of the NodeSelectorTerm.
 *
 * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms
 */
export interface PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms {
    /**
     * A list of node selector requirements by node's labels.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms#matchExpressions
     */
    readonly matchExpressions?: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions[];
    /**
     * A list of node selector requirements by node's fields.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms#matchFields
     */
    readonly matchFields?: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields[];
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms(obj: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms | undefined): Record<string, any> | undefined;
/**
 * Source for the environment variable's value. Cannot be used if value is not empty.
 *
 * @schema PostgresqlSpecSidecarsEnvValueFrom
 */
export interface PostgresqlSpecSidecarsEnvValueFrom {
    /**
     * Selects a key of a ConfigMap.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFrom#configMapKeyRef
     */
    readonly configMapKeyRef?: PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef;
    /**
     * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`,
     * spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFrom#fieldRef
     */
    readonly fieldRef?: PostgresqlSpecSidecarsEnvValueFromFieldRef;
    /**
     * FileKeyRef selects a key of the env file.
     * Requires the EnvFiles feature gate to be enabled.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFrom#fileKeyRef
     */
    readonly fileKeyRef?: PostgresqlSpecSidecarsEnvValueFromFileKeyRef;
    /**
     * Selects a resource of the container: only resources limits and requests
     * (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFrom#resourceFieldRef
     */
    readonly resourceFieldRef?: PostgresqlSpecSidecarsEnvValueFromResourceFieldRef;
    /**
     * Selects a key of a secret in the pod's namespace
     *
     * @schema PostgresqlSpecSidecarsEnvValueFrom#secretKeyRef
     */
    readonly secretKeyRef?: PostgresqlSpecSidecarsEnvValueFromSecretKeyRef;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsEnvValueFrom' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsEnvValueFrom(obj: PostgresqlSpecSidecarsEnvValueFrom | undefined): Record<string, any> | undefined;
/**
 * ResourceDescription describes CPU and memory resources defined for a cluster.
 *
 * @schema PostgresqlSpecSidecarsResourcesLimits
 */
export interface PostgresqlSpecSidecarsResourcesLimits {
    /**
     * Decimal natural followed by m, or decimal natural followed by
     * dot followed by up to three decimal digits.
     *
     * This is because the Kubernetes CPU resource has millis as the
     * maximum precision.  The actual values are checked in code
     * because the regular expression would be huge and horrible and
     * not very helpful in validation error messages; this one checks
     * only the format of the given number.
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-cpu
     *
     * Note: the value specified here must not be zero or be lower
     * than the corresponding request.
     *
     * @schema PostgresqlSpecSidecarsResourcesLimits#cpu
     */
    readonly cpu?: string;
    /**
     * @schema PostgresqlSpecSidecarsResourcesLimits#hugepages-1Gi
     */
    readonly hugepages1Gi?: string;
    /**
     * @schema PostgresqlSpecSidecarsResourcesLimits#hugepages-2Mi
     */
    readonly hugepages2Mi?: string;
    /**
     * You can express memory as a plain integer or as a fixed-point
     * integer using one of these suffixes: E, P, T, G, M, k. You can
     * also use the power-of-two equivalents: Ei, Pi, Ti, Gi, Mi, Ki
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-memory
     *
     * Note: the value specified here must not be zero or be higher
     * than the corresponding limit.
     *
     * @schema PostgresqlSpecSidecarsResourcesLimits#memory
     */
    readonly memory?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsResourcesLimits' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsResourcesLimits(obj: PostgresqlSpecSidecarsResourcesLimits | undefined): Record<string, any> | undefined;
/**
 * ResourceDescription describes CPU and memory resources defined for a cluster.
 *
 * @schema PostgresqlSpecSidecarsResourcesRequests
 */
export interface PostgresqlSpecSidecarsResourcesRequests {
    /**
     * Decimal natural followed by m, or decimal natural followed by
     * dot followed by up to three decimal digits.
     *
     * This is because the Kubernetes CPU resource has millis as the
     * maximum precision.  The actual values are checked in code
     * because the regular expression would be huge and horrible and
     * not very helpful in validation error messages; this one checks
     * only the format of the given number.
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-cpu
     *
     * Note: the value specified here must not be zero or be lower
     * than the corresponding request.
     *
     * @schema PostgresqlSpecSidecarsResourcesRequests#cpu
     */
    readonly cpu?: string;
    /**
     * @schema PostgresqlSpecSidecarsResourcesRequests#hugepages-1Gi
     */
    readonly hugepages1Gi?: string;
    /**
     * @schema PostgresqlSpecSidecarsResourcesRequests#hugepages-2Mi
     */
    readonly hugepages2Mi?: string;
    /**
     * You can express memory as a plain integer or as a fixed-point
     * integer using one of these suffixes: E, P, T, G, M, k. You can
     * also use the power-of-two equivalents: Ei, Pi, Ti, Gi, Mi, Ki
     *
     * https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/#meaning-of-memory
     *
     * Note: the value specified here must not be zero or be higher
     * than the corresponding limit.
     *
     * @schema PostgresqlSpecSidecarsResourcesRequests#memory
     */
    readonly memory?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsResourcesRequests' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsResourcesRequests(obj: PostgresqlSpecSidecarsResourcesRequests | undefined): Record<string, any> | undefined;
/**
 * A label selector requirement is a selector that contains values, a key, and an operator that
 * relates the key and values.
 *
 * @schema PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions
 */
export interface PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions {
    /**
     * key is the label key that the selector applies to.
     *
     * @schema PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions#key
     */
    readonly key: string;
    /**
     * operator represents a key's relationship to a set of values.
     * Valid operators are In, NotIn, Exists and DoesNotExist.
     *
     * @schema PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions#operator
     */
    readonly operator: string;
    /**
     * values is an array of string values. If the operator is In or NotIn,
     * the values array must be non-empty. If the operator is Exists or DoesNotExist,
     * the values array must be empty. This array is replaced during a strategic
     * merge patch.
     *
     * @schema PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions#values
     */
    readonly values?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions' to JSON representation.
 */
export declare function toJson_PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions(obj: PostgresqlSpecTopologySpreadConstraintsLabelSelectorMatchExpressions | undefined): Record<string, any> | undefined;
/**
 * A label selector requirement is a selector that contains values, a key, and an operator that
 * relates the key and values.
 *
 * @schema PostgresqlSpecVolumeSelectorMatchExpressions
 */
export interface PostgresqlSpecVolumeSelectorMatchExpressions {
    /**
     * key is the label key that the selector applies to.
     *
     * @schema PostgresqlSpecVolumeSelectorMatchExpressions#key
     */
    readonly key: string;
    /**
     * operator represents a key's relationship to a set of values.
     * Valid operators are In, NotIn, Exists and DoesNotExist.
     *
     * @schema PostgresqlSpecVolumeSelectorMatchExpressions#operator
     */
    readonly operator: string;
    /**
     * values is an array of string values. If the operator is In or NotIn,
     * the values array must be non-empty. If the operator is Exists or DoesNotExist,
     * the values array must be empty. This array is replaced during a strategic
     * merge patch.
     *
     * @schema PostgresqlSpecVolumeSelectorMatchExpressions#values
     */
    readonly values?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecVolumeSelectorMatchExpressions' to JSON representation.
 */
export declare function toJson_PostgresqlSpecVolumeSelectorMatchExpressions(obj: PostgresqlSpecVolumeSelectorMatchExpressions | undefined): Record<string, any> | undefined;
/**
 * Specifies the output format of the exposed resources, defaults to "1"
 *
 * @schema PostgresqlSpecEnvValueFromResourceFieldRefDivisor
 */
export declare class PostgresqlSpecEnvValueFromResourceFieldRefDivisor {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecEnvValueFromResourceFieldRefDivisor;
    static fromString(value: string): PostgresqlSpecEnvValueFromResourceFieldRefDivisor;
    private constructor();
}
/**
 * Selects a key of a ConfigMap.
 *
 * @schema PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef
 */
export interface PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef {
    /**
     * The key to select.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef#key
     */
    readonly key: string;
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the ConfigMap or its key must be defined
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef(obj: PostgresqlSpecInitContainersEnvValueFromConfigMapKeyRef | undefined): Record<string, any> | undefined;
/**
 * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`,
 * spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
 *
 * @schema PostgresqlSpecInitContainersEnvValueFromFieldRef
 */
export interface PostgresqlSpecInitContainersEnvValueFromFieldRef {
    /**
     * Version of the schema the FieldPath is written in terms of, defaults to "v1".
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromFieldRef#apiVersion
     */
    readonly apiVersion?: string;
    /**
     * Path of the field to select in the specified API version.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromFieldRef#fieldPath
     */
    readonly fieldPath: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvValueFromFieldRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvValueFromFieldRef(obj: PostgresqlSpecInitContainersEnvValueFromFieldRef | undefined): Record<string, any> | undefined;
/**
 * FileKeyRef selects a key of the env file.
 * Requires the EnvFiles feature gate to be enabled.
 *
 * @schema PostgresqlSpecInitContainersEnvValueFromFileKeyRef
 */
export interface PostgresqlSpecInitContainersEnvValueFromFileKeyRef {
    /**
     * The key within the env file. An invalid key will prevent the pod from starting.
     * The keys defined within a source may consist of any printable ASCII characters except '='.
     * During Alpha stage of the EnvFiles feature gate, the key size is limited to 128 characters.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromFileKeyRef#key
     */
    readonly key: string;
    /**
     * Specify whether the file or its key must be defined. If the file or key
     * does not exist, then the env var is not published.
     * If optional is set to true and the specified key does not exist,
     * the environment variable will not be set in the Pod's containers.
     *
     * If optional is set to false and the specified key does not exist,
     * an error will be returned during Pod creation.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromFileKeyRef#optional
     */
    readonly optional?: boolean;
    /**
     * The path within the volume from which to select the file.
     * Must be relative and may not contain the '..' path or start with '..'.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromFileKeyRef#path
     */
    readonly path: string;
    /**
     * The name of the volume mount containing the env file.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromFileKeyRef#volumeName
     */
    readonly volumeName: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvValueFromFileKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvValueFromFileKeyRef(obj: PostgresqlSpecInitContainersEnvValueFromFileKeyRef | undefined): Record<string, any> | undefined;
/**
 * Selects a resource of the container: only resources limits and requests
 * (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
 *
 * @schema PostgresqlSpecInitContainersEnvValueFromResourceFieldRef
 */
export interface PostgresqlSpecInitContainersEnvValueFromResourceFieldRef {
    /**
     * Container name: required for volumes, optional for env vars
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromResourceFieldRef#containerName
     */
    readonly containerName?: string;
    /**
     * Specifies the output format of the exposed resources, defaults to "1"
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromResourceFieldRef#divisor
     */
    readonly divisor?: PostgresqlSpecInitContainersEnvValueFromResourceFieldRefDivisor;
    /**
     * Required: resource to select
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromResourceFieldRef#resource
     */
    readonly resource: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvValueFromResourceFieldRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvValueFromResourceFieldRef(obj: PostgresqlSpecInitContainersEnvValueFromResourceFieldRef | undefined): Record<string, any> | undefined;
/**
 * Selects a key of a secret in the pod's namespace
 *
 * @schema PostgresqlSpecInitContainersEnvValueFromSecretKeyRef
 */
export interface PostgresqlSpecInitContainersEnvValueFromSecretKeyRef {
    /**
     * The key of the secret to select from.  Must be a valid secret key.
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromSecretKeyRef#key
     */
    readonly key: string;
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromSecretKeyRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the Secret or its key must be defined
     *
     * @schema PostgresqlSpecInitContainersEnvValueFromSecretKeyRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersEnvValueFromSecretKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersEnvValueFromSecretKeyRef(obj: PostgresqlSpecInitContainersEnvValueFromSecretKeyRef | undefined): Record<string, any> | undefined;
/**
 * Exec specifies a command to execute in the container.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStartExec
 */
export interface PostgresqlSpecInitContainersLifecyclePostStartExec {
    /**
     * Command is the command line to execute inside the container, the working directory for the
     * command  is root ('/') in the container's filesystem. The command is simply exec'd, it is
     * not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use
     * a shell, you need to explicitly call out to that shell.
     * Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartExec#command
     */
    readonly command?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePostStartExec' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePostStartExec(obj: PostgresqlSpecInitContainersLifecyclePostStartExec | undefined): Record<string, any> | undefined;
/**
 * HTTPGet specifies an HTTP GET request to perform.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGet
 */
export interface PostgresqlSpecInitContainersLifecyclePostStartHttpGet {
    /**
     * Host name to connect to, defaults to the pod IP. You probably want to set
     * "Host" in httpHeaders instead.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGet#host
     */
    readonly host?: string;
    /**
     * Custom headers to set in the request. HTTP allows repeated headers.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGet#httpHeaders
     */
    readonly httpHeaders?: PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders[];
    /**
     * Path to access on the HTTP server.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGet#path
     */
    readonly path?: string;
    /**
     * Name or number of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGet#port
     */
    readonly port: PostgresqlSpecInitContainersLifecyclePostStartHttpGetPort;
    /**
     * Scheme to use for connecting to the host.
     * Defaults to HTTP.
     *
     * @default HTTP.
     * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGet#scheme
     */
    readonly scheme?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePostStartHttpGet' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePostStartHttpGet(obj: PostgresqlSpecInitContainersLifecyclePostStartHttpGet | undefined): Record<string, any> | undefined;
/**
 * Sleep represents a duration that the container should sleep.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStartSleep
 */
export interface PostgresqlSpecInitContainersLifecyclePostStartSleep {
    /**
     * Seconds is the number of seconds to sleep.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartSleep#seconds
     */
    readonly seconds: number;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePostStartSleep' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePostStartSleep(obj: PostgresqlSpecInitContainersLifecyclePostStartSleep | undefined): Record<string, any> | undefined;
/**
 * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept
 * for backward compatibility. There is no validation of this field and
 * lifecycle hooks will fail at runtime when it is specified.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStartTcpSocket
 */
export interface PostgresqlSpecInitContainersLifecyclePostStartTcpSocket {
    /**
     * Optional: Host name to connect to, defaults to the pod IP.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartTcpSocket#host
     */
    readonly host?: string;
    /**
     * Number or name of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartTcpSocket#port
     */
    readonly port: PostgresqlSpecInitContainersLifecyclePostStartTcpSocketPort;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePostStartTcpSocket' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePostStartTcpSocket(obj: PostgresqlSpecInitContainersLifecyclePostStartTcpSocket | undefined): Record<string, any> | undefined;
/**
 * Exec specifies a command to execute in the container.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStopExec
 */
export interface PostgresqlSpecInitContainersLifecyclePreStopExec {
    /**
     * Command is the command line to execute inside the container, the working directory for the
     * command  is root ('/') in the container's filesystem. The command is simply exec'd, it is
     * not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use
     * a shell, you need to explicitly call out to that shell.
     * Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopExec#command
     */
    readonly command?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePreStopExec' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePreStopExec(obj: PostgresqlSpecInitContainersLifecyclePreStopExec | undefined): Record<string, any> | undefined;
/**
 * HTTPGet specifies an HTTP GET request to perform.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGet
 */
export interface PostgresqlSpecInitContainersLifecyclePreStopHttpGet {
    /**
     * Host name to connect to, defaults to the pod IP. You probably want to set
     * "Host" in httpHeaders instead.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGet#host
     */
    readonly host?: string;
    /**
     * Custom headers to set in the request. HTTP allows repeated headers.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGet#httpHeaders
     */
    readonly httpHeaders?: PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders[];
    /**
     * Path to access on the HTTP server.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGet#path
     */
    readonly path?: string;
    /**
     * Name or number of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGet#port
     */
    readonly port: PostgresqlSpecInitContainersLifecyclePreStopHttpGetPort;
    /**
     * Scheme to use for connecting to the host.
     * Defaults to HTTP.
     *
     * @default HTTP.
     * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGet#scheme
     */
    readonly scheme?: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePreStopHttpGet' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePreStopHttpGet(obj: PostgresqlSpecInitContainersLifecyclePreStopHttpGet | undefined): Record<string, any> | undefined;
/**
 * Sleep represents a duration that the container should sleep.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStopSleep
 */
export interface PostgresqlSpecInitContainersLifecyclePreStopSleep {
    /**
     * Seconds is the number of seconds to sleep.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopSleep#seconds
     */
    readonly seconds: number;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePreStopSleep' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePreStopSleep(obj: PostgresqlSpecInitContainersLifecyclePreStopSleep | undefined): Record<string, any> | undefined;
/**
 * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept
 * for backward compatibility. There is no validation of this field and
 * lifecycle hooks will fail at runtime when it is specified.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStopTcpSocket
 */
export interface PostgresqlSpecInitContainersLifecyclePreStopTcpSocket {
    /**
     * Optional: Host name to connect to, defaults to the pod IP.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopTcpSocket#host
     */
    readonly host?: string;
    /**
     * Number or name of the port to access on the container.
     * Number must be in the range 1 to 65535.
     * Name must be an IANA_SVC_NAME.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopTcpSocket#port
     */
    readonly port: PostgresqlSpecInitContainersLifecyclePreStopTcpSocketPort;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePreStopTcpSocket' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePreStopTcpSocket(obj: PostgresqlSpecInitContainersLifecyclePreStopTcpSocket | undefined): Record<string, any> | undefined;
/**
 * HTTPHeader describes a custom header to be used in HTTP probes
 *
 * @schema PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders
 */
export interface PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders {
    /**
     * The header field name.
     * This will be canonicalized upon output, so case-variant names will be understood as the same header.
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders#name
     */
    readonly name: string;
    /**
     * The header field value
     *
     * @schema PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders#value
     */
    readonly value: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders(obj: PostgresqlSpecInitContainersLivenessProbeHttpGetHttpHeaders | undefined): Record<string, any> | undefined;
/**
 * Name or number of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersLivenessProbeHttpGetPort
 */
export declare class PostgresqlSpecInitContainersLivenessProbeHttpGetPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersLivenessProbeHttpGetPort;
    static fromString(value: string): PostgresqlSpecInitContainersLivenessProbeHttpGetPort;
    private constructor();
}
/**
 * Number or name of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersLivenessProbeTcpSocketPort
 */
export declare class PostgresqlSpecInitContainersLivenessProbeTcpSocketPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersLivenessProbeTcpSocketPort;
    static fromString(value: string): PostgresqlSpecInitContainersLivenessProbeTcpSocketPort;
    private constructor();
}
/**
 * HTTPHeader describes a custom header to be used in HTTP probes
 *
 * @schema PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders
 */
export interface PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders {
    /**
     * The header field name.
     * This will be canonicalized upon output, so case-variant names will be understood as the same header.
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders#name
     */
    readonly name: string;
    /**
     * The header field value
     *
     * @schema PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders#value
     */
    readonly value: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders(obj: PostgresqlSpecInitContainersReadinessProbeHttpGetHttpHeaders | undefined): Record<string, any> | undefined;
/**
 * Name or number of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersReadinessProbeHttpGetPort
 */
export declare class PostgresqlSpecInitContainersReadinessProbeHttpGetPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersReadinessProbeHttpGetPort;
    static fromString(value: string): PostgresqlSpecInitContainersReadinessProbeHttpGetPort;
    private constructor();
}
/**
 * Number or name of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersReadinessProbeTcpSocketPort
 */
export declare class PostgresqlSpecInitContainersReadinessProbeTcpSocketPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersReadinessProbeTcpSocketPort;
    static fromString(value: string): PostgresqlSpecInitContainersReadinessProbeTcpSocketPort;
    private constructor();
}
/**
 * HTTPHeader describes a custom header to be used in HTTP probes
 *
 * @schema PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders
 */
export interface PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders {
    /**
     * The header field name.
     * This will be canonicalized upon output, so case-variant names will be understood as the same header.
     *
     * @schema PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders#name
     */
    readonly name: string;
    /**
     * The header field value
     *
     * @schema PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders#value
     */
    readonly value: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders(obj: PostgresqlSpecInitContainersStartupProbeHttpGetHttpHeaders | undefined): Record<string, any> | undefined;
/**
 * Name or number of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersStartupProbeHttpGetPort
 */
export declare class PostgresqlSpecInitContainersStartupProbeHttpGetPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersStartupProbeHttpGetPort;
    static fromString(value: string): PostgresqlSpecInitContainersStartupProbeHttpGetPort;
    private constructor();
}
/**
 * Number or name of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersStartupProbeTcpSocketPort
 */
export declare class PostgresqlSpecInitContainersStartupProbeTcpSocketPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersStartupProbeTcpSocketPort;
    static fromString(value: string): PostgresqlSpecInitContainersStartupProbeTcpSocketPort;
    private constructor();
}
/**
 * A node selector requirement is a selector that contains values, a key, and an operator
 * that relates the key and values.
 *
 * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions
 */
export interface PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions {
    /**
     * The label key that the selector applies to.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions#key
     */
    readonly key: string;
    /**
     * Represents a key's relationship to a set of values.
     * Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions#operator
     */
    readonly operator: string;
    /**
     * An array of string values. If the operator is In or NotIn,
     * the values array must be non-empty. If the operator is Exists or DoesNotExist,
     * the values array must be empty. If the operator is Gt or Lt, the values
     * array must have a single element, which will be interpreted as an integer.
     * This array is replaced during a strategic merge patch.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions#values
     */
    readonly values?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions(obj: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions | undefined): Record<string, any> | undefined;
/**
 * A node selector requirement is a selector that contains values, a key, and an operator
 * that relates the key and values.
 *
 * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields
 */
export interface PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields {
    /**
     * The label key that the selector applies to.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields#key
     */
    readonly key: string;
    /**
     * Represents a key's relationship to a set of values.
     * Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields#operator
     */
    readonly operator: string;
    /**
     * An array of string values. If the operator is In or NotIn,
     * the values array must be non-empty. If the operator is Exists or DoesNotExist,
     * the values array must be empty. If the operator is Gt or Lt, the values
     * array must have a single element, which will be interpreted as an integer.
     * This array is replaced during a strategic merge patch.
     *
     * @schema PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields#values
     */
    readonly values?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields(obj: PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields | undefined): Record<string, any> | undefined;
/**
 * A node selector requirement is a selector that contains values, a key, and an operator
 * that relates the key and values.
 *
 * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions
 */
export interface PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions {
    /**
     * The label key that the selector applies to.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions#key
     */
    readonly key: string;
    /**
     * Represents a key's relationship to a set of values.
     * Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions#operator
     */
    readonly operator: string;
    /**
     * An array of string values. If the operator is In or NotIn,
     * the values array must be non-empty. If the operator is Exists or DoesNotExist,
     * the values array must be empty. If the operator is Gt or Lt, the values
     * array must have a single element, which will be interpreted as an integer.
     * This array is replaced during a strategic merge patch.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions#values
     */
    readonly values?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions(obj: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions | undefined): Record<string, any> | undefined;
/**
 * A node selector requirement is a selector that contains values, a key, and an operator
 * that relates the key and values.
 *
 * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields
 */
export interface PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields {
    /**
     * The label key that the selector applies to.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields#key
     */
    readonly key: string;
    /**
     * Represents a key's relationship to a set of values.
     * Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields#operator
     */
    readonly operator: string;
    /**
     * An array of string values. If the operator is In or NotIn,
     * the values array must be non-empty. If the operator is Exists or DoesNotExist,
     * the values array must be empty. If the operator is Gt or Lt, the values
     * array must have a single element, which will be interpreted as an integer.
     * This array is replaced during a strategic merge patch.
     *
     * @schema PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields#values
     */
    readonly values?: string[];
}
/**
 * Converts an object of type 'PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields' to JSON representation.
 */
export declare function toJson_PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields(obj: PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields | undefined): Record<string, any> | undefined;
/**
 * Selects a key of a ConfigMap.
 *
 * @schema PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef
 */
export interface PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef {
    /**
     * The key to select.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef#key
     */
    readonly key: string;
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the ConfigMap or its key must be defined
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef(obj: PostgresqlSpecSidecarsEnvValueFromConfigMapKeyRef | undefined): Record<string, any> | undefined;
/**
 * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`,
 * spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
 *
 * @schema PostgresqlSpecSidecarsEnvValueFromFieldRef
 */
export interface PostgresqlSpecSidecarsEnvValueFromFieldRef {
    /**
     * Version of the schema the FieldPath is written in terms of, defaults to "v1".
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromFieldRef#apiVersion
     */
    readonly apiVersion?: string;
    /**
     * Path of the field to select in the specified API version.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromFieldRef#fieldPath
     */
    readonly fieldPath: string;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsEnvValueFromFieldRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsEnvValueFromFieldRef(obj: PostgresqlSpecSidecarsEnvValueFromFieldRef | undefined): Record<string, any> | undefined;
/**
 * FileKeyRef selects a key of the env file.
 * Requires the EnvFiles feature gate to be enabled.
 *
 * @schema PostgresqlSpecSidecarsEnvValueFromFileKeyRef
 */
export interface PostgresqlSpecSidecarsEnvValueFromFileKeyRef {
    /**
     * The key within the env file. An invalid key will prevent the pod from starting.
     * The keys defined within a source may consist of any printable ASCII characters except '='.
     * During Alpha stage of the EnvFiles feature gate, the key size is limited to 128 characters.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromFileKeyRef#key
     */
    readonly key: string;
    /**
     * Specify whether the file or its key must be defined. If the file or key
     * does not exist, then the env var is not published.
     * If optional is set to true and the specified key does not exist,
     * the environment variable will not be set in the Pod's containers.
     *
     * If optional is set to false and the specified key does not exist,
     * an error will be returned during Pod creation.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromFileKeyRef#optional
     */
    readonly optional?: boolean;
    /**
     * The path within the volume from which to select the file.
     * Must be relative and may not contain the '..' path or start with '..'.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromFileKeyRef#path
     */
    readonly path: string;
    /**
     * The name of the volume mount containing the env file.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromFileKeyRef#volumeName
     */
    readonly volumeName: string;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsEnvValueFromFileKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsEnvValueFromFileKeyRef(obj: PostgresqlSpecSidecarsEnvValueFromFileKeyRef | undefined): Record<string, any> | undefined;
/**
 * Selects a resource of the container: only resources limits and requests
 * (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
 *
 * @schema PostgresqlSpecSidecarsEnvValueFromResourceFieldRef
 */
export interface PostgresqlSpecSidecarsEnvValueFromResourceFieldRef {
    /**
     * Container name: required for volumes, optional for env vars
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromResourceFieldRef#containerName
     */
    readonly containerName?: string;
    /**
     * Specifies the output format of the exposed resources, defaults to "1"
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromResourceFieldRef#divisor
     */
    readonly divisor?: PostgresqlSpecSidecarsEnvValueFromResourceFieldRefDivisor;
    /**
     * Required: resource to select
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromResourceFieldRef#resource
     */
    readonly resource: string;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsEnvValueFromResourceFieldRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsEnvValueFromResourceFieldRef(obj: PostgresqlSpecSidecarsEnvValueFromResourceFieldRef | undefined): Record<string, any> | undefined;
/**
 * Selects a key of a secret in the pod's namespace
 *
 * @schema PostgresqlSpecSidecarsEnvValueFromSecretKeyRef
 */
export interface PostgresqlSpecSidecarsEnvValueFromSecretKeyRef {
    /**
     * The key of the secret to select from.  Must be a valid secret key.
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromSecretKeyRef#key
     */
    readonly key: string;
    /**
     * Name of the referent.
     * This field is effectively required, but due to backwards compatibility is
     * allowed to be empty. Instances of this type with an empty value here are
     * almost certainly wrong.
     * More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromSecretKeyRef#name
     */
    readonly name?: string;
    /**
     * Specify whether the Secret or its key must be defined
     *
     * @schema PostgresqlSpecSidecarsEnvValueFromSecretKeyRef#optional
     */
    readonly optional?: boolean;
}
/**
 * Converts an object of type 'PostgresqlSpecSidecarsEnvValueFromSecretKeyRef' to JSON representation.
 */
export declare function toJson_PostgresqlSpecSidecarsEnvValueFromSecretKeyRef(obj: PostgresqlSpecSidecarsEnvValueFromSecretKeyRef | undefined): Record<string, any> | undefined;
/**
 * Specifies the output format of the exposed resources, defaults to "1"
 *
 * @schema PostgresqlSpecInitContainersEnvValueFromResourceFieldRefDivisor
 */
export declare class PostgresqlSpecInitContainersEnvValueFromResourceFieldRefDivisor {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersEnvValueFromResourceFieldRefDivisor;
    static fromString(value: string): PostgresqlSpecInitContainersEnvValueFromResourceFieldRefDivisor;
    private constructor();
}
/**
 * HTTPHeader describes a custom header to be used in HTTP probes
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders
 */
export interface PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders {
    /**
     * The header field name.
     * This will be canonicalized upon output, so case-variant names will be understood as the same header.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders#name
     */
    readonly name: string;
    /**
     * The header field value
     *
     * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders#value
     */
    readonly value: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders(obj: PostgresqlSpecInitContainersLifecyclePostStartHttpGetHttpHeaders | undefined): Record<string, any> | undefined;
/**
 * Name or number of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStartHttpGetPort
 */
export declare class PostgresqlSpecInitContainersLifecyclePostStartHttpGetPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersLifecyclePostStartHttpGetPort;
    static fromString(value: string): PostgresqlSpecInitContainersLifecyclePostStartHttpGetPort;
    private constructor();
}
/**
 * Number or name of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePostStartTcpSocketPort
 */
export declare class PostgresqlSpecInitContainersLifecyclePostStartTcpSocketPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersLifecyclePostStartTcpSocketPort;
    static fromString(value: string): PostgresqlSpecInitContainersLifecyclePostStartTcpSocketPort;
    private constructor();
}
/**
 * HTTPHeader describes a custom header to be used in HTTP probes
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders
 */
export interface PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders {
    /**
     * The header field name.
     * This will be canonicalized upon output, so case-variant names will be understood as the same header.
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders#name
     */
    readonly name: string;
    /**
     * The header field value
     *
     * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders#value
     */
    readonly value: string;
}
/**
 * Converts an object of type 'PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders' to JSON representation.
 */
export declare function toJson_PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders(obj: PostgresqlSpecInitContainersLifecyclePreStopHttpGetHttpHeaders | undefined): Record<string, any> | undefined;
/**
 * Name or number of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStopHttpGetPort
 */
export declare class PostgresqlSpecInitContainersLifecyclePreStopHttpGetPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersLifecyclePreStopHttpGetPort;
    static fromString(value: string): PostgresqlSpecInitContainersLifecyclePreStopHttpGetPort;
    private constructor();
}
/**
 * Number or name of the port to access on the container.
 * Number must be in the range 1 to 65535.
 * Name must be an IANA_SVC_NAME.
 *
 * @schema PostgresqlSpecInitContainersLifecyclePreStopTcpSocketPort
 */
export declare class PostgresqlSpecInitContainersLifecyclePreStopTcpSocketPort {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecInitContainersLifecyclePreStopTcpSocketPort;
    static fromString(value: string): PostgresqlSpecInitContainersLifecyclePreStopTcpSocketPort;
    private constructor();
}
/**
 * Specifies the output format of the exposed resources, defaults to "1"
 *
 * @schema PostgresqlSpecSidecarsEnvValueFromResourceFieldRefDivisor
 */
export declare class PostgresqlSpecSidecarsEnvValueFromResourceFieldRefDivisor {
    readonly value: number | string;
    static fromNumber(value: number): PostgresqlSpecSidecarsEnvValueFromResourceFieldRefDivisor;
    static fromString(value: string): PostgresqlSpecSidecarsEnvValueFromResourceFieldRefDivisor;
    private constructor();
}
