/**
 * The simulation's knobs (`--simulation-config FILE`, YAML) and the node template (`--node-template
 * FILE`, a Node-shaped YAML whose labels, annotations, taints, capacity and allocatable are laid over
 * the defaults). Unknown keys are refused so a misspelt knob is not silently ignored.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Taint } from './types.js';

export interface SimulationConfig {
  /** Seconds from a pod being bound to it running (0: at once). */
  startupDelaySeconds: number;
  /** Seconds a pod whose restartPolicy is not Always runs before it ends; the pod annotation
   *  navarch.io/simulated-runtime-seconds overrides it. */
  runSeconds: number;
  /** Probability (0…1) that such a pod ends Failed (exit code 1, reason Error) instead of Succeeded;
   *  the pod annotation navarch.io/simulated-exit-code decides for the pod instead. */
  failureProbability: number;
  /** Seconds from a deletion request to the containers having stopped (capped by the grace period). */
  terminationDelaySeconds: number;
  /** Concurrent status writes. */
  workers: number;
  leaseDurationSeconds: number;
  leaseRenewSeconds: number;
  /** How often each node's status (condition heartbeats) is written. */
  statusUpdateSeconds: number;
}

export const DEFAULT_SIMULATION: SimulationConfig = {
  startupDelaySeconds: 0,
  runSeconds: 5,
  failureProbability: 0,
  terminationDelaySeconds: 1,
  workers: 8,
  leaseDurationSeconds: 40,
  leaseRenewSeconds: 10,
  statusUpdateSeconds: 60,
};

export const RUNTIME_SECONDS_ANNOTATION = 'navarch.io/simulated-runtime-seconds';
/** A pod annotation: the exit code its containers end with (0: Succeeded; otherwise Failed, reason Error). */
export const EXIT_CODE_ANNOTATION = 'navarch.io/simulated-exit-code';

export function parseSimulationConfig(text: string, source = 'simulation config'): SimulationConfig {
  const raw: unknown = parse(text) ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`Cannot read ${source}: expected a mapping`);
  const out: SimulationConfig = { ...DEFAULT_SIMULATION };
  for (const [k, v] of Object.entries(raw)) {
    if (!(k in DEFAULT_SIMULATION)) throw new Error(`Cannot read ${source}: unknown key ${JSON.stringify(k)} (known: ${Object.keys(DEFAULT_SIMULATION).join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`Cannot read ${source}: ${k} must be a non-negative number, not ${JSON.stringify(v)}`);
    out[k as keyof SimulationConfig] = v;
  }
  if (out.failureProbability > 1) throw new Error(`Cannot read ${source}: failureProbability must be between 0 and 1`);
  if (out.workers < 1) out.workers = 1;
  return out;
}

export function loadSimulationConfig(path: string | undefined): SimulationConfig {
  return path ? parseSimulationConfig(readFileSync(path, 'utf8'), path) : { ...DEFAULT_SIMULATION };
}

export interface NodeTemplate {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  taints: Taint[];
  capacity: Record<string, string>;
  allocatable?: Record<string, string>;
}

export const DEFAULT_CAPACITY: Record<string, string> = {
  cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '1Ti',
};

function stringMap(v: unknown, what: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`Cannot read node template: ${what} must be a mapping`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
}

const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/** `key=value:Effect` or `key:Effect`, comma-separated (as kubectl taint and k3s --node-taint write them). */
export function parseTaints(spec: string | undefined): Taint[] {
  if (!spec) return [];
  return spec.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = /^([^=:]+)(?:=([^:]*))?:(\w+)$/.exec(s);
    if (!m || !EFFECTS.has(m[3])) throw new Error(`Cannot parse taint ${JSON.stringify(s)}: expected key[=value]:NoSchedule|PreferNoSchedule|NoExecute`);
    const t: Taint = { key: m[1], effect: m[3] as Taint['effect'] };
    if (m[2]) t.value = m[2];
    return t;
  });
}

/** `k=v,k2=v2`. */
export function parseLabels(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of (spec ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new Error(`Cannot parse label ${JSON.stringify(s)}: expected key=value`);
    out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

export function parseNodeTemplate(text: string): NodeTemplate {
  const raw = (parse(text) ?? {}) as { metadata?: { labels?: unknown; annotations?: unknown }; spec?: { taints?: unknown }; status?: { capacity?: unknown; allocatable?: unknown } };
  const taints = raw.spec?.taints ?? [];
  if (!Array.isArray(taints)) throw new Error('Cannot read node template: spec.taints must be a list');
  const tpl: NodeTemplate = {
    labels: stringMap(raw.metadata?.labels, 'metadata.labels'),
    annotations: stringMap(raw.metadata?.annotations, 'metadata.annotations'),
    taints: taints.map((t: { key?: unknown; value?: unknown; effect?: unknown }) => {
      if (typeof t?.key !== 'string' || typeof t.effect !== 'string' || !EFFECTS.has(t.effect)) {
        throw new Error(`Cannot read node template: bad taint ${JSON.stringify(t)}`);
      }
      const out: Taint = { key: t.key, effect: t.effect as Taint['effect'] };
      if (t.value !== undefined) out.value = String(t.value);
      return out;
    }),
    capacity: { ...DEFAULT_CAPACITY, ...stringMap(raw.status?.capacity, 'status.capacity') },
  };
  if (raw.status?.allocatable) tpl.allocatable = stringMap(raw.status.allocatable, 'status.allocatable');
  return tpl;
}

export function loadNodeTemplate(path: string | undefined): NodeTemplate {
  if (path) return parseNodeTemplate(readFileSync(path, 'utf8'));
  return { labels: {}, annotations: {}, taints: [], capacity: { ...DEFAULT_CAPACITY } };
}
