/**
 * The Kubernetes API bindings the library uses, from cdk8s-plus-27's public `k8s` export (the
 * package's own generated bindings) rather than a path inside the package.
 */
import { k8s } from 'cdk8s-plus-27';

export import Container = k8s.Container;
export import EnvVar = k8s.EnvVar;
export import IntOrString = k8s.IntOrString;
export import KubeConfigMap = k8s.KubeConfigMap;
export import KubeCronJob = k8s.KubeCronJob;
export import KubeJob = k8s.KubeJob;
export import KubeNamespace = k8s.KubeNamespace;
export import KubeNetworkPolicy = k8s.KubeNetworkPolicy;
export import KubePersistentVolume = k8s.KubePersistentVolume;
export import KubePersistentVolumeClaim = k8s.KubePersistentVolumeClaim;
export import KubePodDisruptionBudget = k8s.KubePodDisruptionBudget;
export import KubeSecret = k8s.KubeSecret;
export import KubeService = k8s.KubeService;
export import KubeServiceAccount = k8s.KubeServiceAccount;
export import KubeStatefulSet = k8s.KubeStatefulSet;
export import KubeStorageClass = k8s.KubeStorageClass;
export import NetworkPolicyEgressRule = k8s.NetworkPolicyEgressRule;
export import NetworkPolicyIngressRule = k8s.NetworkPolicyIngressRule;
export import NetworkPolicyPeer = k8s.NetworkPolicyPeer;
export import NetworkPolicyPort = k8s.NetworkPolicyPort;
export import PodSecurityContext = k8s.PodSecurityContext;
export import PodTemplateSpec = k8s.PodTemplateSpec;
export import Probe = k8s.Probe;
export import Quantity = k8s.Quantity;
export import SecurityContext = k8s.SecurityContext;
export import Volume = k8s.Volume;
export import VolumeMount = k8s.VolumeMount;
