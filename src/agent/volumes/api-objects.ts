/**
 * The API objects volumes are made from, read through the client: ConfigMaps and Secrets (a missing
 * one reads as the kubelet's `configmap "x" not found`), claims and volumes, and the node's
 * allocatable resources (for downward API limits and memory-backed volume sizes).
 */
import { cpus, totalmem } from 'node:os';
import { parseQuantity, type KObject } from '../../api/index.js';
import type { ResourceList } from '../../api/types/core/pod/index.js';
import { isNotFound, type Clientset, type GroupVersionResource } from '../../client/index.js';
import type { ConfigMapData, SecretData } from './key-payload.js';

const CONFIGMAPS: GroupVersionResource = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS: GroupVersionResource = { group: '', version: 'v1', resource: 'secrets' };
const PVCS: GroupVersionResource = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const PVS: GroupVersionResource = { group: '', version: 'v1', resource: 'persistentvolumes' };
const NODES: GroupVersionResource = { group: '', version: 'v1', resource: 'nodes' };

export type ConfigMapObject = KObject & ConfigMapData;
export type SecretObject = KObject & SecretData;

export interface ClaimObject extends KObject {
  spec?: { volumeName?: string };
  status?: { phase?: string };
}

export interface PersistentVolumeObject extends KObject {
  spec?: {
    claimRef?: { namespace?: string; name?: string; uid?: string };
    hostPath?: { path?: string; type?: string };
    local?: { path?: string };
    [source: string]: unknown;
  };
}

/** An object the pod needs does not exist; the message is the kubelet's. */
export class MissingObjectError extends Error {}

const NODE_CACHE_MS = 60_000;

export class ApiObjects {
  private nodeCache?: { at: number; value: ResourceList };

  constructor(private readonly clientset: Clientset, private readonly nodeName: string) {}

  /** The ConfigMap, or undefined when it does not exist and `optional`. */
  async configMap(namespace: string, name: string, optional: boolean): Promise<ConfigMapObject | undefined> {
    return this.getNamed<ConfigMapObject>(CONFIGMAPS, namespace, name, optional, 'configmap');
  }

  async secret(namespace: string, name: string, optional: boolean): Promise<SecretObject | undefined> {
    return this.getNamed<SecretObject>(SECRETS, namespace, name, optional, 'secret');
  }

  async claim(namespace: string, name: string): Promise<ClaimObject> {
    return this.clientset.resource<ClaimObject>(PVCS).namespace(namespace).get(name);
  }

  async persistentVolume(name: string): Promise<PersistentVolumeObject> {
    return this.clientset.resource<PersistentVolumeObject>(PVS).get(name);
  }

  /** The node's allocatable cpu, memory and ephemeral storage; the host's totals when the Node is unknown. */
  async nodeAllocatable(): Promise<ResourceList> {
    const now = Date.now();
    if (this.nodeCache && now - this.nodeCache.at < NODE_CACHE_MS) return this.nodeCache.value;
    const value: ResourceList = { cpu: String(cpus().length), memory: String(totalmem()) };
    try {
      const node = await this.clientset.resource<KObject & { status?: { allocatable?: Record<string, string> } }>(NODES).get(this.nodeName);
      const a = node.status?.allocatable ?? {};
      for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
        if (a[name] !== undefined && parseQuantity(a[name]) !== undefined) value[name] = a[name];
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    this.nodeCache = { at: now, value };
    return value;
  }

  /** The node's allocatable memory in bytes (the size of memory-backed emptyDirs without a limit). */
  async allocatableMemory(): Promise<number> {
    return parseQuantity((await this.nodeAllocatable()).memory ?? '') ?? totalmem();
  }

  private async getNamed<T extends KObject>(
    gvr: GroupVersionResource, namespace: string, name: string, optional: boolean, what: string,
  ): Promise<T | undefined> {
    try {
      return await this.clientset.resource<T>(gvr).namespace(namespace).get(name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (optional) return undefined;
      throw new MissingObjectError(`${what} ${JSON.stringify(name)} not found`);
    }
  }
}
