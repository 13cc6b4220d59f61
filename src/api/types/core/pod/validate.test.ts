import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../../meta/field-errors.js';
import { defaultPod, defaultPodTemplateSpec } from './defaults.js';
import { validatePodSpec } from './validate-pod-spec.js';
import { validatePod, validatePodCreate, validatePodTemplateSpec, validatePodUpdate } from './validate-pod.js';
import type { Pod } from './types.js';

function pod(spec: Record<string, unknown>): Pod {
  const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec } as Pod;
  defaultPod(p);
  return p;
}

function errors(p: Pod): string[] {
  return validatePod(p).map(fieldErrorString);
}

const web = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'web', image: 'nginx:1.27', ...extra });

describe('pod validation', () => {
  it('accepts a plain pod', () => {
    assert.deepEqual(errors(pod({ containers: [web({ ports: [{ containerPort: 80, name: 'http' }] })] })), []);
  });

  it('requires containers and images', () => {
    assert.deepEqual(errors(pod({})), ['spec.containers: Required value']);
    assert.deepEqual(errors(pod({ containers: [{ name: 'web' }] })), ['spec.containers[0].image: Required value']);
  });

  it('checks container names', () => {
    const errs = errors(pod({ containers: [web({ name: 'Web_1' }), web(), web()] }));
    assert.match(errs[0], /^spec\.containers\[0\]\.name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of/);
    assert.deepEqual(errs.slice(1), ['spec.containers[2].name: Duplicate value: "web"']);
  });

  it('rejects unsupported enum values', () => {
    const p = pod({ containers: [web({ imagePullPolicy: 'Sometimes' })], restartPolicy: 'Maybe', dnsPolicy: 'Cluster' });
    assert.deepEqual(errors(p), [
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      'spec.restartPolicy: Unsupported value: "Maybe": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('checks ports', () => {
    const p = pod({ containers: [web({ ports: [
      { containerPort: 70000 }, { containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' },
      { containerPort: 82, protocol: 'ICMP' }, { containerPort: 83, name: 'Bad--Name' },
    ] })] });
    assert.deepEqual(errors(p), [
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[2].name: Duplicate value: "http"',
      'spec.containers[0].ports[3].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[4].name: Invalid value: "Bad--Name": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[4].name: Invalid value: "Bad--Name": must not contain consecutive hyphens',
    ]);
  });

  it('checks host ports against host networking and each other', () => {
    assert.deepEqual(errors(pod({ hostNetwork: true, containers: [web({ ports: [{ containerPort: 80, hostPort: 8080 }] })] })), [
      'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
    ]);
    assert.deepEqual(errors(pod({ containers: [web({ ports: [{ containerPort: 80, hostPort: 80 }] }), web({ name: 'b', ports: [{ containerPort: 81, hostPort: 80 }] })] })), [
      'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"',
    ]);
  });

  it('checks env names and sources', () => {
    const p = pod({ containers: [web({ env: [
      { name: '1BAD', value: 'x' },
      { name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'B', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } },
    ] })] });
    const errs = errors(p);
    assert.match(errs[0], /^spec\.containers\[0\]\.env\[0\]\.name: Invalid value: "1BAD": a valid environment variable name must consist of/);
    assert.equal(errs[1], 'spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty');
    assert.match(errs[2], /^spec\.containers\[0\]\.env\[2\]\.valueFrom\.fieldRef\.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", /);
  });

  it('requires mounts to name existing volumes and volumes to be unique with one source', () => {
    const p = pod({
      containers: [web({ volumeMounts: [{ name: 'x', mountPath: '/data' }, { name: 'cfg', mountPath: '/data' }] })],
      volumes: [{ name: 'cfg', configMap: { name: 'c' } }, { name: 'cfg', emptyDir: {} }, { name: 'two', emptyDir: {}, hostPath: { path: '/tmp' } }],
    });
    assert.deepEqual(errors(p), [
      'spec.volumes[1].name: Duplicate value: "cfg"',
      'spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type',
      'spec.containers[0].volumeMounts[0].name: Not found: "x"',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
    ]);
  });

  it('checks volume sources', () => {
    const p = pod({ containers: [web()], volumes: [
      { name: 'a', secret: { defaultMode: 1000 } },
      { name: 'b', nfs: { server: 'nfs.local', path: 'export' } },
      { name: 'c', configMap: { name: 'c', items: [{ key: 'k', path: '../x' }] } },
    ] });
    assert.deepEqual(errors(p), [
      'spec.volumes[0].secret.secretName: Required value',
      'spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
      'spec.volumes[1].nfs.path: Invalid value: "export": must be an absolute path',
      'spec.volumes[2].configMap.items[0].path: Invalid value: "../x": must not contain \'..\'',
    ]);
  });

  it('requires requests to fit in limits', () => {
    const p = pod({ containers: [web({ resources: { limits: { cpu: '1' }, requests: { cpu: '2000m', memory: '-1' } } })] });
    assert.deepEqual(errors(p), [
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });

  it('checks probes', () => {
    const p = pod({ containers: [web({
      livenessProbe: { exec: { command: ['true'] }, httpGet: { port: 80 }, successThreshold: 2 },
      readinessProbe: { periodSeconds: -1, tcpSocket: { port: 'HTTP' } },
      startupProbe: { httpGet: { port: 0 } },
    })] });
    assert.deepEqual(errors(p), [
      'spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.containers[0].startupProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    assert.deepEqual(errors(pod({ containers: [web({ livenessProbe: { periodSeconds: 3 } })] })), [
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
    ]);
  });

  it('keeps probes off plain init containers but allows them on sidecars', () => {
    const probe = { exec: { command: ['true'] } };
    const p = pod({ containers: [web()], initContainers: [
      { name: 'init', image: 'busybox', livenessProbe: probe },
      { name: 'sidecar', image: 'busybox', restartPolicy: 'Always', livenessProbe: probe },
      { name: 'web', image: 'busybox' },
    ] });
    assert.deepEqual(errors(p), [
      'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[2].name: Duplicate value: "web"',
    ]);
  });

  it('checks tolerations, affinity and node selectors', () => {
    const p = pod({
      containers: [web()],
      nodeSelector: { 'disk type': 'ssd' },
      tolerations: [{ operator: 'Equal', value: 'x' }, { key: 'k', operator: 'Exists', value: 'v' }, { key: 'k', effect: 'NoRun' }, { key: 'k', tolerationSeconds: 5 }],
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: '' } }] },
      },
    });
    const errs = errors(p);
    assert.match(errs[0], /^spec\.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters/);
    assert.deepEqual(errs.slice(1), [
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'',
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100',
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Required value: can not be empty',
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: "": name part must be non-empty',
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[2].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'spec.tolerations[3].effect: Invalid value: "": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    ]);
  });

  it('rejects a zero deadline, and ephemeral containers on create only', () => {
    const p = pod({ containers: [web()], terminationGracePeriodSeconds: 30, activeDeadlineSeconds: 0 });
    p.spec!.ephemeralContainers = [{ name: 'debug', image: 'busybox', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }];
    assert.deepEqual(errors(p), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']);
    assert.deepEqual(validatePodCreate(p).map(fieldErrorString), [
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
    ]);
  });

  it('validates specs and templates for workload kinds', () => {
    const tpl: Record<string, unknown> = { metadata: { labels: { 'app!': 'x' } }, spec: { containers: [{ name: 'a', image: 'a' }] } };
    defaultPodTemplateSpec(tpl);
    const errs = validatePodTemplateSpec(tpl, 'spec.template').map(fieldErrorString);
    assert.equal(errs.length, 1);
    assert.match(errs[0], /^spec\.template\.labels: Invalid value: "app!": name part must consist of/);
    assert.deepEqual(validatePodSpec({ containers: [] , restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 }, 'spec.template.spec')
      .map(fieldErrorString), ['spec.template.spec.containers: Required value']);
  });
});

describe('pod update validation', () => {
  const base = (): Pod => pod({ containers: [web()], tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] });

  it('allows image changes, added tolerations and a shorter deadline', () => {
    const old = base();
    const next = structuredClone(old);
    next.spec!.containers![0].image = 'nginx:1.28';
    next.spec!.tolerations!.push({ key: 'b', operator: 'Exists' });
    next.spec!.tolerations![0].tolerationSeconds = 20;
    next.spec!.activeDeadlineSeconds = 60;
    assert.deepEqual(validatePodUpdate(next, old).map(fieldErrorString), []);
  });

  it('forbids other spec changes with Kubernetes wording', () => {
    const old = base();
    const next = structuredClone(old);
    next.spec!.restartPolicy = 'Never';
    const errs = validatePodUpdate(next, old).map(fieldErrorString);
    assert.equal(errs.length, 1);
    assert.ok(errs[0].startsWith('spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n'), errs[0]);
  });

  it('forbids removing tolerations, containers and deadlines', () => {
    const old = base();
    old.spec!.activeDeadlineSeconds = 30;
    const next = structuredClone(old);
    next.spec!.tolerations = [];
    next.spec!.activeDeadlineSeconds = 60;
    assert.deepEqual(validatePodUpdate(next, old).map(fieldErrorString), [
      'spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value',
    ]);
    next.spec!.activeDeadlineSeconds = 30;
    assert.deepEqual(validatePodUpdate(next, old).map(fieldErrorString), [
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
    next.spec!.containers!.push({ ...next.spec!.containers![0], name: 'b' });
    assert.deepEqual(validatePodUpdate(next, old).map(fieldErrorString), [
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ]);
  });
});
