/**
 * Forwarding one port-forward connection into a pod: a relay process per connection, started in the
 * pod's network namespace with nsenter (or directly for a host-network pod), connecting to the port on
 * the pod's loopback. Bytes flow both ways with back-pressure; when one direction ends the other gets a
 * second to finish (as containerd does), then the relay is ended. The relay's dial error becomes the
 * message kubectl prints.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import type { PodSandboxView } from './stream-source.js';

const RELAY = fileURLToPath(new URL('./netns-relay.js', import.meta.url));
const GRACE_MS = 1000;

export interface RelayCounter { relays: number }

/** Live relay processes (for tests: a dropped client must leave none). */
export const relayCounter: RelayCounter = { relays: 0 };

export function forwardIntoPod(sandbox: PodSandboxView, port: number, stream: Duplex, signal: AbortSignal): Promise<void> {
  const node = process.execPath;
  const [cmd, args] = sandbox.netnsPath
    ? ['nsenter', [`--net=${sandbox.netnsPath}`, '--', node, RELAY, String(port)]]
    : [node, [RELAY, String(port)]];
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  relayCounter.relays++;
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { if (stderr.length < 4096) stderr += c.toString(); });
  child.stdin.on('error', () => undefined);
  stream.on('error', () => undefined);
  let grace: NodeJS.Timeout | undefined;
  const oneWayDone = (): void => { grace ??= setTimeout(() => child.kill('SIGKILL'), GRACE_MS); };
  stream.pipe(child.stdin);
  stream.once('end', oneWayDone);
  child.stdout.pipe(stream, { end: false });
  child.stdout.once('end', () => {
    if (!stream.destroyed && !stream.writableEnded) stream.end();
    oneWayDone();
  });
  const abort = (): void => { child.kill('SIGKILL'); };
  signal.addEventListener('abort', abort, { once: true });
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      signal.removeEventListener('abort', abort);
      reject(new Error(`failed to execute portforward: ${err.message}`));
    });
    child.once('close', (code) => {
      relayCounter.relays--;
      clearTimeout(grace);
      signal.removeEventListener('abort', abort);
      stream.unpipe(child.stdin);
      if (code === 1 && stderr) {
        const where = sandbox.netnsPath ? ` in network namespace "${sandbox.netnsPath}"` : '';
        reject(new Error(`failed to execute portforward${where}: ${stderr.replace('inside namespace', `inside namespace "${sandbox.id}"`)}`));
      } else {
        resolve();
      }
    });
  });
}
