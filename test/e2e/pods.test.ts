/**
 * Real pods on a real node: `navarch up` on this machine, images pulled through a local registry
 * (Debian's docker-registry on loopback, loaded by scripts/test-images.sh), the real kubectl, and
 * every result checked from outside — HTTP from the host to the pod IP, files on the host, exit
 * codes, `kubectl get pods` columns and describe events. The pod scenarios of the user's notes
 * (004: multi-container pods sharing an emptyDir, init containers, probes, hooks, restart
 * policies, env and volumes from ConfigMaps and Secrets, hostPath, a PVC), plus OOMKilled, image
 * pull errors, and containers surviving a killed agent.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, startTestRegistry, type TestRegistry } from '../../src/agent/images/index.js';
import { eventually, startCluster, type Cluster } from './harness.js';

interface PodView {
  metadata: { name: string; uid: string };
  status?: {
    phase?: string; podIP?: string; reason?: string;
    conditions?: Array<{ type: string; status: string }>;
    containerStatuses?: Array<{
      name: string; ready: boolean; restartCount: number; containerID?: string;
      state: { running?: object; waiting?: { reason?: string; message?: string }; terminated?: { exitCode: number; reason?: string } };
      lastState: { terminated?: { exitCode: number; reason?: string } };
    }>;
    initContainerStatuses?: Array<{ name: string; state: { terminated?: { exitCode: number; reason?: string } } }>;
  };
}

const SUFFIX = process.pid % 10000;
const CIDR_OCTET = 90 + (process.pid % 30);

describe('real pods under runc (navarch up)', { timeout: 600_000 }, () => {
  let reg: TestRegistry;
  let c: Cluster;
  let hostDir: string;

  const pod = async (name: string): Promise<PodView | undefined> => {
    const r = await c.kubectl(['get', 'pod', name, '-o', 'json']);
    return r.code === 0 ? JSON.parse(r.stdout) as PodView : undefined;
  };
  const waitPod = async (name: string, what: string, pred: (p: PodView) => boolean, timeoutMs = 60_000): Promise<PodView> => {
    const found = await eventually(async () => { const p = await pod(name); return p && pred(p) ? p : undefined; }, timeoutMs, `${name}: ${what}`);
    return found!;
  };
  const running = (name: string) => waitPod(name, 'Ready', (p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false);
  const http = async (ip: string, path = '/'): Promise<{ status: number; body: string }> => {
    const res = await fetch(`http://${ip}${path}`, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: await res.text() };
  };
  const create = async (yaml: string): Promise<void> => {
    const r = await c.kubectl(['apply', '-f', '-'], { input: yaml });
    assert.equal(r.code, 0, r.stderr);
  };
  const events = async (name: string): Promise<string> => c.k('get', 'events', '--field-selector', `involvedObject.name=${name}`,
    '-o', 'custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message', '--no-headers');

  before(async () => {
    reg = await startTestRegistry();
    hostDir = mkdtempSync(join(tmpdir(), 'navarch-hostpath-'));
    c = await startCluster('sqlite', {
      command: 'up',
      extraArgs: ['--cluster-cidr', `10.${CIDR_OCTET}.0.0/16`, '--cni-bridge', `nve${SUFFIX}`, '--node-name', 'node-e2e', '--kubelet-port', '0'],
      files: { 'registries.yaml': reg.mirrorYAML() },
    });
    await eventually(async () => (await c.k('get', 'nodes', '--no-headers')).includes(' Ready'), 30_000, 'the node to be Ready');
  });

  after(async () => {
    await c?.stop();
    await reg?.stop();
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('registers this host as a Ready node with its real capacity', async () => {
    const node = JSON.parse(await c.k('get', 'node', 'node-e2e', '-o', 'json')) as {
      spec: { podCIDR: string }; status: { capacity: Record<string, string>; nodeInfo: Record<string, string> };
    };
    assert.equal(node.spec.podCIDR, `10.${CIDR_OCTET}.0.0/24`);
    assert.ok(Number(node.status.capacity.cpu) >= 1);
    assert.match(node.status.capacity.memory, /^\d+Ki$/);
    assert.equal(node.status.capacity.pods, '110');
    assert.match(node.status.nodeInfo.containerRuntimeVersion, /^runc:\/\//);
    const wide = await c.k('get', 'nodes', '-o', 'wide');
    assert.match(wide, /node-e2e\s+Ready\s+control-plane,master/);
  });

  it('multi-container pod sharing an emptyDir (the notes\' nginx + alpine), served over HTTP from the pod IP', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata:
  name: multi-pod
  labels:
    app: multi-alpine-pod
spec:
  containers:
    - name: nginx
      image: nginx:1.20.2
      volumeMounts:
        - name: nginx-volume
          mountPath: /usr/share/nginx/html
    - name: alpine
      image: alpine
      command:
        - /bin/sh
        - -c
        - while true; do sleep 1 ;echo $(date "+%Y-%m-%d-%H:%M:%S") > /app/index.html ;done;
      volumeMounts:
        - name: nginx-volume
          mountPath: /app
  volumes:
    - name: nginx-volume
      emptyDir: {}
  restartPolicy: Always
`);
    const p = await running('multi-pod');
    const ip = p.status?.podIP ?? '';
    assert.match(ip, new RegExp(`^10\\.${CIDR_OCTET}\\.0\\.\\d+$`));
    const body = await eventually(async () => {
      const r = await http(ip).catch(() => undefined);
      return r?.status === 200 && /^\d{4}-\d{2}-\d{2}-\d{2}:\d{2}:\d{2}/.test(r.body) ? r.body : undefined;
    }, 15_000, 'the date written by the alpine container');
    assert.match(body ?? '', /^\d{4}-/);
    const get = await c.k('get', 'pod', 'multi-pod');
    assert.match(get, /multi-pod\s+2\/2\s+Running\s+0\s/);
    const ev = await events('multi-pod');
    assert.match(ev, /Normal\s+Scheduled\s+Successfully assigned default\/multi-pod to node-e2e/);
    assert.match(ev, /Normal\s+Pulling\s+Pulling image "nginx:1.20.2"/);
    assert.match(ev, /Normal\s+Pulled\s+Successfully pulled image "nginx:1.20.2" in /);
    assert.match(ev, /Normal\s+Created\s+Created container: alpine/);
    assert.match(ev, /Normal\s+Started\s+Started container nginx/);
  });

  it('init containers run in order before the app container', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: myapp}
spec:
  initContainers:
    - {name: first, image: busybox:1.36, command: ['sh', '-c', 'echo first > /work/order && sleep 1'], volumeMounts: [{name: work, mountPath: /work}]}
    - {name: second, image: busybox:1.36, command: ['sh', '-c', 'echo second >> /work/order'], volumeMounts: [{name: work, mountPath: /work}]}
  containers:
    - name: mainapp
      image: navarch/web:1
      volumeMounts: [{name: work, mountPath: /www}]
  volumes: [{name: work, emptyDir: {}}]
`);
    const early = await c.k('get', 'pod', 'myapp', '--no-headers');
    assert.match(early, /Init:0\/2|Init:1\/2|PodInitializing|Running|Pending/);
    const p = await running('myapp');
    assert.deepEqual(p.status?.initContainerStatuses?.map((s) => s.state.terminated?.reason), ['Completed', 'Completed']);
    assert.equal((await http(p.status?.podIP ?? '', '/order')).body, 'first\nsecond\n');
  });

  it('a failing init container is retried; under restartPolicy Never the pod fails', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: init-fails}
spec:
  restartPolicy: Never
  initContainers: [{name: setup, image: busybox:1.36, command: ['sh', '-c', 'exit 7']}]
  containers: [{name: app, image: busybox:1.36, command: ['true']}]
`);
    const p = await waitPod('init-fails', 'Failed', (x) => x.status?.phase === 'Failed');
    assert.equal(p.status?.initContainerStatuses?.[0].state.terminated?.exitCode, 7);
    assert.match(await c.k('get', 'pod', 'init-fails', '--no-headers'), /Init:Error/);
  });

  it('probes: exec liveness restarts, httpGet readiness gates Ready, tcpSocket and startup probes pass', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: probes}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: flaky
      image: busybox:1.36
      command: ['sh', '-c', 'touch /tmp/healthy; sleep 3; rm /tmp/healthy; sleep 600']
      livenessProbe: {exec: {command: ['cat', '/tmp/healthy']}, periodSeconds: 1, failureThreshold: 2}
    - name: web
      image: navarch/web:1
      readinessProbe: {httpGet: {path: /ready.html, port: 80}, periodSeconds: 1}
      livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 2}
      startupProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}
`);
    const restarted = await waitPod('probes', 'a liveness restart', (p) => (p.status?.containerStatuses?.find((s) => s.name === 'flaky')?.restartCount ?? 0) >= 1, 60_000);
    const web = restarted.status?.containerStatuses?.find((s) => s.name === 'web');
    assert.equal(web?.ready, false, 'no /ready.html yet: not ready');
    const ev = await events('probes');
    assert.match(ev, /Warning\s+Unhealthy\s+Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
    assert.match(ev, /Normal\s+Killing\s+Container flaky failed liveness probe, will be restarted/);
    assert.match(ev, /Warning\s+Unhealthy\s+Readiness probe failed: HTTP probe failed with statuscode: 404/);
    assert.match(await c.k('get', 'pod', 'probes', '--no-headers'), /probes\s+[01]\/2\s+Running/);
  });

  it('postStart and preStop hooks run (a file served over HTTP; a file on a hostPath)', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: hooks}
spec:
  terminationGracePeriodSeconds: 5
  containers:
    - name: web
      image: navarch/web:1
      volumeMounts: [{name: out, mountPath: /out}]
      lifecycle:
        postStart: {exec: {command: ['/bin/sh', '-c', "echo 'PostStart hook executed!' > /www/post.txt"]}}
        preStop: {exec: {command: ['/bin/sh', '-c', "echo 'PreStop hook executed!' > /out/prestop.txt"]}}
  volumes: [{name: out, hostPath: {path: '${hostDir}/hooks', type: DirectoryOrCreate}}]
`);
    const p = await running('hooks');
    assert.equal((await http(p.status?.podIP ?? '', '/post.txt')).body, 'PostStart hook executed!\n');
    await c.k('delete', 'pod', 'hooks', '--wait=true');
    assert.equal(readFileSync(join(hostDir, 'hooks', 'prestop.txt'), 'utf8'), 'PreStop hook executed!\n');
  });

  it('restart policies: Never ends Failed with Error, OnFailure restarts into CrashLoopBackOff, Always restarts a Completed container', async () => {
    const mk = (name: string, policy: string, code: number) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  restartPolicy: ${policy}
  containers: [{name: c, image: busybox:1.36, command: ['sh', '-c', 'echo bye; exit ${code}']}]
---
`;
    await create(mk('never-fails', 'Never', 3) + mk('onfailure', 'OnFailure', 2) + mk('always-ok', 'Always', 0) + mk('never-ok', 'Never', 0));
    const failed = await waitPod('never-fails', 'Failed', (p) => p.status?.phase === 'Failed');
    assert.equal(failed.status?.containerStatuses?.[0].state.terminated?.exitCode, 3);
    assert.match(await c.k('get', 'pod', 'never-fails', '--no-headers'), /0\/1\s+Error\s+0/);
    const ok = await waitPod('never-ok', 'Succeeded', (p) => p.status?.phase === 'Succeeded');
    assert.equal(ok.status?.containerStatuses?.[0].state.terminated?.reason, 'Completed');
    const looping = await waitPod('onfailure', 'CrashLoopBackOff',
      (p) => p.status?.containerStatuses?.[0].state.waiting?.reason === 'CrashLoopBackOff');
    assert.equal(looping.status?.phase, 'Running');
    assert.equal(looping.status?.containerStatuses?.[0].lastState.terminated?.exitCode, 2);
    assert.match(looping.status?.containerStatuses?.[0].state.waiting?.message ?? '', /^back-off \d+s restarting failed container=c pod=onfailure_default\(/);
    const always = await waitPod('always-ok', 'a restart', (p) => (p.status?.containerStatuses?.[0].restartCount ?? 0) >= 1);
    assert.equal(always.status?.phase, 'Running');
    assert.match(await events('onfailure'), /Warning\s+BackOff\s+Back-off restarting failed container c in pod onfailure_default/);
  });

  it('kubectl logs: follow to the end, tail, timestamps, a named container, the previous instance, deploy/x', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: talker}
spec:
  restartPolicy: Never
  containers:
    - name: main
      image: alpine
      command: [/bin/sh, -c, 'for i in 1 2 3; do echo line-$i; done; echo to-stderr >&2; sleep 3; echo done']
    - name: side
      image: alpine
      command: [/bin/sh, -c, 'echo side-says-hi; sleep 3600']
`);
    await running('talker');
    // -f returns once the container exits, with everything it wrote (stdout and stderr, in order).
    const follow = await c.kubectl(['logs', '-f', 'talker', '-c', 'main'], { timeoutMs: 30_000 });
    assert.equal(follow.code, 0, follow.stderr);
    // stdout keeps its order; the stderr line lands among them (two pipes: their interleaving is not fixed).
    const lines = follow.stdout.split('\n');
    assert.deepEqual(lines.filter((l) => l !== 'to-stderr'), ['line-1', 'line-2', 'line-3', 'done', '']);
    assert.equal(lines.filter((l) => l === 'to-stderr').length, 1, follow.stdout);
    assert.match(await c.k('logs', 'talker', '-c', 'main', '--tail', '2'), /^(to-stderr|line-3)\ndone\n$/);
    const stamped = await c.k('logs', 'talker', '-c', 'main', '--timestamps', '--tail', '1');
    assert.match(stamped, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z done\n$/);
    assert.equal(await c.k('logs', 'talker', '-c', 'side'), 'side-says-hi\n');
    // Two containers and none named: kubectl picks the first and says so; the API itself asks which.
    const first = await c.kubectl(['logs', 'talker', '--tail', '1']);
    assert.equal(first.stdout, 'done\n');
    assert.match(first.stderr, /Defaulted container "main" out of: main, side/);
    const which = await c.kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/talker/log']);
    assert.notEqual(which.code, 0);
    assert.match(which.stderr, /a container name must be specified for pod talker, choose one of: \[main side\]/);
    const missing = await c.kubectl(['logs', 'talker', '-c', 'nope']);
    assert.match(missing.stderr, /container nope is not valid for pod talker/);

    // The previous instance of a restarted container.
    await create(`apiVersion: v1
kind: Pod
metadata: {name: restarter}
spec:
  restartPolicy: Always
  containers:
    - name: c
      image: alpine
      command: [/bin/sh, -c, 'echo started-at-$(cat /proc/uptime | cut -d" " -f1); sleep 1; exit 1']
`);
    await waitPod('restarter', 'a restart', (p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1, 60_000);
    const prev = await c.k('logs', 'restarter', '--previous');
    assert.match(prev, /^started-at-[\d.]+\n$/);
    await c.k('delete', 'pod', 'restarter', '--wait=false');

    // Logs of a Deployment's pod, by the workload's name.
    await c.k('create', 'deployment', 'logweb', '--image=alpine', '--', '/bin/sh', '-c', 'echo from-deployment; sleep 3600');
    const out = await eventually(async () => {
      const r = await c.kubectl(['logs', 'deploy/logweb']);
      return r.code === 0 && r.stdout === 'from-deployment\n' ? r.stdout : undefined;
    }, 60_000, 'logs of deploy/logweb');
    assert.equal(out, 'from-deployment\n');
    await c.k('delete', 'deployment', 'logweb', '--wait=false');
    await c.k('delete', 'pod', 'talker', '--wait=false');
  });

  it('kubectl exec and attach (1.32 WebSocket and 1.27 SPDY), cp both ways and port-forward, through the API server', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: shell}
spec:
  containers:
    - name: web
      image: nginx:1.20.2
`);
    await running('shell');
    const k127 = join(dirname(realpathSync(execFileSync('which', ['kubectl'], { encoding: 'utf8' }).trim())), 'kubectl.1.27');
    for (const kubectlBin of ['kubectl', k127]) {
      const r = await c.kubectl(['exec', 'shell', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], { kubectlBin });
      assert.equal(r.stdout, 'out\n', kubectlBin);
      assert.equal(r.stderr, 'err\ncommand terminated with exit code 3\n', kubectlBin);
      assert.equal(r.code, 3);
      const piped = await c.kubectl(['exec', '-i', 'shell', '--', 'sh', '-c', 'tr a-z A-Z'], { kubectlBin, input: 'hello through stdin\n' });
      assert.equal(piped.stdout, 'HELLO THROUGH STDIN\n', piped.stderr);
    }
    // cp: a local file in, the same bytes back out.
    const local = join(hostDir, 'cp-in.txt');
    writeFileSync(local, 'copied by kubectl cp\n'.repeat(1000));
    await c.k('cp', local, 'shell:/tmp/cp-in.txt');
    assert.equal(await c.k('exec', 'shell', '--', 'wc', '-c', '/tmp/cp-in.txt'), '21000 /tmp/cp-in.txt\n');
    await c.k('exec', 'shell', '--', 'sh', '-c', 'echo made in the pod > /tmp/out.txt');
    await c.k('cp', 'shell:/tmp/out.txt', join(hostDir, 'cp-out.txt'));
    assert.equal(readFileSync(join(hostDir, 'cp-out.txt'), 'utf8'), 'made in the pod\n');

    // port-forward: a local port to the pod's port 80.
    const port = await freePort();
    const pf = spawn('kubectl', ['--kubeconfig', c.kubeconfig, 'port-forward', 'pod/shell', `${port}:80`], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await eventually(async () => new Promise<boolean>((res) => {
        let out = '';
        pf.stdout.on('data', (b: Buffer) => { out += b.toString(); if (out.includes(`Forwarding from 127.0.0.1:${port} -> 80`)) res(true); });
        setTimeout(() => res(false), 1000);
      }), 20_000, 'kubectl port-forward to listen');
      const page = await http(`127.0.0.1:${port}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /navarch nginx stand-in/);
    } finally {
      pf.kill();
    }
    await c.k('delete', 'pod', 'shell', '--wait=false');

    // attach, with both protocols: the container's output as it comes, until the client goes.
    await create(`apiVersion: v1
kind: Pod
metadata: {name: ticker}
spec:
  containers:
    - name: t
      image: alpine
      command: [/bin/sh, -c, 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done']
`);
    await running('ticker');
    for (const kubectlBin of ['kubectl', k127]) {
      const att = spawn(kubectlBin, ['--kubeconfig', c.kubeconfig, 'attach', 'ticker'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let seen = '';
      att.stdout.on('data', (b: Buffer) => { seen += b.toString(); });
      try {
        await eventually(async () => (seen.match(/tick \d+\n/g) ?? []).length >= 3, 20_000, `${kubectlBin} attach output`);
      } finally {
        att.kill();
      }
      const ticks = (seen.match(/tick (\d+)\n/g) ?? []).map((l) => Number(l.split(' ')[1]));
      assert.ok(ticks.every((n, i) => i === 0 || n === ticks[i - 1] + 1), `consecutive ticks: ${seen}`);
    }
    await c.k('delete', 'pod', 'ticker', '--wait=false');
  });

  it('env from a ConfigMap and a Secret, and both as volumes, updated in place', async () => {
    await create(`apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {APP_MODE: production, "settings.conf": "level=1"}
---
apiVersion: v1
kind: Secret
metadata: {name: app-secret}
stringData: {password: s3cret}
---
apiVersion: v1
kind: Pod
metadata: {name: config-pod}
spec:
  containers:
    - name: web
      image: navarch/web:1
      command: ['sh', '-c', 'echo "$APP_MODE $DB_PASSWORD $MY_POD_NAME" > /www/env.txt; ln -s /etc/config /www/config; ln -s /etc/secret /www/secret; exec httpd -f -p 80 -h /www']
      env:
        - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: app-secret, key: password}}}
        - {name: MY_POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
      envFrom: [{configMapRef: {name: app-config}}]
      volumeMounts:
        - {name: config, mountPath: /etc/config}
        - {name: secret, mountPath: /etc/secret, readOnly: true}
  volumes:
    - {name: config, configMap: {name: app-config}}
    - {name: secret, secret: {secretName: app-secret}}
`);
    const ip = (await running('config-pod')).status?.podIP ?? '';
    assert.equal((await http(ip, '/env.txt')).body, 'production s3cret config-pod\n');
    assert.equal((await http(ip, '/config/settings.conf')).body, 'level=1');
    assert.equal((await http(ip, '/secret/password')).body, 's3cret');
    await c.k('patch', 'configmap', 'app-config', '--type=merge', '-p', '{"data":{"settings.conf":"level=2"}}');
    await eventually(async () => (await http(ip, '/config/settings.conf')).body === 'level=2', 60_000, 'the ConfigMap volume to update');
  });

  it('a missing ConfigMap key gives CreateContainerConfigError', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: bad-config}
spec:
  containers:
    - name: c
      image: busybox:1.36
      env: [{name: X, valueFrom: {configMapKeyRef: {name: app-config, key: nope}}}]
`);
    const p = await waitPod('bad-config', 'CreateContainerConfigError',
      (x) => x.status?.containerStatuses?.[0].state.waiting?.reason === 'CreateContainerConfigError');
    assert.equal(p.status?.containerStatuses?.[0].state.waiting?.message, "couldn't find key nope in ConfigMap default/app-config");
  });

  it('hostPath: what a container writes is on the host (the notes\' my-pod)', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
    - name: my-container-1
      image: nginx
      volumeMounts:
        - name: my-volume
          mountPath: /data
      command: ["/bin/bash", "-c", "echo 'hello world' > /data/hello.txt && sleep 1d"]
    - name: my-container-2
      image: nginx
      volumeMounts:
        - name: my-volume
          mountPath: /data
      command: ["/bin/bash", "-c", "cat /data/hello.txt"]
  volumes:
    - name: my-volume
      hostPath:
        path: ${hostDir}/my-data
`);
    await eventually(async () => existsSync(join(hostDir, 'my-data', 'hello.txt')), 30_000, 'the file on the host');
    assert.equal(readFileSync(join(hostDir, 'my-data', 'hello.txt'), 'utf8'), 'hello world\n');
    await c.k('delete', 'pod', 'my-pod', '--grace-period=1');
  });

  it('a PVC (local-path, WaitForFirstConsumer) keeps its data across pod deletion', async () => {
    const podYaml = (name: string, cmd: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: web
      image: navarch/web:1
      command: ['sh', '-c', '${cmd}']
      volumeMounts: [{name: data, mountPath: /www}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
`;
    await create(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
${podYaml('writer', 'date > /www/stamp.txt; exec httpd -f -p 80 -h /www')}`);
    const ip1 = (await running('writer')).status?.podIP ?? '';
    const stamp = (await http(ip1, '/stamp.txt')).body;
    assert.match(stamp, /\d{2}:\d{2}:\d{2}/);
    assert.match(await c.k('get', 'pvc', 'data', '--no-headers'), /data\s+Bound\s+pvc-\S+\s+1Gi\s+RWO\s+local-path/);
    await c.k('delete', 'pod', 'writer', '--wait=true');
    await create(podYaml('reader', 'exec httpd -f -p 80 -h /www'));
    const ip2 = (await running('reader')).status?.podIP ?? '';
    assert.equal((await http(ip2, '/stamp.txt')).body, stamp);
  });

  it('a container over its memory limit is OOMKilled', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: oom}
spec:
  restartPolicy: Never
  containers:
    - name: hog
      image: busybox:1.36
      command: ['sh', '-c', 'head -c 200m /dev/zero | tail']
      resources: {limits: {memory: 20Mi}}
`);
    const p = await waitPod('oom', 'OOMKilled', (x) => x.status?.containerStatuses?.[0].state.terminated !== undefined);
    assert.equal(p.status?.containerStatuses?.[0].state.terminated?.reason, 'OOMKilled');
    assert.equal(p.status?.containerStatuses?.[0].state.terminated?.exitCode, 137);
    assert.match(await c.k('get', 'pod', 'oom', '--no-headers'), /0\/1\s+OOMKilled/);
  });

  it('a missing image shows ErrImagePull, then ImagePullBackOff', async () => {
    await create(`apiVersion: v1
kind: Pod
metadata: {name: no-image}
spec:
  containers: [{name: c, image: example/does-not-exist:1}]
`);
    const seen = new Set<string>();
    await eventually(async () => {
      const p = await pod('no-image');
      const reason = p?.status?.containerStatuses?.[0].state.waiting?.reason;
      if (reason) seen.add(reason);
      return seen.has('ImagePullBackOff');
    }, 60_000, 'ImagePullBackOff');
    const ev = await events('no-image');
    assert.match(ev, /Warning\s+Failed\s+Failed to pull image "example\/does-not-exist:1": rpc error: code = NotFound/);
    assert.match(ev, /Warning\s+Failed\s+Error: ErrImagePull/);
    assert.match(ev, /Normal\s+BackOff\s+Back-off pulling image "example\/does-not-exist:1"/);
  });

  it('killing navarch leaves containers running, and a new navarch adopts them', async () => {
    await create(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: navarch/web:1}]
`);
    await eventually(async () => (await c.k('get', 'deploy', 'web', '--no-headers')).includes('2/2'), 60_000, 'web 2/2');
    const before = JSON.parse(await c.k('get', 'pods', '-l', 'app=web', '-o', 'json')) as { items: PodView[] };
    await c.restart({ kill: true });
    for (const p of before.items) {
      assert.equal((await http(p.status?.podIP ?? '')).status, 200, 'served while navarch is down or restarting');
    }
    await eventually(async () => (await c.k('get', 'nodes', '--no-headers')).includes(' Ready'), 30_000, 'node Ready again');
    const after = JSON.parse(await c.k('get', 'pods', '-l', 'app=web', '-o', 'json')) as { items: PodView[] };
    assert.deepEqual(
      after.items.map((p) => [p.metadata.uid, p.status?.containerStatuses?.[0].containerID, p.status?.containerStatuses?.[0].restartCount]).sort(),
      before.items.map((p) => [p.metadata.uid, p.status?.containerStatuses?.[0].containerID, 0]).sort(),
    );
    await c.k('delete', 'deploy', 'web');
  });
});
