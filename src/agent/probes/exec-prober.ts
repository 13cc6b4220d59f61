/**
 * The exec prober: runs the command in the container through the runtime's execSync. Exit 0 is
 * success, any other exit a failure; the output is stdout then stderr, cut at 10 KiB. A command
 * still running at the timeout is a failure whose output says so; an exec that could not be carried
 * out at all (container gone, runtime error) is unknown, with the error.
 */
import { goQuote } from '../pod-config/index.js';
import { goDuration } from './go-format.js';
import type { ExecFn, ProberResult } from './types.js';

/** How much of a probe's output the kubelet keeps (10 KiB). */
export const MAX_PROBE_OUTPUT = 10 * 1024;

export async function execProbe(exec: ExecFn, containerId: string, command: string[], timeoutMs: number): Promise<ProberResult> {
  let r;
  try {
    r = await exec(containerId, command, timeoutMs);
  } catch (err) {
    return { result: 'unknown', output: '', error: (err as Error).message };
  }
  if (r.timedOut) {
    return { result: 'failure', output: execTimeoutMessage(command, timeoutMs) };
  }
  const output = Buffer.concat([r.stdout, r.stderr]).subarray(0, MAX_PROBE_OUTPUT).toString('utf8');
  return { result: r.exitCode === 0 ? 'success' : 'failure', output };
}

/** The CRI client's text for an exec that ran past its timeout. */
export function execTimeoutMessage(command: string[], timeoutMs: number): string {
  return `command timed out: ${goQuote(command.join(' '))} timed out after ${goDuration(timeoutMs)}`;
}
