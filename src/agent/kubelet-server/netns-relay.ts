/**
 * A relay run as its own process inside a pod's network namespace (`nsenter --net=<netns> node
 * netns-relay.js PORT`): it connects to the port on the pod's loopback (127.0.0.1, then ::1) and
 * copies its stdin to the connection and the connection to its stdout, half-closing each way as the
 * other end does. It fails with the dial error on stderr and exit code 1. It imports nothing of the
 * project, to start fast.
 */
import { connect, type Socket } from 'node:net';

function dial(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port });
    s.once('connect', () => { s.off('error', reject); resolve(s); });
    s.once('error', reject);
  });
}

function describe(err: unknown, network: string, addr: string): string {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'ECONNREFUSED' ? 'connect: connection refused'
    : e.code === 'EADDRNOTAVAIL' || e.code === 'ENETUNREACH' ? 'connect: cannot assign requested address' : (e.message ?? String(err));
  return `dial ${network} ${addr}: ${why}`;
}

async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  let sock: Socket;
  try {
    sock = await dial('127.0.0.1', port);
  } catch (v4) {
    try {
      sock = await dial('::1', port);
    } catch (v6) {
      process.stderr.write(`failed to connect to localhost:${port} inside namespace, IPv4: ${describe(v4, 'tcp4', `127.0.0.1:${port}`)} IPv6 ${describe(v6, 'tcp6', `[::1]:${port}`)} `);
      process.exit(1);
    }
  }
  // The process ends by itself once the connection is closed and stdout flushed: exiting at once
  // could drop output still queued for a slow reader.
  const finish = (): void => {
    process.stdin.unpipe(sock);
    process.stdin.destroy();
  };
  sock.on('error', finish);
  sock.on('close', finish);
  process.stdin.pipe(sock);
  sock.pipe(process.stdout);
}

void main();
