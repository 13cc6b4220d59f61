/**
 * How turning a pod into runtime configs fails or warns. A container whose config cannot be made
 * waits with reason CreateContainerConfigError and the kubelet's message; a sandbox whose config
 * cannot be made fails with CreatePodSandboxError. Warnings (skipped env names, DNS limits) become
 * events on the pod.
 */

export class CreateContainerConfigError extends Error {
  readonly reason = 'CreateContainerConfigError' as const;
  constructor(message: string) {
    super(message);
    this.name = 'CreateContainerConfigError';
  }
}

export class CreatePodSandboxError extends Error {
  readonly reason = 'CreatePodSandboxError' as const;
  constructor(message: string) {
    super(message);
    this.name = 'CreatePodSandboxError';
  }
}

/** An event the kubelet would record against the pod. */
export interface ConfigEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export type EventRecorder = (event: ConfigEvent) => void;
