/**
 * The workload scenarios of the user's notes (004 lines 3537–4401, 000 lines 5219–5320) on
 * `navarch up --simulate-nodes 3`, driven and checked with the real kubectl: ReplicaSets scaled by
 * YAML, `scale` and `edit` and deleted with --cascade=orphan; Deployments rolled (Recreate and
 * RollingUpdate), their history, undo to revision 1, pause and resume; blue-green by switching a
 * Service's selector (its Endpoints and EndpointSlices follow); DaemonSet and StatefulSet updates;
 * Jobs and a CronJob every minute; `kubectl drain` against a PodDisruptionBudget; namespace deletion.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startCluster, type Cluster } from './harness.js';

const configDir = mkdtempSync(join(tmpdir(), 'navarch-workloads-'));
const simConfig = join(configDir, 'simulation.yaml');
writeFileSync(simConfig, 'startupDelaySeconds: 0.2\nrunSeconds: 2\nterminationDelaySeconds: 0.2\nleaseRenewSeconds: 1\n');

interface PodItem { metadata: { name: string; deletionTimestamp?: string; labels?: Record<string, string>; ownerReferences?: Array<{ kind: string; name: string }> }; spec: { nodeName?: string; containers: Array<{ image: string }> }; status: { phase?: string } }

describe('workloads on simulated nodes (the notes\' controllers)', { timeout: 600_000 }, () => {
  let c: Cluster;

  const apply = async (yaml: string, ns = 'default'): Promise<string> => {
    const r = await c.kubectl(['apply', '-n', ns, '-f', '-'], { input: yaml });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  const pods = async (selector: string, ns = 'default'): Promise<PodItem[]> => (JSON.parse(await c.k('get', 'pods', '-n', ns, '-l', selector, '-o', 'json')) as { items: PodItem[] }).items;
  const runningPods = (selector: string, n: number, ns = 'default'): Promise<PodItem[]> => eventually(async () => {
    const items = await pods(selector, ns);
    return items.length === n && items.every((p) => p.status.phase === 'Running') ? items : undefined;
  }, 60_000, `${n} running pods ${selector} in ${ns}`) as Promise<PodItem[]>;

  before(async () => {
    c = await startCluster('sqlite', { command: 'up', extraArgs: ['--simulate-nodes', '3', '--simulation-config', simConfig] });
    await eventually(async () => (await c.k('get', 'nodes', '--no-headers')).trim().split('\n').filter((l) => / Ready /.test(l)).length === 3, 30_000, 'three Ready nodes');
  });
  after(async () => {
    await c?.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('004:3537 ReplicaSet: create, scale by YAML, by `scale` and by `edit`; delete --cascade=orphan keeps the pods', async () => {
    const rs = (replicas: number) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: my-replicaset
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
      - name: my-container
        image: nginx
`;
    const created = await c.kubectl(['create', '-f', '-'], { input: rs(3) });
    assert.equal(created.stdout, 'replicaset.apps/my-replicaset created\n', created.stderr);
    const three = await runningPods('app=my-app', 3);
    assert.ok(three.every((p) => p.metadata.name.startsWith('my-replicaset-') && p.spec.nodeName?.startsWith('sim-node-')));
    assert.match(await c.k('get', 'rs', 'my-replicaset'), /my-replicaset\s+3\s+3\s+\d\s+\d+s/);

    await apply(rs(5));
    await runningPods('app=my-app', 5);
    assert.equal(await c.k('scale', 'rs', 'my-replicaset', '--replicas=2'), 'replicaset.apps/my-replicaset scaled\n');
    await runningPods('app=my-app', 2);

    const edit = await c.kubectl(['edit', 'rs', 'my-replicaset'], { env: { KUBE_EDITOR: 'sed -i -e "s/^  replicas: 2$/  replicas: 4/"' } });
    assert.equal(edit.stdout, 'replicaset.apps/my-replicaset edited\n', edit.stderr);
    await runningPods('app=my-app', 4);
    await eventually(async () => (await c.k('get', 'rs', 'my-replicaset', '-o', 'jsonpath={.status.readyReplicas}')) === '4', 30_000, 'readyReplicas 4');

    assert.equal(await c.k('delete', 'replicaset', 'my-replicaset', '--cascade=orphan'), 'replicaset.apps "my-replicaset" deleted\n');
    // The pods stay, no longer owned.
    const orphans = await eventually(async () => {
      const items = await pods('app=my-app');
      return items.length === 4 && items.every((p) => !p.metadata.ownerReferences?.length) ? items : undefined;
    }, 30_000, 'the orphaned pods');
    assert.equal(orphans?.length, 4);
    await c.k('delete', 'pods', '-l', 'app=my-app', '--wait=false');
  });

  it('004:3806 Deployment (Recreate): set image, rollout status, history, undo --to-revision=1, pause and resume', async () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.17.1
`;
    assert.equal(await apply(deploy), 'deployment.apps/nginx-deployment created\n');
    const status = await c.kubectl(['rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /deployment "nginx-deployment" successfully rolled out\n$/);
    await runningPods('app=nginx', 3);

    assert.equal(await c.k('set', 'image', 'deployment', 'nginx-deployment', 'nginx=nginx:1.20.2'), 'deployment.apps/nginx-deployment image updated\n');
    const rolled = await c.kubectl(['rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.equal(rolled.code, 0, rolled.stderr);
    const updated = await runningPods('app=nginx', 3);
    assert.ok(updated.every((p) => p.spec.containers[0].image === 'nginx:1.20.2'));
    // Recreate: the old ReplicaSet went to 0 before the new one came up.
    const events = await c.k('get', 'events', '--field-selector', 'involvedObject.name=nginx-deployment', '-o', 'custom-columns=MSG:.message', '--no-headers');
    const lines = events.split('\n');
    const down = lines.findIndex((l) => /Scaled down replica set nginx-deployment-\w+ from 3 to 0/.test(l));
    const fromEnd = [...lines].reverse().findIndex((l) => /Scaled up replica set nginx-deployment-\w+ from 0 to 3/.test(l));
    assert.ok(down >= 0 && fromEnd >= 0 && lines.length - 1 - fromEnd > down, events);

    const history = await c.k('rollout', 'history', 'deployment', 'nginx-deployment');
    assert.match(history, /^deployment\.apps\/nginx-deployment \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n\n$/);
    assert.equal(await c.k('rollout', 'undo', 'deployment', 'nginx-deployment', '--to-revision=1'), 'deployment.apps/nginx-deployment rolled back\n');
    await eventually(async () => {
      const items = await pods('app=nginx');
      return items.length === 3 && items.every((p) => p.status.phase === 'Running' && p.spec.containers[0].image === 'nginx:1.17.1');
    }, 60_000, 'pods back on nginx:1.17.1');
    assert.match(await c.k('rollout', 'history', 'deployment', 'nginx-deployment'), /\n2\s+<none>\n3\s+<none>\n\n$/);

    // Paused: a template change makes no new ReplicaSet until resumed.
    assert.equal(await c.k('rollout', 'pause', 'deployment', 'nginx-deployment'), 'deployment.apps/nginx-deployment paused\n');
    await c.k('set', 'image', 'deployment', 'nginx-deployment', 'nginx=nginx:latest');
    await new Promise((r) => setTimeout(r, 1500));
    const rsPaused = await c.k('get', 'rs', '-l', 'app=nginx', '--no-headers');
    assert.equal(rsPaused.trim().split('\n').length, 2, rsPaused);
    assert.ok((await pods('app=nginx')).every((p) => p.spec.containers[0].image === 'nginx:1.17.1'));
    assert.equal(await c.k('rollout', 'resume', 'deployment', 'nginx-deployment'), 'deployment.apps/nginx-deployment resumed\n');
    await eventually(async () => {
      const items = await pods('app=nginx');
      return items.length === 3 && items.every((p) => p.status.phase === 'Running' && p.spec.containers[0].image === 'nginx:latest');
    }, 60_000, 'pods on nginx:latest after resume');
    await c.k('delete', 'deployment', 'nginx-deployment');
    await eventually(async () => (await pods('app=nginx')).length === 0, 60_000, 'the deployment\'s pods to go');
  });

  it('004:3722 Deployment (RollingUpdate 25%/25%): scale by YAML, `scale` and `edit`; a rolling image update keeps enough pods', async () => {
    const deploy = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-deployment
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: my-app-d
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 25%
      maxSurge: 25%
  template:
    metadata:
      labels:
        app: my-app-d
    spec:
      containers:
      - name: my-container
        image: ${image}
`;
    await apply(deploy(3, 'nginx:latest'));
    await runningPods('app=my-app-d', 3);
    await apply(deploy(5, 'nginx:latest'));
    await runningPods('app=my-app-d', 5);
    assert.equal(await c.k('scale', 'deployment', 'my-deployment', '--replicas=4'), 'deployment.apps/my-deployment scaled\n');
    await runningPods('app=my-app-d', 4);
    const edit = await c.kubectl(['edit', 'deployment', 'my-deployment'], { env: { KUBE_EDITOR: 'sed -i -e "s/^  replicas: 4$/  replicas: 8/"' } });
    assert.equal(edit.stdout, 'deployment.apps/my-deployment edited\n', edit.stderr);
    await runningPods('app=my-app-d', 8);

    // Roll to a new image; sample the pods while it rolls (those not terminating): never fewer than 6
    // running (8 - 25%) and never more than 10 (8 + 25%).
    await c.k('set', 'image', 'deployment/my-deployment', 'my-container=nginx:1.20.2');
    const deadline = Date.now() + 60_000;
    let minRunning = Infinity;
    let maxPods = 0;
    const timeline: string[] = [];
    const perSet = (items: PodItem[]) => {
      const n = new Map<string, number>();
      for (const p of items) n.set(p.metadata.labels?.['pod-template-hash'] ?? '', (n.get(p.metadata.labels?.['pod-template-hash'] ?? '') ?? 0) + 1);
      return [...n].map(([hash, count]) => `${hash}:${count}`).join(' ');
    };
    for (;;) {
      const items = await pods('app=my-app-d');
      const current = items.filter((p) => !p.metadata.deletionTimestamp);
      const live = current.filter((p) => p.status.phase === 'Running');
      minRunning = Math.min(minRunning, live.length);
      timeline.push(`running ${perSet(live)} of ${perSet(current)}`);
      maxPods = Math.max(maxPods, current.length);
      if (items.length === 8 && live.length === 8 && items.every((p) => p.spec.containers[0].image === 'nginx:1.20.2')) break;
      assert.ok(Date.now() < deadline, 'the rolling update to finish');
      await new Promise((r) => setTimeout(r, 100));
    }
    // On failure, the samples per ReplicaSet and the controller's scaling events tell what happened.
    const scaling = await c.k('get', 'events', '--field-selector', 'reason=ScalingReplicaSet', '--sort-by=.lastTimestamp', '-o', 'custom-columns=M:.message', '--no-headers');
    assert.ok(minRunning >= 6, `running pods dropped to ${minRunning}\n${timeline.join('\n')}\n${scaling}`);
    assert.ok(maxPods <= 10, `pods rose to ${maxPods}`);
    await c.k('delete', 'deployment', 'my-deployment');
  });

  it('000:5219 blue-green: the Service follows its selector from the blue pods to the green ones and back', async () => {
    const deployment = (color: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${color}-deployment
spec:
  replicas: 3
  selector:
    matchLabels:
      app: my-app
      version: ${color}
  template:
    metadata:
      labels:
        app: my-app
        version: ${color}
    spec:
      containers:
      - name: my-app
        image: my-app:${color}
        ports:
        - containerPort: 8080
`;
    const service = (selector: string) => `apiVersion: v1
kind: Service
metadata:
  name: my-app-service
spec:
  selector:
${selector}
  ports:
  - protocol: TCP
    port: 80
    targetPort: 8080
`;
    await apply(deployment('blue'));
    await apply(deployment('green'));
    const blue = (await runningPods('app=my-app,version=blue', 3)).map((p) => `${(p as PodItem & { status: { podIP: string } }).status.podIP}:8080`).sort();
    const green = (await runningPods('app=my-app,version=green', 3)).map((p) => `${(p as PodItem & { status: { podIP: string } }).status.podIP}:8080`).sort();
    const endpoints = async (): Promise<string[]> => {
      const r = await c.kubectl(['get', 'endpoints', 'my-app-service', '-o', 'jsonpath={range .subsets[*].addresses[*]}{.ip}{"\\n"}{end}']);
      return r.code === 0 ? r.stdout.trim().split('\n').filter(Boolean).map((ip) => `${ip}:8080`).sort() : [];
    };
    const sliceIPs = async (): Promise<string[]> => {
      const out = await c.k('get', 'endpointslices', '-l', 'kubernetes.io/service-name=my-app-service', '-o',
        'jsonpath={range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\\n"}{end}');
      return out.trim().split('\n').filter(Boolean).map((ip) => `${ip}:8080`).sort();
    };
    const served = async (want: string[], what: string): Promise<void> => {
      let seen = '';
      await eventually(async () => {
        const [ep, sl] = [await endpoints(), await sliceIPs()];
        seen = `endpoints ${ep.join(',')}; slices ${sl.join(',')}; want ${want.join(',')}`;
        return JSON.stringify(ep) === JSON.stringify(want) && JSON.stringify(sl) === JSON.stringify(want);
      }, 30_000, what).catch((err: Error) => { throw new Error(`${err.message} (${seen})`); });
    };

    // app=my-app alone selects both colours.
    await apply(service('    app: my-app'));
    await served([...blue, ...green].sort(), 'both colours behind the service');
    await apply(service('    app: my-app\n    version: blue'));
    await served(blue, 'only blue');
    assert.match(await c.k('get', 'endpoints', 'my-app-service'), /my-app-service\s+(\d+\.\d+\.\d+\.\d+:8080,){2}\d+\.\d+\.\d+\.\d+:8080\s+\d+s/);
    // Switch the traffic to green, then roll back to blue.
    await apply(service('    app: my-app\n    version: green'));
    await served(green, 'only green');
    await c.k('patch', 'service', 'my-app-service', '-p', '{"spec":{"selector":{"version":"blue"}}}');
    await served(blue, 'back to blue');
    await c.k('delete', 'deployment', 'blue-deployment', 'green-deployment');
    await c.k('delete', 'service', 'my-app-service');
  });

  it('004:4022 DaemonSet: one pod per node; the notes\' update with both maxUnavailable and maxSurge is refused; a rolling update; delete', async () => {
    await c.k('create', 'namespace', 'ds-notes');
    const ds = (image: string, strategy = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: my-daemonset
spec:
  selector:
    matchLabels:
      app: my-app
${strategy}  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
        - name: my-app
          image: ${image}
`;
    assert.equal(await apply(ds('nginx:1.21.1'), 'ds-notes'), 'daemonset.apps/my-daemonset created\n');
    const first = await runningPods('app=my-app', 3, 'ds-notes');
    assert.deepEqual(first.map((p) => p.spec.nodeName).sort(), ['sim-node-0', 'sim-node-1', 'sim-node-2']);
    await eventually(async () => /my-daemonset\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s/.test(await c.k('get', 'ds', '-n', 'ds-notes')), 30_000, 'get ds: 3 desired, current, ready, up-to-date, available');

    // The notes' manifest sets both: Kubernetes refuses it, and nothing changes.
    const both = await c.kubectl(['apply', '-n', 'ds-notes', '-f', '-'], {
      input: ds('nginx:1.22.1', '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1\n      maxSurge: 1\n'),
    });
    assert.notEqual(both.code, 0);
    // (Go prints the IntOrString value with %#v, as Kubernetes does.)
    assert.equal(both.stderr, 'The DaemonSet "my-daemonset" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: '
      + 'intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero\n');
    assert.ok((await pods('app=my-app', 'ds-notes')).every((p) => p.spec.containers[0].image === 'nginx:1.21.1'));

    assert.equal(await apply(ds('nginx:1.22.1', '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1\n'), 'ds-notes'),
      'daemonset.apps/my-daemonset configured\n');
    const rolled = await c.kubectl(['rollout', 'status', 'ds/my-daemonset', '-n', 'ds-notes', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.equal(rolled.code, 0, rolled.stderr);
    assert.match(rolled.stdout, /daemon set "my-daemonset" successfully rolled out\n$/);
    await eventually(async () => {
      const items = (await pods('app=my-app', 'ds-notes')).filter((p) => !p.metadata.deletionTimestamp);
      return items.length === 3 && items.every((p) => p.spec.containers[0].image === 'nginx:1.22.1' && p.status.phase === 'Running');
    }, 60_000, 'every node on nginx:1.22.1');
    assert.match(await c.k('rollout', 'history', 'ds/my-daemonset', '-n', 'ds-notes'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);

    assert.equal(await c.k('delete', 'daemonset', 'my-daemonset', '-n', 'ds-notes'), 'daemonset.apps "my-daemonset" deleted\n');
    await eventually(async () => (await pods('app=my-app', 'ds-notes')).length === 0, 60_000, 'the daemon pods to go');
  });

  it('004:4130 StatefulSet: ordered pods web-0…, scale to 5 and back, set image, delete', async () => {
    await c.k('create', 'namespace', 'sts-notes');
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: my-statefulset
spec:
  replicas: 3
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
        - name: my-container
          image: nginx:latest
`;
    assert.equal(await apply(sts, 'sts-notes'), 'statefulset.apps/my-statefulset created\n');
    const three = await runningPods('app=my-app', 3, 'sts-notes');
    assert.deepEqual(three.map((p) => p.metadata.name).sort(), ['my-statefulset-0', 'my-statefulset-1', 'my-statefulset-2']);
    // OrderedReady: each pod was created after its predecessor was Ready.
    const created = JSON.parse(await c.k('get', 'events', '-n', 'sts-notes', '--field-selector', 'involvedObject.kind=StatefulSet,reason=SuccessfulCreate', '-o', 'json')) as { items: Array<{ message: string }> };
    assert.deepEqual(created.items.map((e) => e.message).filter((m) => m.startsWith('create Pod')),
      [0, 1, 2].map((i) => `create Pod my-statefulset-${i} in StatefulSet my-statefulset successful`));

    assert.equal(await c.k('scale', 'statefulset', 'my-statefulset', '--replicas=5', '-n', 'sts-notes'), 'statefulset.apps/my-statefulset scaled\n');
    const five = await runningPods('app=my-app', 5, 'sts-notes');
    assert.deepEqual(five.map((p) => p.metadata.name).sort(), [0, 1, 2, 3, 4].map((i) => `my-statefulset-${i}`));
    await eventually(async () => /my-statefulset\s+5\/5\s+\d+s/.test(await c.k('get', 'sts', '-n', 'sts-notes')), 30_000, 'get sts READY 5/5');
    await c.k('scale', 'statefulset', 'my-statefulset', '--replicas=3', '-n', 'sts-notes');
    await eventually(async () => {
      const names = (await pods('app=my-app', 'sts-notes')).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
      return JSON.stringify(names) === JSON.stringify(['my-statefulset-0', 'my-statefulset-1', 'my-statefulset-2']);
    }, 60_000, 'the highest ordinals removed');

    assert.equal(await c.k('set', 'image', 'statefulset', 'my-statefulset', 'my-container=nginx:1.19', '-n', 'sts-notes'), 'statefulset.apps/my-statefulset image updated\n');
    const rolled = await c.kubectl(['rollout', 'status', 'sts/my-statefulset', '-n', 'sts-notes', '--timeout=90s'], { timeoutMs: 100_000 });
    assert.equal(rolled.code, 0, rolled.stderr);
    assert.match(rolled.stdout, /partitioned roll out complete: 3 new pods have been updated\.\.\.\n$|rolling update complete 3 pods at revision my-statefulset-\w+\.\.\.\n$/);
    const updated = await runningPods('app=my-app', 3, 'sts-notes');
    assert.ok(updated.every((p) => p.spec.containers[0].image === 'nginx:1.19'));

    assert.equal(await c.k('delete', 'statefulset', 'my-statefulset', '-n', 'sts-notes'), 'statefulset.apps "my-statefulset" deleted\n');
    await eventually(async () => (await pods('app=my-app', 'sts-notes')).length === 0, 60_000, 'the set\'s pods to go');
  });

  it('004:4280 Job (runs to Complete; a failing one stops at its backoffLimit) and 004:4325 a CronJob every minute', async () => {
    await c.k('create', 'namespace', 'batch-notes');
    // The notes' CronJob, on batch/v1 (batch/v1beta1 is gone): created first, it fires at the next minute.
    assert.equal(await apply(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: my-cronjob
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: my-container
            image: my-image
            command: ["echo", "Hello, world!"]
          restartPolicy: OnFailure
`, 'batch-notes'), 'cronjob.batch/my-cronjob created\n');
    assert.match(await c.k('get', 'cronjob', 'my-cronjob', '-n', 'batch-notes'), /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\nmy-cronjob\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s\n$/);

    // The notes' Job, with the restartPolicy a Job needs.
    const job = (name: string, backoffLimit: number, exitCode?: number) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  template:
${exitCode === undefined ? '' : `    metadata:\n      annotations:\n        navarch.io/simulated-exit-code: "${exitCode}"\n`}    spec:
      containers:
      - name: my-container
        image: my-image:tag
      restartPolicy: Never
  backoffLimit: ${backoffLimit}
`;
    assert.equal(await apply(job('my-job', 3), 'batch-notes'), 'job.batch/my-job created\n');
    const done = await c.kubectl(['wait', '--for=condition=complete', 'job/my-job', '-n', 'batch-notes', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.equal(done.stdout, 'job.batch/my-job condition met\n', done.stderr);
    assert.match(await c.k('get', 'job', 'my-job', '-n', 'batch-notes'), /my-job\s+Complete\s+1\/1\s+\d+s\s+\d+s/);

    // Every pod fails: one retry after the 10 s back-off, then BackoffLimitExceeded.
    await apply(job('failing-job', 1, 2), 'batch-notes');
    const failed = await c.kubectl(['wait', '--for=condition=failed', 'job/failing-job', '-n', 'batch-notes', '--timeout=90s'], { timeoutMs: 100_000 });
    assert.equal(failed.stdout, 'job.batch/failing-job condition met\n', failed.stderr);
    const fj = JSON.parse(await c.k('get', 'job', 'failing-job', '-n', 'batch-notes', '-o', 'json')) as { status: { failed: number; conditions: Array<{ type: string; status: string; reason: string; message: string }> } };
    assert.equal(fj.status.failed, 2);
    const cond = fj.status.conditions.find((x) => x.type === 'Failed');
    assert.deepEqual([cond?.status, cond?.reason, cond?.message], ['True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
    assert.match(await c.k('get', 'job', 'failing-job', '-n', 'batch-notes'), /failing-job\s+Failed\s+0\/1\s+\d+s\s+\d+s/);

    // By now (or within the minute) the CronJob has made its first Job, which completes.
    const cronJob = await eventually(async () => {
      const r = JSON.parse(await c.k('get', 'jobs', '-n', 'batch-notes', '-o', 'json')) as { items: Array<{ metadata: { name: string; ownerReferences?: Array<{ kind: string; name: string }> }; status: { succeeded?: number } }> };
      return r.items.find((j) => j.metadata.ownerReferences?.[0]?.kind === 'CronJob' && (j.status.succeeded ?? 0) === 1);
    }, 90_000, 'a completed job of my-cronjob');
    assert.match(cronJob?.metadata.name ?? '', /^my-cronjob-\d{8}$/);
    const cj = JSON.parse(await c.k('get', 'cronjob', 'my-cronjob', '-n', 'batch-notes', '-o', 'json')) as { status: { lastScheduleTime?: string } };
    assert.match(cj.status.lastScheduleTime ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    await c.k('delete', 'namespace', 'batch-notes', '--wait=false');
  });

  it('kubectl drain is blocked by a PodDisruptionBudget, then allowed once the budget has room', async () => {
    await c.k('create', 'namespace', 'drain-test');
    await apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: drain-web}}
  template:
    metadata: {labels: {app: drain-web}}
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: drain-web}}
`, 'drain-test');
    const [victim] = await runningPods('app=drain-web', 2, 'drain-test');
    const node = victim.spec.nodeName ?? '';
    await eventually(async () => /web-pdb\s+2\s+N\/A\s+0\s+\d+s/.test(await c.k('get', 'pdb', '-n', 'drain-test')), 30_000, 'the PDB: 0 disruptions allowed');
    const drain = (timeout: string) => c.kubectl(['drain', node, '--ignore-daemonsets', '--force', '--pod-selector=app=drain-web', `--timeout=${timeout}`], { timeoutMs: 60_000 });

    const blocked = await drain('6s');
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.stdout, new RegExp(`node/${node} cordoned`));
    assert.match(blocked.stderr, /Cannot evict pod as it would violate the pod's disruption budget\./);
    assert.ok((await pods('app=drain-web', 'drain-test')).some((p) => p.metadata.name === victim.metadata.name && !p.metadata.deletionTimestamp), 'the pod stayed');
    assert.match(await c.k('get', 'node', node), /Ready,SchedulingDisabled/);

    // Room in the budget: a third replica (on another node, this one is cordoned) makes one disruption allowed.
    await c.k('scale', 'deployment', 'web', '--replicas=3', '-n', 'drain-test');
    await eventually(async () => /web-pdb\s+2\s+N\/A\s+1\s+\d+s/.test(await c.k('get', 'pdb', '-n', 'drain-test')), 30_000, 'the PDB: 1 disruption allowed');
    const allowed = await drain('60s');
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, new RegExp(`evicting pod drain-test/${victim.metadata.name}\\n[\\s\\S]*pod/${victim.metadata.name} evicted\\nnode/${node} drained\\n`));
    const after = await runningPods('app=drain-web', 3, 'drain-test');
    assert.ok(after.every((p) => p.spec.nodeName !== node), 'nothing runs on the drained node');
    assert.equal(await c.k('uncordon', node), `node/${node} uncordoned\n`);
  });

  it('004:1862 deleting a namespace deletes everything in it, then the namespace', async () => {
    await c.k('create', 'namespace', 'doomed');
    await c.k('create', 'deployment', 'app', '--image=nginx', '--replicas=2', '-n', 'doomed');
    await c.k('create', 'configmap', 'settings', '--from-literal=a=b', '-n', 'doomed');
    await c.k('expose', 'deployment', 'app', '--port=80', '-n', 'doomed');
    await runningPods('app=app', 2, 'doomed');
    const r = await c.kubectl(['delete', 'namespace', 'doomed', '--timeout=60s'], { timeoutMs: 70_000 });
    assert.equal(r.stdout, 'namespace "doomed" deleted\n', r.stderr);
    const gone = await c.kubectl(['get', 'namespace', 'doomed']);
    assert.equal(gone.stderr, 'Error from server (NotFound): namespaces "doomed" not found\n');
    for (const kind of ['pods', 'deployments', 'replicasets', 'configmaps', 'services', 'endpoints']) {
      assert.equal(await c.k('get', kind, '-n', 'doomed', '-o', 'name'), '', kind);
    }
  });
});
