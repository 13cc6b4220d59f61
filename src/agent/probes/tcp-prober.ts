/**
 * The TCP prober: success when a connection to host:port opens within the timeout (it is closed at
 * once); otherwise a failure whose output is the dial error as Go words it.
 */
import { connect, type Socket } from 'node:net';
import { dialErrorText, dialTimeoutText, type SysError } from './net-errors.js';
import type { ProberResult } from './types.js';

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProberResult> {
  return new Promise((resolve) => {
    let done = false;
    let sock: Socket | undefined;
    const finish = (r: ProberResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock?.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ result: 'failure', output: dialTimeoutText(host, port) }), timeoutMs);
    try {
      sock = connect({ host, port });
    } catch (err) {
      finish({ result: 'failure', output: dialErrorText(err as SysError, host, port) });
      return;
    }
    sock.once('connect', () => {
      sock!.end();
      finish({ result: 'success', output: '' });
    });
    sock.once('error', (err: SysError) => finish({ result: 'failure', output: dialErrorText(err, host, port) }));
  });
}
