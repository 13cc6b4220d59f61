/**
 * The root CA publisher: every active namespace has the ConfigMap kube-root-ca.crt holding the
 * cluster's CA certificate (data "ca.crt") with Kubernetes' description annotation, so pods can
 * verify the API server. It is recreated when deleted and put back when changed.
 */
import type { KObject } from '../../api/index.js';
import { isAlreadyExists, isNotFound, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller } from '../runtime/index.js';
import { isTerminating } from './serviceaccounts-controller.js';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as '
  + 'the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const CONFIGMAPS: GroupVersionResource = { group: '', version: 'v1', resource: 'configmaps' };
const NAMESPACES: GroupVersionResource = { group: '', version: 'v1', resource: 'namespaces' };

interface ConfigMap extends KObject { data?: Record<string, string> }
interface Namespace extends KObject { status?: { phase?: string } }

export interface RootCaPublisherOptions {
  /** The cluster CA certificate (PEM). */
  caCert: string;
  log?: (line: string) => void;
}

export class RootCaPublisher {
  readonly controller: Controller;
  private readonly namespaces: Informer<Namespace>;
  private readonly configMaps: Informer<ConfigMap>;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, private readonly opts: RootCaPublisherOptions) {
    this.namespaces = informers.forResource<Namespace>(NAMESPACES);
    this.configMaps = informers.forResource<ConfigMap>(CONFIGMAPS, { fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}` });
    this.controller = new Controller({ name: 'root-ca-cert-publisher', workers: 2, log: opts.log, reconcile: (ns) => this.reconcile(ns) })
      .watch(this.namespaces, (ns) => ns.metadata.name)
      .watch(this.configMaps, (cm) => (cm.metadata.name === ROOT_CA_CONFIGMAP ? cm.metadata.namespace : undefined));
  }

  private async reconcile(namespace: string): Promise<void> {
    const ns = this.namespaces.store.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    const client = this.cs.resource<ConfigMap>(CONFIGMAPS).namespace(namespace);
    const cm = this.configMaps.store.getByName(namespace, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': this.opts.caCert };
    try {
      if (!cm) {
        await client.create({
          apiVersion: 'v1', kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } }, data,
        });
        return;
      }
      const sameData = Object.keys(cm.data ?? {}).length === 1 && cm.data?.['ca.crt'] === this.opts.caCert;
      if (sameData && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION] === ROOT_CA_DESCRIPTION) return;
      await client.update({
        ...cm, metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } }, data,
      });
    } catch (err) {
      if (isAlreadyExists(err) || isNotFound(err) || isTerminating(err)) return;
      throw err;
    }
  }
}
