/**
 * A failed pull, worded as containerd words it (`failed to pull and unpack image "…": …`), with the
 * gRPC status code the kubelet would have received; `criMessage` is the text a container's waiting
 * message and the Failed event carry (`rpc error: code = NotFound desc = …`).
 */
import type { RegistryErrorKind } from './registry-client.js';

export type PullErrorCode = 'NotFound' | 'Unknown' | 'Unavailable' | 'InvalidArgument';

export class ImagePullError extends Error {
  constructor(message: string, readonly code: PullErrorCode, readonly kind: RegistryErrorKind | 'Unpack' | 'Invalid') {
    super(message);
    this.name = 'ImagePullError';
  }

  get criMessage(): string {
    return `rpc error: code = ${this.code} desc = ${this.message}`;
  }
}
