/**
 * DnsServer: the sockets — UDP and TCP on each listen address (the same port for both; port 0
 * picks one free for both), TCP with RFC 1035 length framing, several queries per connection,
 * closed after 10 s idle. Every packet goes to the handler; nothing a client sends can throw out of
 * here.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';

export interface ListenAddress { address: string; port: number }

export type QueryHandler = (buf: Buffer, tcp: boolean, reply: (out: Buffer) => void) => void;

const TCP_IDLE_MS = 10_000;
const MAX_TCP_CONNECTIONS = 1000;
const PORT_ATTEMPTS = 20;

export class DnsServer {
  private udp: UdpSocket[] = [];
  private tcp: Server[] = [];
  private conns = new Set<Socket>();
  readonly bound: ListenAddress[] = [];

  constructor(private readonly handler: QueryHandler, private readonly log: (line: string) => void) {}

  /** Binds every address; on any failure closes what was bound and throws. */
  async listen(addresses: ListenAddress[]): Promise<void> {
    try {
      for (const a of addresses) {
        let err: Error | undefined;
        for (let i = 0; i < (a.port === 0 ? PORT_ATTEMPTS : 1); i++) {
          try {
            const u = await this.bindUdp(a);
            const port = u.address().port;
            try {
              await this.bindTcp({ address: a.address, port });
            } catch (e) {
              u.close();
              throw e;
            }
            this.udp.push(u);
            this.bound.push({ address: a.address, port });
            err = undefined;
            break;
          } catch (e) {
            err = e as Error;
          }
        }
        if (err) throw new Error(`Cannot serve cluster DNS on ${a.address}:${a.port}: ${err.message}`);
      }
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private bindUdp(a: ListenAddress): Promise<UdpSocket> {
    return new Promise((resolve, reject) => {
      const s = createSocket({ type: a.address.includes(':') ? 'udp6' : 'udp4' });
      s.once('error', reject);
      s.bind(a.port, a.address, () => {
        s.off('error', reject);
        s.on('error', (err) => this.log(`cluster DNS: udp ${a.address}: ${err.message}`));
        try {
          s.setRecvBufferSize(4 << 20);
        } catch {
          // Kept at the system's default.
        }
        s.on('message', (msg, rinfo) => this.safely(msg, false, (out) => {
          s.send(out, rinfo.port, rinfo.address, () => undefined);
        }));
        resolve(s);
      });
    });
  }

  private bindTcp(a: ListenAddress): Promise<void> {
    return new Promise((resolve, reject) => {
      const srv = createServer((c) => this.serveConnection(c));
      srv.maxConnections = MAX_TCP_CONNECTIONS;
      srv.once('error', reject);
      srv.listen({ host: a.address, port: a.port, exclusive: true }, () => {
        srv.off('error', reject);
        srv.on('error', (err) => this.log(`cluster DNS: tcp ${a.address}: ${err.message}`));
        this.tcp.push(srv);
        resolve();
      });
    });
  }

  private serveConnection(c: Socket): void {
    this.conns.add(c);
    c.setNoDelay(true);
    c.setTimeout(TCP_IDLE_MS, () => c.destroy());
    let buf: Buffer = Buffer.alloc(0);
    c.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) break;
        const frame = buf.subarray(2, 2 + len);
        buf = buf.subarray(2 + len);
        this.safely(frame, true, (out) => {
          if (c.destroyed || !c.writable) return;
          const head = Buffer.allocUnsafe(2);
          head.writeUInt16BE(out.length, 0);
          c.write(Buffer.concat([head, out]));
        });
      }
    });
    c.on('error', () => c.destroy());
    c.on('close', () => this.conns.delete(c));
  }

  private safely(buf: Buffer, tcp: boolean, reply: (out: Buffer) => void): void {
    try {
      this.handler(buf, tcp, reply);
    } catch (err) {
      this.log(`cluster DNS: query failed: ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    for (const s of this.udp) s.close();
    this.udp = [];
    for (const c of this.conns) c.destroy();
    await Promise.all(this.tcp.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.tcp = [];
  }
}
