/**
 * kubectl's `create` generators send their objects in protobuf (kubectl 1.32 and 1.33; 1.27 still
 * sends JSON). Each generator runs twice against one cluster: once as typed (the protobuf path), and
 * once through JSON — its `--dry-run=client -o json` output given to `kubectl create -f -`. The two
 * stored objects must be the same apart from what the server assigns per object (name, uid,
 * resourceVersion, timestamps, managed fields, allocated IPs and ports) and status.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadKubeconfig, RestClient } from '../../src/client/index.js';
import { startCluster, type Cluster } from './harness.js';

type Json = Record<string, unknown>;

function at(v: unknown, ...path: Array<string | number>): unknown {
  for (const k of path) v = (v as Record<string | number, unknown> | undefined)?.[k];
  return v;
}

interface Generator {
  readonly id: string;
  /** The collection the object is read back from; NS stands for the namespace. */
  readonly path: string;
  /** Arguments after `kubectl create`, for an object named `name`. */
  args(name: string, tls: { cert: string; key: string }): string[];
  /** Values the protobuf-created object must hold: zeros and pointers kubectl set on purpose. */
  check?(obj: Json): void;
}

const GENERATORS: readonly Generator[] = [
  { id: 'namespace', path: '/api/v1/namespaces', args: (n) => ['namespace', n] },
  {
    id: 'deployment', path: '/apis/apps/v1/namespaces/NS/deployments',
    args: (n) => ['deployment', n, '--image=nginx:1.27', '--replicas=0', '--port=80'],
    check: (o) => assert.equal(at(o, 'spec', 'replicas'), 0),
  },
  {
    id: 'configmap', path: '/api/v1/namespaces/NS/configmaps', args: (n) => ['configmap', n, '--from-literal=a=b', '--from-literal=empty='],
    check: (o) => assert.deepEqual(o.data, { a: 'b', empty: '' }),
  },
  { id: 'secret-generic', path: '/api/v1/namespaces/NS/secrets', args: (n) => ['secret', 'generic', n, '--from-literal=user=admin', '--type=Opaque'] },
  { id: 'secret-tls', path: '/api/v1/namespaces/NS/secrets', args: (n, tls) => ['secret', 'tls', n, `--cert=${tls.cert}`, `--key=${tls.key}`] },
  {
    id: 'secret-docker-registry', path: '/api/v1/namespaces/NS/secrets',
    args: (n) => ['secret', 'docker-registry', n, '--docker-server=registry.example', '--docker-username=u', '--docker-password=p', '--docker-email=u@example.com'],
  },
  { id: 'service-clusterip', path: '/api/v1/namespaces/NS/services', args: (n) => ['service', 'clusterip', n, '--tcp=80:8080', '--tcp=443:8443'] },
  { id: 'service-nodeport', path: '/api/v1/namespaces/NS/services', args: (n) => ['service', 'nodeport', n, '--tcp=80:8080'] },
  { id: 'service-loadbalancer', path: '/api/v1/namespaces/NS/services', args: (n) => ['service', 'loadbalancer', n, '--tcp=5678:8080'] },
  { id: 'service-externalname', path: '/api/v1/namespaces/NS/services', args: (n) => ['service', 'externalname', n, '--external-name=db.example.com'] },
  { id: 'job', path: '/apis/batch/v1/namespaces/NS/jobs', args: (n) => ['job', n, '--image=busybox', '--', 'echo', 'hi'] },
  { id: 'cronjob', path: '/apis/batch/v1/namespaces/NS/cronjobs', args: (n) => ['cronjob', n, '--image=busybox', '--schedule=*/5 * * * *', '--restart=OnFailure', '--', 'date'] },
  { id: 'role', path: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/roles', args: (n) => ['role', n, '--verb=get,list,watch', '--resource=pods,deployments.apps', '--resource-name=web'] },
  { id: 'clusterrole', path: '/apis/rbac.authorization.k8s.io/v1/clusterroles', args: (n) => ['clusterrole', n, '--verb=get', '--non-resource-url=/healthz'] },
  { id: 'clusterrole-aggregated', path: '/apis/rbac.authorization.k8s.io/v1/clusterroles', args: (n) => ['clusterrole', n, '--aggregation-rule=team=web'] },
  {
    id: 'rolebinding', path: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/rolebindings',
    args: (n) => ['rolebinding', n, '--role=view-pods', '--user=alice', '--group=devs', '--serviceaccount=default:builder'],
  },
  { id: 'clusterrolebinding', path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', args: (n) => ['clusterrolebinding', n, '--clusterrole=view', '--user=bob'] },
  { id: 'quota', path: '/api/v1/namespaces/NS/resourcequotas', args: (n) => ['quota', n, '--hard=pods=10,requests.cpu=2,requests.memory=1Gi', '--scopes=NotTerminating'] },
  {
    id: 'priorityclass', path: '/apis/scheduling.k8s.io/v1/priorityclasses',
    args: (n) => ['priorityclass', n, '--value=0', '--global-default=false', '--description=batch', '--preemption-policy=Never'],
    check: (o) => assert.deepEqual([o.value, o.preemptionPolicy, o.globalDefault], [0, 'Never', undefined]),
  },
  {
    id: 'poddisruptionbudget', path: '/apis/policy/v1/namespaces/NS/poddisruptionbudgets',
    args: (n) => ['poddisruptionbudget', n, '--selector=app=web', '--min-available=0'],
    check: (o) => assert.equal(at(o, 'spec', 'minAvailable'), 0),
  },
  { id: 'poddisruptionbudget-percent', path: '/apis/policy/v1/namespaces/NS/poddisruptionbudgets', args: (n) => ['pdb', n, '--selector=app=web', '--max-unavailable=50%'] },
  {
    id: 'ingress', path: '/apis/networking.k8s.io/v1/namespaces/NS/ingresses',
    args: (n) => ['ingress', n, '--class=nginx', '--rule=web.example/api*=api:8080,tls=web-tls', '--default-backend=fallback:80', '--annotation=team=web'],
    check: (o) => assert.deepEqual(at(o, 'spec', 'rules', 0, 'http', 'paths', 0), { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } }),
  },
  { id: 'serviceaccount', path: '/api/v1/namespaces/NS/serviceaccounts', args: (n) => ['serviceaccount', n] },
];

const KUBECTL_DIR = dirname(realpathSync(execFileSync('which', ['kubectl']).toString().trim()));
const VERSIONS = [
  { version: '1.32', bin: 'kubectl', protobuf: true },
  { version: '1.27', bin: join(KUBECTL_DIR, 'kubectl.1.27'), protobuf: false },
  { version: '1.33', bin: join(KUBECTL_DIR, 'kubectl.1.33'), protobuf: true },
];

/** The object minus what differs between two creations of it; `names` and `uid` become placeholders. */
function comparable(obj: Json, names: string[]): unknown {
  const meta = obj.metadata as Json;
  const uid = meta.uid as string;
  const annotations = Object.entries((meta.annotations ?? {}) as Record<string, string>)
    .filter(([k]) => !k.startsWith('deployment.kubernetes.io/'));
  // The ServiceLB controller adds its cleanup finalizer to LoadBalancer Services at its own pace.
  const finalizers = ((meta.finalizers ?? []) as string[]).filter((f) => f !== 'service.kubernetes.io/load-balancer-cleanup');
  const rest: Json = { ...obj, metadata: { labels: meta.labels, annotations: Object.fromEntries(annotations), finalizers: finalizers.length ? finalizers : undefined } };
  delete rest.status;
  const spec = rest.spec as Json | undefined;
  if (obj.kind === 'Service' && spec) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    for (const p of (spec.ports ?? []) as Json[]) delete p.nodePort;
  }
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') return names.includes(v) ? 'NAME' : v.split(uid).join('UID');
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === 'object') {
      // A nil list is null in kubectl's JSON and absent in protobuf: both mean "none".
      return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, clean(x)]));
    }
    return v;
  };
  return clean(rest);
}

describe('kubectl create generators send protobuf; the objects match the JSON path', { concurrency: true }, () => {
  let c: Cluster;
  let client: RestClient;
  let tls: { cert: string; key: string };
  before(async () => {
    c = await startCluster('sqlite');
    client = new RestClient(loadKubeconfig(c.kubeconfig));
    tls = { cert: join(c.dataDir, 'tls', 'admin.crt'), key: join(c.dataDir, 'tls', 'admin.key') };
  });
  after(async () => {
    client?.close();
    await c?.stop();
  });

  async function read(collection: string, ns: string, name: string): Promise<Json> {
    const r = await client.request('GET', `${collection.replace('/NS/', `/${ns}/`)}/${name}`);
    assert.equal(r.status, 200, r.text);
    return JSON.parse(r.text) as Json;
  }

  for (const v of VERSIONS) {
    describe(`kubectl ${v.version}`, { concurrency: 8 }, () => {
      const tag = v.version.replace('.', '-');
      const pbNs = `pb-${tag}`;
      const jsNs = `js-${tag}`;
      const run = async (args: string[], input?: string): Promise<{ stdout: string; stderr: string }> => {
        const r = await c.kubectl(args, { kubectlBin: v.bin, input });
        if (r.code !== 0) throw new Error(`kubectl ${v.version} ${args.join(' ')} failed (${r.code}): ${r.stderr.slice(-2000)}`);
        return r;
      };
      before(async () => {
        await run(['create', 'namespace', pbNs]);
        await run(['create', 'namespace', jsNs]);
      });

      for (const g of GENERATORS) {
        it(g.id, async () => {
          const clusterScoped = !g.path.includes('/NS/');
          const pbName = clusterScoped ? `pb-${tag}-${g.id}` : g.id;
          const jsName = clusterScoped ? `js-${tag}-${g.id}` : g.id;
          const where = (ns: string): string[] => (clusterScoped ? [] : ['-n', ns]);
          // -v=8 logs the request headers: the Content-Type kubectl sent the object in.
          const typed = await run(['create', ...where(pbNs), '-v=8', ...g.args(pbName, tls)]);
          const sent = /(?: POST |verb="POST")[\s\S]*?Content-Type: (\S+)/.exec(typed.stderr)?.[1];
          assert.equal(sent, v.protobuf ? 'application/vnd.kubernetes.protobuf' : 'application/json');
          const dry = await run(['create', ...where(jsNs), '--dry-run=client', '-o', 'json', ...g.args(jsName, tls)]);
          await run(['create', '-f', '-', ...where(jsNs)], dry.stdout);
          const viaProtobuf = await read(g.path, pbNs, pbName);
          const viaJson = await read(g.path, jsNs, jsName);
          g.check?.(viaProtobuf);
          assert.deepEqual(comparable(viaProtobuf, [pbName, pbNs]), comparable(viaJson, [jsName, jsNs]));
        });
      }

      it('create token (TokenRequest)', async (t) => {
        await run(['create', 'serviceaccount', 'token-user', '-n', pbNs]);
        const r = await c.kubectl(['create', 'token', 'token-user', '-n', pbNs], { kubectlBin: v.bin });
        if (r.code !== 0 && r.stderr.includes('the server could not find the requested resource')) {
          // Discovery lists the subresource, but TokenRequest is being added by another change.
          t.skip('serviceaccounts/token is not served yet');
          return;
        }
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout.trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
      });
    });
  }
});
