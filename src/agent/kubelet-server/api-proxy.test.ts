/**
 * GET pods/<name>/log through the API server: it finds the pod's node and its kubelet endpoint, asks
 * the kubelet server (real HTTPS, client certificates both ways) and streams the answer back; its
 * own checks and the kubelet's refusals come back as Statuses.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../../api/types/core/pod/index.js';
import { loadOrCreatePki } from '../../pki/index.js';
import { startKubeletServer } from './kubelet-server.js';
import { NODES, startLogCluster, until, type LogCluster } from './testing.js';

const LOG = '/api/v1/namespaces/default/pods';

interface StatusBody { kind: string; code: number; reason?: string; message: string; details?: Record<string, unknown> }

describe('pods/log through the API server', () => {
  let c: LogCluster;
  let web: Pod;

  before(async () => {
    c = await startLogCluster();
    web = await c.pod('web', { containers: [{ name: 'app', image: 'busybox' }] }, {
      containerStatuses: [{ name: 'app', containerID: 'runc://web-1', restartCount: 1, state: { running: {} }, lastState: { terminated: { containerID: 'runc://web-0' } } }],
    });
    c.running.add('runc://web-1');
    c.log(web, 'app', 0, ['before the crash']);
    c.log(web, 'app', 1, ['hello', 'world'], '2024-05-01T10:00:00.25Z');
    await c.pod('multi', { containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }], initContainers: [{ name: 'setup', image: 'busybox' }] });
    await c.pod('waiting', { containers: [{ name: 'app', image: 'busybox' }] }, {
      containerStatuses: [{ name: 'app', restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
    });
    await c.pod('unscheduled', { nodeName: '', containers: [{ name: 'app', image: 'busybox' }] });
  });

  after(async () => { await c?.stop(); });

  async function status(path: string): Promise<StatusBody> {
    const r = await c.api(path);
    assert.match(r.contentType, /application\/json/);
    const s = JSON.parse(r.body) as StatusBody;
    assert.equal(s.kind, 'Status');
    assert.equal(s.code, r.status);
    return s;
  }

  it('streams the container\'s log as text, with the options passed on', async () => {
    assert.deepEqual(await c.api(`${LOG}/web/log`), { status: 200, body: 'hello\nworld\n', contentType: 'text/plain' });
    assert.equal((await c.api(`${LOG}/web/log?container=app&tailLines=1`)).body, 'world\n');
    assert.equal((await c.api(`${LOG}/web/log?timestamps=true&limitBytes=36`)).body, '2024-05-01T10:00:00.250000000Z hello');
    assert.equal((await c.api(`${LOG}/web/log?previous=true`)).body, 'before the crash\n');
    assert.equal((await c.api(`${LOG}/web/log?sinceTime=2024-05-01T10:00:01Z`)).body, '');
  });

  it('follows the log until the container stops', async () => {
    const res = await c.apiStream(`${LOG}/web/log?follow=true&tailLines=1`);
    assert.equal(res.statusCode, 200);
    let text = '';
    res.on('data', (b: Buffer) => { text += b.toString(); });
    const ended = new Promise<void>((resolve) => res.on('end', () => resolve()));
    try {
      await until(() => text === 'world\n', 'the tail');
      c.log(web, 'app', 1, ['more']);
      await until(() => text === 'world\nmore\n', 'the appended line');
    } finally {
      c.running.delete('runc://web-1');
    }
    await ended;
    c.running.add('runc://web-1');
    assert.equal(text, 'world\nmore\n');
  });

  it('stops the kubelet\'s stream when the client goes away', async () => {
    const res = await c.apiStream(`${LOG}/web/log?follow=true`);
    let text = '';
    res.on('data', (b: Buffer) => { text += b.toString(); });
    await until(() => text.includes('world\n'), 'the log');
    assert.equal(c.kubelet.activeStreams, 1);
    res.destroy();
    await until(() => c.kubelet.activeStreams === 0, 'the kubelet\'s stream to end');
  });

  it('asks for a container name when the pod has several', async () => {
    const s = await status(`${LOG}/multi/log`);
    assert.equal(s.reason, 'BadRequest');
    assert.equal(s.message, 'a container name must be specified for pod multi, choose one of: [setup a b]');
    assert.equal((await status(`${LOG}/multi/log?container=nope`)).message, 'container nope is not valid for pod multi');
  });

  it('passes on why a container has no log yet', async () => {
    const s = await status(`${LOG}/waiting/log`);
    assert.deepEqual([s.code, s.reason, s.message], [400, 'BadRequest', 'container "app" in pod "waiting" is waiting to start: ContainerCreating']);
    assert.equal((await status(`${LOG}/waiting/log?previous=1`)).message, 'previous terminated container "app" in pod "waiting" not found');
  });

  it('answers 404 for a pod that is not there, and an empty log for one not scheduled', async () => {
    const s = await status(`${LOG}/nope/log`);
    assert.deepEqual([s.code, s.reason, s.message], [404, 'NotFound', 'pods "nope" not found']);
    assert.deepEqual(await c.api(`${LOG}/unscheduled/log`), { status: 200, body: '', contentType: 'text/plain' });
  });

  it('validates the options', async () => {
    const s = await status(`${LOG}/web/log?tailLines=-1`);
    assert.deepEqual([s.code, s.reason, s.message], [422, 'Invalid', 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0']);
    assert.equal((await status(`${LOG}/web/log?sinceSeconds=0`)).message, 'PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0');
    const bad = await status(`${LOG}/web/log?tailLines=ten`);
    assert.deepEqual([bad.code, bad.reason], [400, 'BadRequest']);
  });

  it('turns the kubelet\'s 404 into NotFound for pods/log', async () => {
    await c.pod('elsewhere', { containers: [{ name: 'app', image: 'busybox' }] });
    c.hidden.add('elsewhere');
    const s = await status(`${LOG}/elsewhere/log`);
    assert.deepEqual([s.code, s.reason, s.message], [404, 'NotFound', 'the server could not find the requested resource ( pods/log elsewhere)']);
    assert.deepEqual(s.details, { name: 'elsewhere', kind: 'pods/log' });
  });

  it('reports an unreachable kubelet as Go reports a failed dial', async () => {
    const nodes = c.fx.clientset.resource<{ apiVersion: string; kind: string; metadata: { name: string } }>(NODES);
    await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: `down-${process.pid}` } });
    await nodes.patch(`down-${process.pid}`, 'merge', {
      status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: 1 } } },
    }, { subresource: 'status' });
    await c.fx.clientset.resource<Pod>({ group: '', version: 'v1', resource: 'pods' }).namespace('default').create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stranded' }, spec: { nodeName: `down-${process.pid}`, containers: [{ name: 'app', image: 'busybox' }] },
    } as Pod);
    const s = await status(`${LOG}/stranded/log`);
    assert.equal(s.code, 500);
    assert.equal(s.message, 'Get "https://127.0.0.1:1/containerLogs/default/stranded/app": dial tcp 127.0.0.1:1: connect: connection refused');
  });

  it('checks the kubelet\'s certificate against the cluster CA unless told to skip it', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), `navarch-kubelet-ca-${process.pid}-`));
    const name = `stranger-${process.pid}`;
    const pki = await loadOrCreatePki(otherDir);
    const serving = await pki.issueServingCert({ ips: ['127.0.0.1'] });
    const stranger = await startKubeletServer({
      cert: serving.cert, key: serving.key, clientCA: c.fx.server.pki.caCert, port: 0, host: '127.0.0.1',
      logs: { pod: () => ({ pod: { metadata: { name: 'odd' }, spec: { containers: [{ name: 'app' }] }, status: { containerStatuses: [{ name: 'app', containerID: 'runc://x', restartCount: 0, state: { running: {} } }] } }, logDirectory: join(otherDir, 'logs') }), isRunning: () => false },
    });
    try {
      const dir = join(otherDir, 'logs', 'app');
      mkdirSync(dir, { recursive: true });
      appendFileSync(join(dir, '0.log'), '2024-05-01T10:00:00Z stdout F from a stranger\n');
      const nodes = c.fx.clientset.resource<{ apiVersion: string; kind: string; metadata: { name: string } }>(NODES);
      await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
      await nodes.patch(name, 'merge', {
        status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: stranger.port } } },
      }, { subresource: 'status' });
      await c.fx.clientset.resource<Pod>({ group: '', version: 'v1', resource: 'pods' }).namespace('default').create({
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'odd' }, spec: { nodeName: name, containers: [{ name: 'app', image: 'busybox' }] },
      } as Pod);
      const s = await status(`${LOG}/odd/log`);
      assert.equal(s.code, 500);
      assert.match(s.message, /x509: certificate signed by unknown authority$/);
      assert.equal((await c.api(`${LOG}/odd/log?insecureSkipTLSVerifyBackend=true`)).body, 'from a stranger\n');
    } finally {
      await stranger.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
