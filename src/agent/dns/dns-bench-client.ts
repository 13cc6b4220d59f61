/**
 * The benchmark's load generator: one UDP socket, a window of queries in flight, each answered
 * query replaced by the next until N are answered; latency per query, lost ones (no answer within
 * timeoutMs) counted and replaced. Bounded by count and by maxMs.
 */
import { createSocket } from 'node:dgram';
import type { ListenAddress } from './dns-server.js';
import { buildQuery } from './wire/index.js';

export interface MeasureOptions {
  server: ListenAddress;
  /** Names asked in turn. */
  questions: Array<{ name: string; qtype: number }>;
  queries: number;
  window: number;
  timeoutMs?: number;
  /** Stops after this long whatever was answered (default 60 s). */
  maxMs?: number;
}

export interface DnsBenchResult {
  sent: number;
  answered: number;
  lost: number;
  seconds: number;
  qps: number;
  p50Ms: number;
  p99Ms: number;
}

export function runBenchClient(o: MeasureOptions): Promise<DnsBenchResult> {
  const timeoutMs = o.timeoutMs ?? 1000;
  const maxMs = o.maxMs ?? 60_000;
  const templates = o.questions.map((q) => buildQuery(q.name, q.qtype, { id: 0 }));
  const sentAt = new Float64Array(0x10000).fill(-1);
  const latencies = new Float64Array(o.queries);
  const sock = createSocket('udp4');
  let next = 0;
  let sent = 0;
  let answered = 0;
  let lost = 0;
  let inFlight = 0;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      clearInterval(sweeper);
      sock.close();
      const seconds = (performance.now() - start) / 1000;
      const lat = latencies.subarray(0, answered).sort();
      const pct = (p: number): number => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : 0);
      resolve({ sent, answered, lost, seconds, qps: answered / seconds, p50Ms: pct(0.5), p99Ms: pct(0.99) });
    };
    const send = (): void => {
      if (sent - lost >= o.queries) return;
      for (let tries = 0; tries < 0x10000; tries++) {
        const id = next++ & 0xffff;
        if (sentAt[id] >= 0) continue;
        const t = templates[sent % templates.length];
        t.writeUInt16BE(id, 0);
        sentAt[id] = performance.now();
        sent++;
        inFlight++;
        sock.send(t);
        return;
      }
    };
    sock.on('message', (msg) => {
      if (msg.length < 2) return;
      const id = msg.readUInt16BE(0);
      const t = sentAt[id];
      if (t < 0) return;
      sentAt[id] = -1;
      inFlight--;
      if (answered < o.queries) latencies[answered++] = performance.now() - t;
      if (answered >= o.queries) {
        finish();
        return;
      }
      send();
    });
    const sweeper = setInterval(() => {
      const now = performance.now();
      if (now - start > maxMs) {
        finish();
        return;
      }
      for (let id = 0; id < 0x10000; id++) {
        if (sentAt[id] >= 0 && now - sentAt[id] > timeoutMs) {
          sentAt[id] = -1;
          inFlight--;
          lost++;
          send();
        }
      }
    }, 200);
    sock.on('error', (err) => { clearInterval(sweeper); sock.close(); reject(new Error(`DNS bench: ${o.server.address}:${o.server.port}: ${err.message}`)); });
    sock.connect(o.server.port, o.server.address, (err?: Error) => {
      if (err) {
        clearInterval(sweeper);
        sock.close();
        reject(new Error(`DNS bench: cannot reach ${o.server.address}:${o.server.port}: ${err.message}`));
        return;
      }
      for (let i = 0; i < o.window; i++) send();
    });
  });
}
