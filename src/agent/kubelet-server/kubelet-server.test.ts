/**
 * The kubelet server over real HTTPS on loopback with certificates from a real cluster CA, a fake
 * LogSource and real CRI log files in a temporary directory.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadOrCreatePki, type CertAndKey, type Pki } from '../../pki/index.js';
import { KUBELET_CLIENT_USER, startKubeletServer, type KubeletServer } from './kubelet-server.js';
import type { LogPod, LogSource } from './log-source.js';

interface Reply { status: number; body: string }

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('kubelet server: containerLogs', () => {
  const dir = mkdtempSync(join(tmpdir(), `navarch-kubelet-${process.pid}-`));
  const logDir = join(dir, 'pod-logs', 'shop_web_u-1');
  let pki: Pki;
  let client: CertAndKey;
  let nodeClient: CertAndKey;
  let server: KubeletServer;
  const running = new Set<string>(['runc://app-1']);
  const pods = new Map<string, LogPod>();

  const source: LogSource = {
    pod: (ns, name) => pods.get(`${ns}/${name}`),
    isRunning: (id) => running.has(id),
  };

  before(async () => {
    pki = await loadOrCreatePki(join(dir, 'pki'));
    const serving = await pki.issueServingCert({ ips: ['127.0.0.1'] });
    client = await pki.issueClientCert(KUBELET_CLIENT_USER, []);
    nodeClient = await pki.issueClientCert('system:node:other', ['system:nodes']);
    mkdirSync(join(logDir, 'app'), { recursive: true });
    mkdirSync(join(logDir, 'init'), { recursive: true });
    writeFileSync(join(logDir, 'app', '0.log'), '2024-05-01T10:00:00.000000001Z stdout F first run\n2024-05-01T10:00:01Z stderr F crashed\n');
    writeFileSync(join(logDir, 'app', '1.log'), [
      '2024-05-01T10:01:00Z stdout F one', '2024-05-01T10:01:01Z stdout F two', '2024-05-01T10:01:02.5Z stderr F three', '',
    ].join('\n'));
    writeFileSync(join(logDir, 'init', '0.log'), '2024-05-01T09:59:00Z stdout F init done\n');
    pods.set('shop/web', {
      logDirectory: logDir,
      pod: {
        metadata: { name: 'web', namespace: 'shop', uid: 'u-1' },
        spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }, { name: 'side' }, { name: 'gone' }] },
        status: {
          initContainerStatuses: [{ name: 'init', containerID: 'runc://init-0', restartCount: 0, state: { terminated: { containerID: 'runc://init-0' } } }],
          containerStatuses: [
            { name: 'app', containerID: 'runc://app-1', restartCount: 1, state: { running: {} }, lastState: { terminated: { containerID: 'runc://app-0' } } },
            { name: 'side', restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
            { name: 'gone', containerID: 'runc://gone-5', restartCount: 5, state: { terminated: { containerID: 'runc://gone-5' } } },
          ],
        },
      },
    });
    server = await startKubeletServer({ cert: serving.cert, key: serving.key, clientCA: pki.caCert, port: 0, host: '127.0.0.1', logs: source });
  });

  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function open(path: string, id: CertAndKey | null = client): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port: server.port, path, method: 'GET', agent: false, ca: pki.caCert, ...(id ? { cert: id.cert, key: id.key } : {}),
      }, resolve);
      req.on('error', reject);
      req.end();
    });
  }

  async function get(path: string, id: CertAndKey | null = client): Promise<Reply> {
    const res = await open(path, id);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() };
  }

  it('serves the current instance\'s log, and the previous one', async () => {
    assert.deepEqual(await get('/containerLogs/shop/web/app'), { status: 200, body: 'one\ntwo\nthree\n' });
    assert.deepEqual(await get('/containerLogs/shop/web/app?previous=true'), { status: 200, body: 'first run\ncrashed\n' });
    assert.deepEqual(await get('/containerLogs/shop/web/init'), { status: 200, body: 'init done\n' });
  });

  it('applies tailLines, timestamps, limitBytes and sinceTime', async () => {
    assert.deepEqual(await get('/containerLogs/shop/web/app?tailLines=2'), { status: 200, body: 'two\nthree\n' });
    assert.deepEqual(await get('/containerLogs/shop/web/app?tailLines=1&timestamps=true'), { status: 200, body: '2024-05-01T10:01:02.500000000Z three\n' });
    assert.deepEqual(await get('/containerLogs/shop/web/app?limitBytes=6'), { status: 200, body: 'one\ntw' });
    assert.deepEqual(await get('/containerLogs/shop/web/app?sinceTime=2024-05-01T10:01:01Z'), { status: 200, body: 'two\nthree\n' });
    assert.deepEqual(await get('/containerLogs/shop/web/app?sinceSeconds=1'), { status: 200, body: '' });
  });

  it('answers what the kubelet answers when there is no log to give', async () => {
    assert.deepEqual(await get('/containerLogs/shop/nope/app'), { status: 404, body: 'pod "nope" does not exist' });
    assert.deepEqual(await get('/containerLogs/shop/web/nope'), { status: 404, body: 'container "nope" not found in pod "web"' });
    assert.deepEqual(await get('/containerLogs/shop/web/side'), { status: 400, body: 'container "side" in pod "web" is waiting to start: ContainerCreating' });
    assert.deepEqual(await get('/containerLogs/shop/web/side?previous=true'), { status: 400, body: 'previous terminated container "side" in pod "web" not found' });
    assert.deepEqual(await get('/containerLogs/shop/web/app?tailLines=-1'), { status: 422, body: '{"message": "Invalid request."}' });
    assert.deepEqual(await get('/containerLogs/shop/web/app?tailLines=x'), { status: 400, body: '{"message": "Unable to decode query."}' });
    const missing = join(logDir, 'gone', '5.log');
    assert.deepEqual(await get('/containerLogs/shop/web/gone'), {
      status: 200, body: `failed to try resolving symlinks in path "${missing}": lstat ${missing}: no such file or directory`,
    });
    assert.equal((await get('/containerLogs/shop/web')).status, 404);
  });

  it('lets in only the API server\'s client certificate', async () => {
    assert.deepEqual(await get('/containerLogs/shop/web/app', null), { status: 401, body: 'Unauthorized' });
    assert.deepEqual(await get('/containerLogs/shop/web/app', nodeClient), {
      status: 403, body: 'Forbidden (user=system:node:other, verb=get, resource=nodes, subresource(s)=[proxy])',
    });
    const strangerDir = mkdtempSync(join(tmpdir(), `navarch-kubelet-other-${process.pid}-`));
    try {
      const stranger = await (await loadOrCreatePki(strangerDir)).issueClientCert(KUBELET_CLIENT_USER, []);
      assert.equal((await get('/containerLogs/shop/web/app', stranger)).status, 401);
    } finally {
      rmSync(strangerDir, { recursive: true, force: true });
    }
  });

  it('follows the log as it grows and ends when the container stops', async () => {
    const file = join(logDir, 'app', '1.log');
    const res = await open('/containerLogs/shop/web/app?follow=true&tailLines=1');
    assert.equal(res.statusCode, 200);
    let text = '';
    res.on('data', (c: Buffer) => { text += c.toString(); });
    const ended = new Promise<void>((resolve) => res.on('end', () => resolve()));
    try {
      await until(() => text === 'three\n', 'the tail');
      appendFileSync(file, '2024-05-01T10:02:00Z stdout F four\n');
      await until(() => text === 'three\nfour\n', 'an appended line');
    } finally {
      running.delete('runc://app-1');
    }
    await ended;
    assert.equal(text, 'three\nfour\n');
    running.add('runc://app-1');
  });

  it('cuts open streams when it closes', async () => {
    const serving = await pki.issueServingCert({ ips: ['127.0.0.1'] });
    const other = await startKubeletServer({ cert: serving.cert, key: serving.key, clientCA: pki.caCert, port: 0, host: '127.0.0.1', logs: source });
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      request({ host: '127.0.0.1', port: other.port, path: '/containerLogs/shop/web/app?follow=true', ca: pki.caCert, cert: client.cert, key: client.key }, resolve)
        .on('error', reject).end();
    });
    let text = '';
    res.on('data', (c: Buffer) => { text += c.toString(); });
    const ended = new Promise<void>((resolve) => { res.on('close', () => resolve()); res.on('end', () => resolve()); });
    await until(() => text.includes('three\n'), 'the log');
    await other.close();
    await ended;
  });
});
