import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { SpdyConnection } from './spdy-connection.js';
import type { SpdyStream } from './spdy-stream.js';
import { encodeFrame, FrameReader } from './spdy-frame.js';
import { HeaderCompressor } from './spdy-headers.js';

/** A client and a server session over a real loopback TCP connection. */
async function pair(): Promise<{ client: SpdyConnection; server: SpdyConnection; sockets: Socket[]; close(): Promise<void> }> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const accepted = new Promise<Socket>((r) => srv.once('connection', r));
  const port = (srv.address() as { port: number }).port;
  const c = connect(port, '127.0.0.1');
  const s = await accepted;
  return {
    client: new SpdyConnection(c, { server: false }), server: new SpdyConnection(s, { server: true }), sockets: [c, s],
    async close() { c.destroy(); s.destroy(); await new Promise((r) => srv.close(r)); },
  };
}

const read = (s: SpdyStream): Promise<Buffer> => new Promise((resolve, reject) => {
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.on('end', () => resolve(Buffer.concat(chunks)));
  s.on('error', reject);
});

describe('SPDY connection', () => {
  it('opens streams with headers and carries bytes both ways with half-close', async () => {
    const p = await pair();
    try {
      p.server.on('stream', (s) => {
        assert.equal(s.header('streamType'), 'echo');
        s.pipe(s); // echo until the client's FIN, then FIN back
      });
      const s = await p.client.openStream({ streamtype: ['echo'] });
      const data = randomBytes(1 << 20);
      const got = read(s);
      s.end(data);
      assert.equal(createHash('sha256').update(await got).digest('hex'), createHash('sha256').update(data).digest('hex'));
    } finally {
      await p.close();
    }
  });

  it('keeps to a flow-controlling peer\'s window and answers pings', async () => {
    const p = await pair();
    try {
      let server: SpdyStream | undefined;
      p.server.on('stream', (s) => { server = s; });
      await p.client.ping(1);
      // A raw client: opens stream 1, shows it does flow control, then never acknowledges anything.
      const raw = p.sockets[0]!;
      raw.removeAllListeners('data');
      const compressor = new HeaderCompressor();
      const reader = new FrameReader();
      let received = 0;
      raw.on('data', (c: Buffer) => {
        for (const f of reader.push(c)) if (f.type === 'data' && f.streamId === 3) received += f.data.length;
      });
      raw.write(encodeFrame({ type: 'syn_stream', streamId: 3, associatedTo: 0, priority: 0, fin: false, unidirectional: false, headerBlock: await compressor.compress({ streamtype: ['data'] }) }));
      raw.write(encodeFrame({ type: 'window_update', streamId: 0, delta: 1 << 24 }));
      compressor.close();
      const until = Date.now() + 5000;
      while (!server && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      server!.write(randomBytes(512 * 1024));
      while (received < 65536 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(received, 65536);
      raw.write(encodeFrame({ type: 'window_update', streamId: 3, delta: 1000 }));
      while (received < 65536 + 1000 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(received, 65536 + 1000);
    } finally {
      await p.close();
    }
  });

  it('ends streams on RST_STREAM and on a dropped connection', async () => {
    const p = await pair();
    try {
      const streams: SpdyStream[] = [];
      p.server.on('stream', (s) => { streams.push(s); s.on('error', () => undefined); });
      const a = await p.client.openStream({ streamtype: ['a'] });
      a.on('error', () => undefined);
      a.reset();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(streams[0]!.wasReset, true);
      const b = await p.client.openStream({ streamtype: ['b'] });
      b.on('error', () => undefined);
      const closed = new Promise((r) => p.server.once('close', r));
      p.sockets[0]!.destroy();
      await closed;
      assert.equal(streams[1]!.destroyed, true);
      assert.equal(p.server.streamCount, 0);
    } finally {
      await p.close();
    }
  });

  it('answers garbage with GOAWAY and closes, without throwing', async () => {
    const p = await pair();
    try {
      const errors: Error[] = [];
      p.server.on('protocolError', (e) => errors.push(e));
      const closed = new Promise((r) => p.server.once('close', r));
      p.sockets[0]!.write(Buffer.from([0x80, 9, 0, 1, 0, 0, 0, 0]));
      await closed;
      assert.match(errors[0]!.message, /unsupported SPDY version/);
    } finally {
      await p.close();
    }
  });
});
