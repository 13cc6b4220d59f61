/**
 * Services, cluster DNS and network policies on a real node (`navarch up` as root, pods under runc),
 * with the real kubectl: the notes' nginx flow (000:6041–6213: Deployment → ClusterIP → NodePort
 * 30007, reached from the host and from a pod), `kubectl expose`, the headless-service DNS scenario
 * (001:289–402, `dig @<cluster DNS>` from the host as the notes do), ExternalName, sessionAffinity,
 * a Service with no endpoints refused at once, and the frontend/backend/database NetworkPolicy
 * tutorial (001:575–824), where every connection the policies forbid fails and every allowed one
 * succeeds. Traffic "from a pod" is sent from inside the pod's own network namespace (nsenter).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestRegistry, type TestRegistry } from '../../src/agent/images/index.js';
import { eventually, startCluster, type Cluster } from './harness.js';

const SUFFIX = process.pid % 10000;
const CIDR_OCTET = 60 + (process.pid % 20);
const CLUSTER_DNS = '10.43.0.10';
/** Prints the body of a GET; exits 1 on an error or after 2 s. */
const GET = 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>r.text()).then(t=>process.stdout.write(t),()=>process.exit(1))';

function run(file: string, args: string[], timeoutMs = 10_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}

describe('services, cluster DNS and network policies on a real node', { timeout: 600_000 }, () => {
  let reg: TestRegistry;
  let c: Cluster;

  const apply = async (yaml: string, ns?: string): Promise<string> => {
    const r = await c.kubectl(['apply', ...(ns ? ['-n', ns] : []), '-f', '-'], { input: yaml });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  const ready = (ns: string, selector: string, n: number) => eventually(async () => {
    const r = JSON.parse(await c.k('get', 'pods', '-n', ns, '-l', selector, '-o', 'json')) as {
      items: Array<{ metadata: { name: string; uid: string }; status: { podIP?: string; conditions?: Array<{ type: string; status: string }> } }>;
    };
    const ok = r.items.filter((p) => p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
    return ok.length === n ? ok : undefined;
  }, 60_000, `${n} ready pods ${selector} in ${ns}`) as Promise<Array<{ metadata: { name: string; uid: string }; status: { podIP?: string } }>>;
  const clusterIP = async (ns: string, name: string): Promise<string> => c.k('get', 'svc', name, '-n', ns, '-o', 'jsonpath={.spec.clusterIP}');
  /** The network namespace of a pod's sandbox, from the node agent's records. */
  const netnsOf = (uid: string): string => {
    const dir = join(c.dataDir, 'agent', 'runtime', 'sandboxes');
    for (const id of readdirSync(dir)) {
      try {
        const rec = JSON.parse(readFileSync(join(dir, id, 'sandbox.json'), 'utf8')) as { config: { uid: string }; netnsPath?: string };
        if (rec.config.uid === uid && rec.netnsPath) return rec.netnsPath;
      } catch { /* being written */ }
    }
    throw new Error(`no sandbox for pod ${uid}`);
  };
  /** HTTP GET from inside a pod's network namespace (a node process there), true when it answered. */
  const getFrom = async (uid: string, url: string): Promise<boolean> => {
    const r = await run('nsenter', [`--net=${netnsOf(uid)}`, process.execPath, '-e', GET, url], 8000);
    return r.code === 0 && r.stdout.includes('<html>');
  };
  const http = async (url: string): Promise<string> => {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.text();
  };
  const dig = async (...args: string[]): Promise<string> => {
    const r = await run('dig', [`@${CLUSTER_DNS}`, '+short', '+time=2', '+tries=1', ...args]);
    return r.stdout.startsWith(';;') ? '' : r.stdout;
  };

  before(async () => {
    reg = await startTestRegistry();
    c = await startCluster('sqlite', {
      command: 'up',
      extraArgs: ['--cluster-cidr', `10.${CIDR_OCTET}.0.0/16`, '--cni-bridge', `nvn${SUFFIX}`, '--node-name', 'node-net', '--kubelet-port', '0'],
      files: { 'registries.yaml': reg.mirrorYAML() },
    });
    await eventually(async () => (await c.k('get', 'nodes', '--no-headers')).includes(' Ready'), 30_000, 'the node to be Ready');
  });

  after(async () => {
    await c?.stop();
    await reg?.stop();
  });

  it('001:378 the cluster DNS Service is kube-dns at 10.43.0.10, and the node answers on it', async () => {
    assert.match(await c.k('get', 'svc', '-n', 'kube-system'), /kube-dns\s+ClusterIP\s+10\.43\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP\s+\d+s/);
    assert.equal(await eventually(async () => (await dig('kubernetes.default.svc.cluster.local')).trim() || undefined, 20_000, 'DNS answers'), '10.43.0.1');
  });

  it('000:6041 nginx: Deployment → ClusterIP Service → NodePort 30007, from the host and from a pod', async () => {
    await apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 1
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        ports:
        - containerPort: 80
`);
    assert.equal(await apply(`apiVersion: v1
kind: Service
metadata:
  name: nginx-service
spec:
  selector:
    app: nginx
  ports:
    - port: 80
      targetPort: 80
  type: ClusterIP
`), 'service/nginx-service created\n');
    const [pod] = await ready('default', 'app=nginx', 1);
    const ip = await clusterIP('default', 'nginx-service');
    assert.match(await c.k('get', 'svc', 'nginx-service'), new RegExp(`nginx-service\\s+ClusterIP\\s+${ip.replace(/\./g, '\\.')}\\s+<none>\\s+80/TCP\\s+\\d+s`));
    // The notes' failure was exactly this: the ClusterIP from the host.
    assert.match(await eventually(() => http(`http://${ip}/`).catch(() => ''), 20_000, 'the ClusterIP from the host'), /navarch nginx stand-in/);
    assert.ok(await getFrom(pod.metadata.uid, `http://${ip}/`), 'the ClusterIP from a pod (hairpin: the pod behind it)');
    // The name resolves in the cluster DNS.
    assert.equal((await dig('nginx-service.default.svc.cluster.local')).trim(), ip);

    assert.equal(await apply(`apiVersion: v1
kind: Service
metadata:
  name: nginx-service
spec:
  selector:
    app: nginx
  ports:
    - port: 80
      targetPort: 80
      nodePort: 30007
  type: NodePort
`), 'service/nginx-service configured\n');
    assert.match(await c.k('get', 'svc', 'nginx-service'), /NodePort\s+\S+\s+<none>\s+80:30007\/TCP/);
    assert.match(await eventually(() => http('http://127.0.0.1:30007/').catch(() => ''), 20_000, 'NodePort 30007 on 127.0.0.1'), /navarch nginx stand-in/);
  });

  it('kubectl expose, a Service with no endpoints refused at once, ExternalName and sessionAffinity', async () => {
    await c.k('create', 'deployment', 'web', '--image=nginx:1.20.2', '--replicas=2', '--port=80');
    assert.equal(await c.k('expose', 'deployment', 'web', '--port=8080', '--target-port=80'), 'service/web exposed\n');
    const pods = await ready('default', 'app=web', 2);
    const ip = await clusterIP('default', 'web');
    assert.match(await eventually(() => http(`http://${ip}:8080/`).catch(() => ''), 20_000, 'web through its ClusterIP'), /nginx stand-in/);
    const ep = await c.k('get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[0].addresses[*].ip}');
    assert.deepEqual(ep.split(' ').sort(), pods.map((p) => p.status.podIP).sort());

    // No endpoints: refused at once (not a hang until a timeout).
    await c.k('create', 'service', 'clusterip', 'nobody', '--tcp=80:80');
    const nobody = await clusterIP('default', 'nobody');
    const started = Date.now();
    const refused = await fetch(`http://${nobody}/`, { signal: AbortSignal.timeout(5000) }).then(() => 'answered', (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.name);
    assert.equal(refused, 'ECONNREFUSED');
    assert.ok(Date.now() - started < 2000, `refused after ${Date.now() - started} ms`);

    // ExternalName: a CNAME in the cluster DNS.
    await c.k('create', 'service', 'externalname', 'docs', '--external-name=web.default.svc.cluster.local');
    assert.equal((await dig('docs.default.svc.cluster.local', 'CNAME')).trim(), 'web.default.svc.cluster.local.');
    assert.match(await dig('docs.default.svc.cluster.local'), new RegExp(`web\\.default\\.svc\\.cluster\\.local\\.\\n${ip.replace(/\./g, '\\.')}\\n`));

    // sessionAffinity ClientIP: every request from one client lands on the same pod. The pods
    // answer with their own name (a file each writes into its web root), fetched through the service.
    await apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: sticky}
spec:
  replicas: 2
  selector: {matchLabels: {app: sticky}}
  template:
    metadata: {labels: {app: sticky}}
    spec:
      containers:
      - name: web
        image: alpine
        command: [/bin/sh, -c, 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www']
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec:
  selector: {app: sticky}
  sessionAffinity: ClientIP
  ports: [{port: 80}]
`);
    await ready('default', 'app=sticky', 2);
    const sticky = await clusterIP('default', 'sticky');
    await eventually(() => http(`http://${sticky}/`).catch(() => ''), 20_000, 'the sticky service');
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) seen.add((await http(`http://${sticky}/`)).trim());
    assert.equal(seen.size, 1, [...seen].join(', '));
  });

  it('001:289 headless service: no ClusterIP, and the name resolves to the ready pods\' IPs (dig from the host)', async () => {
    await apply(`apiVersion: v1
kind: Service
metadata:
  name: headless-service
  namespace: default
spec:
  type: ClusterIP
  clusterIP: None
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
     app: nginx
`);
    assert.match(await c.k('get', 'svc', 'headless-service'), /headless-service\s+ClusterIP\s+None\s+<none>\s+80\/TCP/);
    const pods = await ready('default', 'app=nginx', 1);
    const answer = await eventually(async () => (await dig('-t', 'A', 'headless-service.default.svc.cluster.local.')).trim() || undefined, 20_000, 'the headless name');
    assert.deepEqual(answer?.split('\n').sort(), pods.map((p) => p.status.podIP).sort());
    // Pod records: a-b-c-d.<ns>.pod.cluster.local.
    const podIP = pods[0].status.podIP ?? '';
    assert.equal((await dig(`${podIP.replace(/\./g, '-')}.default.pod.cluster.local`)).trim(), podIP);
  });

  it('001:575 network policies: frontend, backend, database — what the policies forbid fails, what they allow works', async () => {
    const ns = 'network-policy-tutorial';
    await c.k('create', 'namespace', ns);
    for (const name of ['backend', 'database', 'frontend']) {
      await c.k('run', name, '--image=nginx', `--namespace=${ns}`);
      await c.k('expose', 'pod', name, '--port', '80', `--namespace=${ns}`);
    }
    const uid: Record<string, string> = {};
    const svc: Record<string, string> = {};
    for (const name of ['backend', 'database', 'frontend']) {
      const [p] = await ready(ns, `run=${name}`, 1);
      uid[name] = p.metadata.uid;
      svc[name] = `http://${await clusterIP(ns, name)}/`;
    }
    const can = (from: string, to: string) => getFrom(uid[from], svc[to]);
    const expect = async (want: Record<string, boolean>, what: string): Promise<void> => {
      // Policies apply within a second; allow a few for a loaded machine.
      await eventually(async () => {
        for (const [pair, ok] of Object.entries(want)) {
          const [from, to] = pair.split('->');
          if (await can(from, to) !== ok) return false;
        }
        return true;
      }, 20_000, what);
    };
    await expect({ 'frontend->backend': true, 'frontend->database': true, 'backend->database': true }, 'everything open before any policy');

    await apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: namespace-default-deny
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`, ns);
    await expect({ 'frontend->backend': false, 'frontend->database': false, 'backend->database': false }, 'default deny blocks everything');

    const allow = (name: string, types: string, rules: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}-default
spec:
  podSelector:
    matchLabels:
      run: ${name}
  policyTypes:
${types}
${rules}`;
    await apply(allow('frontend', '    - Egress', '  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              run: backend\n'), ns);
    await apply(allow('backend', '    - Ingress\n    - Egress',
      '  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              run: frontend\n'
      + '  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              run: database\n'), ns);
    await apply(allow('database', '    - Ingress', '  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              run: backend\n'), ns);
    assert.match(await c.k('get', 'networkpolicy', `--namespace=${ns}`),
      /backend-default\s+run=backend\s+\d+s\ndatabase-default\s+run=database\s+\d+s\nfrontend-default\s+run=frontend\s+\d+s\nnamespace-default-deny\s+<none>\s+\d+s/);
    await expect({
      'frontend->backend': true, 'backend->database': true,
      'frontend->database': false, 'database->backend': false, 'backend->frontend': false, 'database->frontend': false,
    }, 'only frontend→backend→database');

    // The notes' ipBlock on the database's ClusterIP /24: policies see the pod behind the service, so
    // backend→database is now forbidden (the notes' "no longer possible").
    const dbNet = (await clusterIP(ns, 'database')).replace(/\.\d+$/, '.0');
    await apply(allow('backend', '    - Ingress\n    - Egress',
      '  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              run: frontend\n'
      + `  egress:\n    - to:\n        - ipBlock:\n             cidr: ${dbNet}/24\n`), ns);
    await expect({ 'frontend->backend': true, 'backend->database': false }, 'the ipBlock egress on the service range');
    await c.k('delete', 'namespace', ns, '--wait=false');
  });
});
