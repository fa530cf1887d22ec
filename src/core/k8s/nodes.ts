// Allocatable memory of a Kubernetes node: capacity − kube-reserved − system-reserved − the
// kubelet's hard eviction threshold, by each provider's published formula. The scheduler places a
// pod on a node only while the sum of memory requests stays within allocatable. Pure.

export type NodeFormula = 'gke' | 'eks' | 'aks' | 'kubelet-default';

export interface Allocatable {
  capacityMiB: number;
  kubeReservedMiB: number;
  systemReservedMiB: number;
  evictionHardMiB: number;
  allocatableMiB: number;
}

function done(capacityMiB: number, kubeReservedMiB: number, systemReservedMiB: number, evictionHardMiB: number): Allocatable {
  return { capacityMiB, kubeReservedMiB, systemReservedMiB, evictionHardMiB, allocatableMiB: capacityMiB - kubeReservedMiB - systemReservedMiB - evictionHardMiB };
}

/**
 * GKE Standard ("Node allocatable resources", cloud.google.com/kubernetes-engine/docs/concepts/
 * plan-node-sizes): 255 MiB on machines under 1 GiB; else 25% of the first 4 GiB, 20% of the next
 * 4 GiB, 10% of the next 8 GiB, 6% of the next 112 GiB and 2% of the rest, rounded up to whole
 * MiB; plus a 100 MiB eviction threshold.
 */
export function gkeAllocatable(capacityMiB: number): Allocatable {
  if (capacityMiB < 1024) return done(capacityMiB, 255, 0, 100);
  const tiers: Array<[number, number]> = [
    [4096, 0.25],
    [4096, 0.2],
    [8192, 0.1],
    [114688, 0.06],
    [Infinity, 0.02],
  ];
  let left = capacityMiB;
  let reserved = 0;
  for (const [size, rate] of tiers) {
    const part = Math.min(left, size);
    reserved += part * rate;
    left -= part;
    if (left <= 0) break;
  }
  return done(capacityMiB, Math.ceil(reserved - 1e-9), 0, 100);
}

/**
 * Amazon EKS optimized AMIs (awslabs/amazon-eks-ami, bootstrap: kube-reserved memory =
 * 11 MiB × max pods + 255 MiB; evictionHard memory.available < 100Mi; no system-reserved memory).
 * Max pods comes from the VPC CNI's ENI limits (eni-max-pods.txt).
 */
export function eksAllocatable(capacityMiB: number, maxPods: number): Allocatable {
  return done(capacityMiB, 255 + 11 * maxPods, 0, 100);
}

/**
 * AKS 1.29 and later ("Node resource reservations in AKS", learn.microsoft.com/azure/aks/
 * node-resource-reservations): kube-reserved memory is the lesser of 20 MB × max pods + 50 MB and
 * 25% of the node's memory; eviction threshold memory.available < 100 Mi.
 */
export function aksAllocatable(capacityMiB: number, maxPods: number): Allocatable {
  return done(capacityMiB, Math.min(20 * maxPods + 50, Math.floor(capacityMiB * 0.25)), 0, 100);
}

/** Upstream kubelet defaults (kubeadm, k3s…): nothing reserved, evictionHard memory.available < 100Mi. */
export function kubeletDefaultAllocatable(capacityMiB: number): Allocatable {
  return done(capacityMiB, 0, 0, 100);
}

export function allocatableFor(formula: NodeFormula, capacityMiB: number, maxPods: number): Allocatable {
  switch (formula) {
    case 'gke':
      return gkeAllocatable(capacityMiB);
    case 'eks':
      return eksAllocatable(capacityMiB, maxPods);
    case 'aks':
      return aksAllocatable(capacityMiB, maxPods);
    case 'kubelet-default':
      return kubeletDefaultAllocatable(capacityMiB);
  }
}
