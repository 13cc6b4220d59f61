/**
 * What the server writes on the error stream when a remote command ends, as the kubelet writes it: a
 * v1 Status in JSON for protocol v4 and later (Success; NonZeroExitCode with an ExitCode cause, which
 * kubectl turns into "command terminated with exit code N" and its own exit code; InternalError),
 * and for older protocols only a failure's message as plain text.
 */

export interface ExecStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: Array<{ reason?: string; message: string }> };
  code?: number;
}

export function successStatus(): ExecStatus {
  return { metadata: {}, status: 'Success' };
}

/** Go's %v of a []string: `[sh -c exit 3]`. */
function goList(cmd: readonly string[]): string {
  return `[${cmd.join(' ')}]`;
}

export function exitCodeStatus(code: number, cmd: readonly string[]): ExecStatus {
  return {
    metadata: {}, status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command ${goList(cmd)}, exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

export function internalErrorStatus(message: string): ExecStatus {
  return {
    metadata: {}, status: 'Failure', message: `Internal error occurred: ${message}`, reason: 'InternalError',
    details: { causes: [{ message }] }, code: 500,
  };
}

/** The bytes for the error stream: JSON for v4+, the message for older protocols (nothing on success). */
export function encodeExecStatus(status: ExecStatus, json: boolean): Buffer {
  if (json) return Buffer.from(JSON.stringify(status));
  return status.status === 'Success' ? Buffer.alloc(0) : Buffer.from(status.message ?? '');
}
