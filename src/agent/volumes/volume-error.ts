/**
 * The two ways preparing volumes fails, with the kubelet's wording: a volume that cannot be set up
 * (event reason FailedMount, the pod stays ContainerCreating and the agent retries), and a volume
 * mount of one container that cannot be made (the container waits with CreateContainerConfigError).
 */

/** One or more volumes of a pod could not be set up; `message` is the first failure's event text. */
export class VolumeError extends Error {
  readonly reason = 'FailedMount' as const;
  /** Every failure's event text, one per volume that failed, in the pod's volume order. */
  readonly messages: string[];
  /** The names of the pod's volumes that failed. */
  readonly volumes: string[];

  constructor(failures: Array<{ volume: string; message: string }>) {
    super(failures[0]?.message ?? 'Cannot set up volumes: no failure given');
    this.name = 'VolumeError';
    this.messages = failures.map((f) => f.message);
    this.volumes = failures.map((f) => f.volume);
  }
}

/** A container's volumeMounts cannot be turned into mounts (subPath, propagation, unknown volume). */
export class ContainerMountError extends Error {
  readonly reason = 'CreateContainerConfigError' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ContainerMountError';
  }
}

/** Kubernetes' utilerrors.NewAggregate formatting: one error as is, several as "[a, b]". */
export function aggregateMessage(messages: string[]): string {
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}

/** The event text of a volume plugin's SetUp failure. */
export function setUpFailed(volume: string, detail: string): string {
  return `MountVolume.SetUp failed for volume ${JSON.stringify(volume)} : ${detail}`;
}

/**
 * The event text when the kubelet could not even process a volume (an unbound claim, no plugin):
 * its volume manager gives up waiting with the populator's error.
 */
export function unableToMount(volumes: string[], detail: string): string {
  const list = `[${volumes.join(' ')}]`;
  return `Unable to attach or mount volumes: unmounted volumes=${list}, unattached volumes=${list}, failed to process volumes=${list}: ${detail}`;
}

/** A volume failure carrying its final event text. */
export class VolumeFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VolumeFailure';
  }
}
