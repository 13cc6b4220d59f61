/**
 * The real kubectl against a tiny HTTP server that serves only discovery, OpenAPI and /version
 * from these components: `kubectl api-resources` (aggregated discovery v2 for kubectl 1.32,
 * v2beta1 for 1.27, and the per-group documents when aggregation is off) and `kubectl explain`
 * (OpenAPI v3 for 1.32; the protobuf Swagger 2.0 document for 1.27 and --output plaintext-openapiv2).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { builtinResources, type ResourceDef } from '../../api/index.js';
import {
  aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, legacyApiVersions, negotiateAggregatedDiscovery,
} from '../discovery/index.js';
import {
  negotiateOpenApiV2, OPENAPI_V2_PROTOBUF, openApiV2, openApiV2Protobuf, openApiV3Document, openApiV3Index, parseOpenApiV3Key,
  type ServedDocument,
} from './index.js';
import { widgets } from './testing.js';

const run = promisify(execFile);
const core = builtinResources.filter((r) => r.group === '' && ['namespaces', 'configmaps', 'pods'].includes(r.plural));
const resources: ResourceDef[] = [...core, widgets];

interface TestServer { url: string; requests: string[]; close(): Promise<void> }

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function sendDocument(req: IncomingMessage, res: ServerResponse, doc: ServedDocument | undefined): void {
  if (!doc) return send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  if (req.headers['if-none-match'] === doc.etag) {
    res.writeHead(304, { ETag: doc.etag });
    res.end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', ETag: doc.etag });
  res.end(doc.json);
}

/** Answers a create by returning the object it was sent, recording the request line. */
function echoCreated(req: IncomingMessage, res: ServerResponse, requests: string[]): void {
  requests.push(`POST ${req.url}`);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const obj = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata?: Record<string, unknown> };
    obj.metadata = { ...obj.metadata, uid: 'u-1', resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z' };
    send(res, 201, obj);
  });
}

async function startServer(opts: { aggregated: boolean }): Promise<TestServer> {
  const requests: string[] = [];
  let address = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '') || '/';
    const agg = opts.aggregated ? negotiateAggregatedDiscovery(req.headers.accept) : undefined;
    requests.push(`${path}${agg ? ` (${agg.apiVersion})` : ''}`);
    const parts = path.split('/').filter(Boolean);
    if (req.method === 'POST') return echoCreated(req, res, requests);
    if (path === '/version') return send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
    if (path === '/api') return agg ? send(res, 200, aggregatedDiscovery(resources, 'legacy', agg.apiVersion), agg.contentType) : send(res, 200, legacyApiVersions(address));
    if (path === '/apis') return agg ? send(res, 200, aggregatedDiscovery(resources, 'apis', agg.apiVersion), agg.contentType) : send(res, 200, apiGroupList(resources));
    if (parts[0] === 'api' && parts.length === 2) return send(res, apiResourceList(resources, '', parts[1]) ? 200 : 404, apiResourceList(resources, '', parts[1]) ?? {});
    if (parts[0] === 'apis' && parts.length === 2) return send(res, apiGroup(resources, parts[1]) ? 200 : 404, apiGroup(resources, parts[1]) ?? {});
    if (parts[0] === 'apis' && parts.length === 3) {
      const list = apiResourceList(resources, parts[1], parts[2]);
      return send(res, list ? 200 : 404, list ?? {});
    }
    if (path === '/openapi/v2' && negotiateOpenApiV2(req.headers.accept) === 'protobuf') {
      requests.push('/openapi/v2 (protobuf)');
      res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF, ETag: openApiV2Protobuf(resources).etag });
      res.end(openApiV2Protobuf(resources).body);
      return;
    }
    if (path === '/openapi/v2') return sendDocument(req, res, openApiV2(resources));
    if (path === '/openapi/v3') return sendDocument(req, res, openApiV3Index(resources));
    if (path.startsWith('/openapi/v3/')) {
      const gv = parseOpenApiV3Key(path.slice('/openapi/v3/'.length));
      return sendDocument(req, res, gv && openApiV3Document(resources, gv.group, gv.version));
    }
    send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  address = `127.0.0.1:${port}`;
  return {
    url: `http://${address}`, requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The kubectl on PATH, and a versioned one beside the binary it links to (kubectl.1.27). */
function kubectlPath(version?: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, 'kubectl');
    if (!existsSync(p)) continue;
    if (!version) return p;
    const versioned = join(dirname(realpathSync(p)), `kubectl.${version}`);
    return existsSync(versioned) ? versioned : undefined;
  }
  return undefined;
}

describe('kubectl against discovery and OpenAPI', () => {
  const work = mkdtempSync(join(tmpdir(), 'navarch-openapi-'));
  let server: TestServer;
  let plain: TestServer;
  let cache = 0;

  const kubectl = async (target: TestServer, args: string[], binary = kubectlPath()): Promise<string> => {
    assert.ok(binary, 'kubectl is not on PATH');
    const config = join(work, `kubeconfig-${cache}`);
    writeFileSync(config, [
      'apiVersion: v1', 'kind: Config', 'current-context: test',
      'clusters: [{name: test, cluster: {server: "' + target.url + '"}}]',
      'users: [{name: test, user: {}}]',
      'contexts: [{name: test, context: {cluster: test, user: test}}]', '',
    ].join('\n'));
    const { stdout } = await run(binary, ['--kubeconfig', config, '--cache-dir', join(work, `cache-${cache++}`), ...args], {
      timeout: 60_000, env: { ...process.env, HOME: work, KUBECONFIG: '' },
    });
    return stdout;
  };

  before(async () => {
    server = await startServer({ aggregated: true });
    plain = await startServer({ aggregated: false });
  });
  after(async () => {
    await server.close();
    await plain.close();
    rmSync(work, { recursive: true, force: true });
  });

  const assertResources = (out: string): void => {
    assert.match(out, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND\s*$/m);
    assert.match(out, /^configmaps\s+cm\s+v1\s+true\s+ConfigMap\s*$/m);
    assert.match(out, /^namespaces\s+ns\s+v1\s+false\s+Namespace\s*$/m);
    assert.match(out, /^widgets\s+wd\s+example\.com\/v1\s+true\s+Widget\s*$/m);
    assert.match(out, /^selfsubjectreviews\s+authentication\.k8s\.io\/v1\s+false\s+SelfSubjectReview\s*$/m);
    assert.match(out, /^localsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+true\s+LocalSubjectAccessReview\s*$/m);
  };

  it('kubectl api-resources reads aggregated discovery v2', async () => {
    server.requests.length = 0;
    assertResources(await kubectl(server, ['api-resources']));
    assert.ok(server.requests.includes('/apis (apidiscovery.k8s.io/v2)'), server.requests.join(', '));
  });

  it('kubectl 1.27 api-resources reads aggregated discovery v2beta1', async (t) => {
    const old = kubectlPath('1.27');
    if (!old) return t.skip('kubectl.1.27 is not installed');
    server.requests.length = 0;
    assertResources(await kubectl(server, ['api-resources'], old));
    assert.ok(server.requests.includes('/apis (apidiscovery.k8s.io/v2beta1)'), server.requests.join(', '));
  });

  it('kubectl api-resources reads the per-group documents when aggregation is not offered', async () => {
    assertResources(await kubectl(plain, ['api-resources']));
    assert.ok(plain.requests.includes('/api/v1') && plain.requests.includes('/apis/example.com/v1'), plain.requests.join(', '));
  });

  const words = (s: string): string => s.replace(/\s+/g, ' ').trim();

  it('kubectl explain configmap.data prints the field and our description', async () => {
    const out = await kubectl(server, ['explain', 'configmap.data']);
    assert.match(out, /^KIND:\s+ConfigMap$/m);
    assert.match(out, /^VERSION:\s+v1$/m);
    assert.match(out, /^FIELD: data <map\[string\]string>$/m);
    assert.match(out, /^DESCRIPTION:$/m);
    const cm = core.find((r) => r.plural === 'configmaps');
    assert.ok(words(out).includes(words(cm?.schema.fields.data.description ?? '?')), out);
  });

  it('kubectl explain namespace.spec.finalizers prints the field and our description', async () => {
    const out = await kubectl(server, ['explain', 'namespace.spec.finalizers']);
    assert.match(out, /^FIELD: finalizers <\[\]string>$/m);
    assert.ok(words(out).includes('Values that must be emptied before the namespace is removed from storage.'), out);
  });

  it('kubectl explain follows refs through lists, int-or-string and quantities', async () => {
    const probe = await kubectl(server, ['explain', 'widgets.spec.containers.livenessProbe']);
    assert.match(probe, /^GROUP:\s+example\.com$/m);
    assert.match(probe, /^FIELD: livenessProbe <WidgetProbe>$/m);
    assert.match(probe, /^FIELDS:$/m);
    assert.match(probe, /^\s+port\s+<IntOrString> -required-$/m);
    assert.match(probe, /^\s+periodSeconds\s+<integer>$/m);
    const spec = await kubectl(server, ['explain', 'widget.spec']);
    assert.match(spec, /^\s+memory\s+<Quantity>$/m);
    assert.match(spec, /^\s+containers\s+<\[\]WidgetContainer> -required-$/m);
    assert.match(spec, /^\s+mode\s+<string>$/m);
    assert.match(spec, /^\s+startAt\s+<string>$/m);
    assert.match(spec, /enum: Fast, Slow/);
  });

  it('kubectl explain reads the protobuf Swagger 2.0 document (--output plaintext-openapiv2)', async () => {
    server.requests.length = 0;
    const out = await kubectl(server, ['explain', '--output', 'plaintext-openapiv2', 'configmap.data']);
    assert.ok(server.requests.includes('/openapi/v2 (protobuf)'), server.requests.join(', '));
    assert.match(out, /^KIND:\s+ConfigMap$/m);
    assert.match(out, /^FIELD:\s+data <map\[string\]string>$/m);
    const cm = core.find((r) => r.plural === 'configmaps');
    assert.ok(words(out).includes(words(cm?.schema.fields.data.description ?? '?')), out);
    const probe = await kubectl(server, ['explain', '--output', 'plaintext-openapiv2', 'widgets.spec.containers.livenessProbe']);
    assert.match(probe, /^RESOURCE:\s+livenessProbe <Object>$/m);
    assert.match(probe, /^\s+port\s+<string> -required-$/m);
  });

  it('kubectl 1.27 explain reads the protobuf Swagger 2.0 document', async (t) => {
    const old = kubectlPath('1.27');
    if (!old) return t.skip('kubectl.1.27 is not installed');
    const out = await kubectl(server, ['explain', 'namespace.spec.finalizers'], old);
    assert.match(out, /^KIND:\s+Namespace$/m);
    assert.match(out, /^FIELD:\s+finalizers <\[\]string>$/m);
    assert.ok(words(out).includes('Values that must be emptied before the namespace is removed from storage.'), out);
  });

  it('kubectl explain pod.spec.containers.livenessProbe resolves the Probe type', async () => {
    const out = await kubectl(server, ['explain', 'pod.spec.containers.livenessProbe']);
    assert.match(out, /^KIND:\s+Pod$/m);
    assert.match(out, /^FIELD: livenessProbe <Probe>$/m);
    assert.match(out, /^\s+httpGet\s+<HTTPGetAction>$/m);
    assert.match(out, /^\s+periodSeconds\s+<integer>$/m);
  });

  it('kubectl create finds fieldValidation in OpenAPI v3 and leaves validation to the server', async () => {
    // With the parameter advertised, kubectl skips its own schema check and sends fieldValidation=Strict;
    // without it, kubectl would reject the unknown field itself before sending anything.
    const manifest = join(work, 'cm.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\nunknownField: 1\n');
    server.requests.length = 0;
    const out = await kubectl(server, ['create', '-n', 'default', '-f', manifest]);
    assert.match(out, /^configmap\/settings created$/m);
    const post = server.requests.find((r) => r.startsWith('POST '));
    assert.ok(post?.startsWith('POST /api/v1/namespaces/default/configmaps?'), server.requests.join(', '));
    assert.match(post ?? '', /[?&]fieldValidation=Strict(&|$)/);
    assert.ok(server.requests.includes('/openapi/v3/api/v1'), server.requests.join(', '));
  });
});
