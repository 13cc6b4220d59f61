/**
 * Pod defaulting as Kubernetes' v1 defaulters do it: SetDefaults_PodSpec and everything nested
 * (containers, probes, lifecycle handlers, ports, env field selectors, volumes and their modes),
 * the declarative +default values, and SetDefaults_Pod's pod-only extras (requests from limits,
 * enableServiceLinks, host ports under host networking).
 */
import { roundUpToMilli } from '../../../meta/quantity-canonical.js';
import { PodSpecSchema } from './pod-spec.js';
import { applySchemaDefaults } from './schema-defaults.js';
import type { Container, Handler, Pod, PodSpec, Probe, ResourceList } from './types.js';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objects<T>(list: unknown): T[] {
  return Array.isArray(list) ? list.filter(isObject) as T[] : [];
}

const DEFAULT_FILE_MODE = 0o644;

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::([\\w][\\w.-]{0,127}))?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/**
 * The pull policy an image gets by default (parsers.ParseImageName's view of the reference):
 * Always for ":latest" or a reference with neither tag nor digest, IfNotPresent otherwise,
 * including references that do not parse.
 */
export function defaultPullPolicy(image: string): string {
  const m = REFERENCE.exec(image);
  if (!m) return 'IfNotPresent';
  const tag = m[1];
  if (tag === 'latest') return 'Always';
  if (tag === undefined && !image.includes('@')) return 'Always';
  return 'IfNotPresent';
}

function defaultResourceList(list: unknown): void {
  if (!isObject(list)) return;
  for (const [k, v] of Object.entries(list)) {
    if (typeof v === 'string' || typeof v === 'number') (list as ResourceList)[k] = roundUpToMilli(v);
  }
}

function defaultHandler(h: unknown): void {
  if (!isObject(h)) return;
  const get = (h as Handler).httpGet;
  if (isObject(get)) {
    if (!get.path) get.path = '/';
    if (!get.scheme) get.scheme = 'HTTP';
  }
}

function defaultProbe(p: Probe | undefined): void {
  if (!isObject(p)) return;
  defaultHandler(p);
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
}

function defaultFieldRef(ref: unknown): void {
  if (isObject(ref) && !ref.apiVersion) ref.apiVersion = 'v1';
}

function defaultResourceFieldRef(ref: unknown): void {
  // A zero Quantity is written out as "0" (the field is a non-pointer struct).
  if (isObject(ref) && ref.divisor === undefined) ref.divisor = '0';
}

/** SetDefaults_Container and the defaulters of everything a container holds. */
function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image ?? '');
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (!isObject(c.resources)) c.resources = {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
  for (const e of objects<Obj>(c.env)) {
    const from = e.valueFrom;
    if (!isObject(from)) continue;
    defaultFieldRef(from.fieldRef);
    defaultResourceFieldRef(from.resourceFieldRef);
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObject(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
}

function defaultDownwardItems(items: unknown): void {
  for (const item of objects<Obj>(items)) {
    defaultFieldRef(item.fieldRef);
    defaultResourceFieldRef(item.resourceFieldRef);
  }
}

/** SetDefaults_Volume and the defaulters of its sources. */
function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
  if (sources.length === 0) v.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = v[key];
    if (isObject(src) && src.defaultMode === undefined) src.defaultMode = DEFAULT_FILE_MODE;
  }
  if (isObject(v.downwardAPI)) defaultDownwardItems(v.downwardAPI.items);
  if (isObject(v.projected)) {
    for (const s of objects<Obj>(v.projected.sources)) {
      if (isObject(s.downwardAPI)) defaultDownwardItems(s.downwardAPI.items);
      const token = s.serviceAccountToken;
      if (isObject(token) && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
    }
  }
  if (isObject(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  const image = v.image;
  if (isObject(image) && !image.pullPolicy) image.pullPolicy = defaultPullPolicy(String(image.reference ?? ''));
  const ephemeral = v.ephemeral;
  if (isObject(ephemeral) && isObject(ephemeral.volumeClaimTemplate)) {
    const tpl = ephemeral.volumeClaimTemplate;
    if (isObject(tpl.spec)) {
      if (tpl.spec.volumeMode === undefined) tpl.spec.volumeMode = 'Filesystem';
      if (!isObject(tpl.spec.resources)) tpl.spec.resources = {};
      const res = tpl.spec.resources as Obj;
      defaultResourceList(res.limits);
      defaultResourceList(res.requests);
    }
  }
}

/** All of a PodSpec's defaulting (SetDefaults_PodSpec and nested types). Mutates spec. */
export function defaultPodSpec(spec: Record<string, unknown>): void {
  const s = spec as PodSpec;
  // serviceAccount is the deprecated alias: v1 conversion takes serviceAccountName when it is set and
  // writes the one value back into both.
  if (!s.serviceAccountName && s.serviceAccount) s.serviceAccountName = s.serviceAccount;
  if (s.serviceAccountName) s.serviceAccount = s.serviceAccountName;
  else delete s.serviceAccount;
  if (!s.dnsPolicy) s.dnsPolicy = 'ClusterFirst';
  if (!s.restartPolicy) s.restartPolicy = 'Always';
  if (!isObject(s.securityContext)) s.securityContext = {};
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) s.terminationGracePeriodSeconds = 30;
  if (!s.schedulerName) s.schedulerName = 'default-scheduler';
  for (const v of objects<Obj>(s.volumes)) defaultVolume(v);
  for (const list of [s.initContainers, s.containers, s.ephemeralContainers]) {
    for (const c of objects<Container>(list)) defaultContainer(c);
  }
  defaultResourceList(s.overhead);
  if (isObject(s.resources)) {
    defaultResourceList(s.resources.limits);
    defaultResourceList(s.resources.requests);
  }
  applySchemaDefaults(PodSpecSchema, spec);
}

/** Defaults of a pod template (its spec; a template's metadata carries a null creationTimestamp). */
export function defaultPodTemplateSpec(tpl: Record<string, unknown>): void {
  if (!isObject(tpl.metadata)) tpl.metadata = {};
  const meta = tpl.metadata as Obj;
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  if (!isObject(tpl.spec)) tpl.spec = {};
  defaultPodSpec(tpl.spec as Obj);
}

function requestsFromLimits(c: Container): void {
  const res = c.resources;
  if (!isObject(res)) return;
  const limits = res.limits;
  if (!isObject(limits)) return;
  const requests: ResourceList = isObject(res.requests) ? res.requests as ResourceList : {};
  res.requests = requests;
  for (const [k, v] of Object.entries(limits as ResourceList)) {
    if (!(k in requests)) requests[k] = v;
  }
}

/** SetDefaults_Pod plus the spec's defaults: what a Pod (not a template) gets. */
export function defaultPod(pod: Pod): void {
  if (!isObject(pod.spec)) pod.spec = {};
  const spec = pod.spec;
  defaultPodSpec(spec as Obj);
  for (const c of objects<Container>(spec.containers)) requestsFromLimits(c);
  for (const c of objects<Container>(spec.initContainers)) requestsFromLimits(c);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...objects<Container>(spec.containers), ...objects<Container>(spec.initContainers)]) {
      for (const p of c.ports ?? []) {
        if (isObject(p) && !p.hostPort) p.hostPort = p.containerPort;
      }
    }
  }
}
