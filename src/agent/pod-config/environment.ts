/**
 * A container's environment as the kubelet makes it: envFrom ConfigMaps and Secrets first (keys
 * prefixed; names that are not valid variable names skipped with an InvalidEnvironmentVariableNames
 * warning), then env in order (`$(VAR)` expanded against what came before and the service
 * variables; valueFrom fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef), then the service
 * variables not already set. Failures are CreateContainerConfigError with the kubelet's message.
 */
import { isEnvVarName } from '../../api/index.js';
import type { Container, Pod, ResourceList } from '../../api/types/core/pod/index.js';
import { CreateContainerConfigError, type EventRecorder } from './errors.js';
import { expand, mappingFor } from './expansion.js';
import { podFieldValue } from './field-ref.js';
import { resourceFieldValue } from './resource-field-ref.js';
import { serviceEnvMap } from './service-env.js';
import type { ConfigMapView, EnvVar, SecretView, ServiceView } from './types.js';

export interface EnvironmentContext {
  /** The ConfigMap, or undefined when it does not exist (other failures: throw). */
  configMap(namespace: string, name: string): Promise<ConfigMapView | undefined>;
  /** The Secret (data in base64 as the API serves it), or undefined when it does not exist. */
  secret(namespace: string, name: string): Promise<SecretView | undefined>;
  /** The Services of a namespace (asked for the pod's and for `default`). */
  services(namespace: string): Promise<readonly ServiceView[]>;
  /** The node's status.allocatable: limits a container leaves unset, for resourceFieldRef. */
  nodeAllocatable: ResourceList;
  /** The node's IPs, primary first (status.hostIP / status.hostIPs). */
  hostIPs: readonly string[];
  /** The pod's IPs (status.podIP / status.podIPs). */
  podIPs: readonly string[];
  /** Receives the warnings the kubelet records as events on the pod. */
  recordEvent?: EventRecorder;
}

type Source = { kind: 'configmap'; data: Map<string, string> } | { kind: 'secret'; data: Map<string, string> };

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class Sources {
  private readonly cache = new Map<string, Map<string, string>>();
  constructor(private readonly ns: string, private readonly ctx: EnvironmentContext) {}

  /** The object's data, undefined when it is missing and optional; throws otherwise. */
  async get(kind: Source['kind'], name: string, optional: boolean): Promise<Map<string, string> | undefined> {
    const key = `${kind}/${name}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let data: Map<string, string> | undefined;
    try {
      if (kind === 'configmap') {
        const cm = await this.ctx.configMap(this.ns, name);
        if (cm) data = new Map(Object.entries(cm.data ?? {}));
      } else {
        const s = await this.ctx.secret(this.ns, name);
        if (s) data = new Map(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
      }
    } catch (err) {
      throw new CreateContainerConfigError(message(err));
    }
    if (data === undefined) {
      if (optional) return undefined;
      throw new CreateContainerConfigError(`${kind} "${name}" not found`);
    }
    this.cache.set(key, data);
    return data;
  }
}

async function serviceVariables(pod: Pod, ctx: EnvironmentContext): Promise<Map<string, string>> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks ?? true;
  try {
    const lists = await Promise.all([
      ctx.services('default'),
      ns !== 'default' && links ? ctx.services(ns) : Promise.resolve([]),
    ]);
    return serviceEnvMap(ns, links, lists.flat());
  } catch {
    throw new CreateContainerConfigError('failed to list services when setting up env vars');
  }
}

/** The container's environment variables; throws CreateContainerConfigError. */
export async function makeEnvironment(pod: Pod, container: Container, ctx: EnvironmentContext): Promise<EnvVar[]> {
  const ns = pod.metadata.namespace ?? 'default';
  const serviceEnv = await serviceVariables(pod, ctx);
  const sources = new Sources(ns, ctx);
  const env = new Map<string, string>();

  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    const name = ref.name ?? '';
    const data = await sources.get(kind, name, ref.optional === true);
    if (!data) continue;
    const invalid: string[] = [];
    for (const [k, v] of data) {
      const key = (from.prefix ?? '') + k;
      if (isEnvVarName(key).length > 0) invalid.push(key);
      else env.set(key, v);
    }
    if (invalid.length > 0) {
      invalid.sort();
      ctx.recordEvent?.({
        type: 'Warning', reason: 'InvalidEnvironmentVariableNames',
        message: `Keys [${invalid.join(', ')}] from the EnvFrom ${kind === 'configmap' ? 'configMap' : 'secret'} ${ns}/${name} were skipped since they are considered invalid environment variable names.`,
      });
    }
  }

  const mapping = mappingFor(env, serviceEnv);
  for (const ev of container.env ?? []) {
    let value = ev.value ?? '';
    const from = ev.valueFrom;
    if (value !== '') {
      value = expand(value, mapping);
    } else if (from) {
      if (from.fieldRef) {
        try {
          value = podFieldValue(pod, from.fieldRef, ctx.podIPs, ctx.hostIPs);
        } catch (err) {
          throw new CreateContainerConfigError(message(err));
        }
      } else if (from.resourceFieldRef) {
        try {
          value = resourceFieldValue(from.resourceFieldRef, pod, container, ctx.nodeAllocatable);
        } catch (err) {
          throw new CreateContainerConfigError(message(err));
        }
      } else if (from.configMapKeyRef || from.secretKeyRef) {
        const ref = (from.configMapKeyRef ?? from.secretKeyRef)!;
        const kind = from.configMapKeyRef ? 'configmap' : 'secret';
        const optional = ref.optional === true;
        const data = await sources.get(kind, ref.name ?? '', optional);
        if (!data) continue;
        const key = ref.key ?? '';
        const v = data.get(key);
        if (v === undefined) {
          if (optional) continue;
          throw new CreateContainerConfigError(
            `couldn't find key ${key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name ?? ''}`);
        }
        value = v;
      }
    }
    env.set(ev.name ?? '', value);
  }

  const out: EnvVar[] = [...env].map(([name, value]) => ({ name, value }));
  for (const [name, value] of serviceEnv) if (!env.has(name)) out.push({ name, value });
  return out;
}
