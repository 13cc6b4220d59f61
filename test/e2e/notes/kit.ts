/**
 * The notes suite's kit: one navarch cluster per test file, and one `Kubectl` per kubectl version
 * (1.27, 1.32, 1.33) that runs the real binary from its own working directory (where the notes'
 * manifests are copied), with its own kubeconfig (whose context namespace is the version's own
 * namespace, so a command typed as in the notes lands there) and its own discovery cache.
 * The three versions run concurrently against the one cluster; each runs its steps in order.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it as nodeIt } from 'node:test';
import { PENDING } from './pending.js';
import { parse, stringify } from 'yaml';
import { startCluster, type Cluster, type KubectlResult } from '../harness.js';

export const VERSIONS = ['1.27', '1.32', '1.33'] as const;
export type KubectlVersion = (typeof VERSIONS)[number];

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');
/** The notes' manifests, in the source tree (they are not compiled). */
export const MANIFESTS = join(ROOT, 'test', 'e2e', 'notes', 'manifests');

/** AGE as kubectl prints it for an object made during the run ("5s", "2m3s"). */
export const AGE = String.raw`(?:\d+s|\d+m(?:\d+s)?)`;

let binDir: string | undefined;
/** The kubectl.1.NN binaries sit beside the binary `kubectl` links to. */
export function kubectlBin(v: KubectlVersion): string {
  binDir ??= dirname(execFileSync('readlink', ['-f', execFileSync('which', ['kubectl']).toString().trim()]).toString().trim());
  return join(binDir, `kubectl.${v}`);
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
  kubeconfig?: string;
  timeoutMs?: number;
}

/** One kubectl version against the file's cluster. */
export class Kubectl {
  readonly tag: string;
  readonly bin: string;
  /** The version's own namespace: the context namespace of its kubeconfig. */
  readonly ns: string;
  private clusterRef: Cluster | undefined;
  private workDir: string | undefined;

  constructor(readonly family: string, readonly version: KubectlVersion) {
    this.tag = version.replace('.', '');
    this.bin = kubectlBin(version);
    this.ns = `${family}-${this.tag}`;
  }

  get cluster(): Cluster {
    if (!this.clusterRef) throw new Error('Cannot use kubectl: the cluster is not started');
    return this.clusterRef;
  }

  /** The working directory the commands run in (manifests are copied here). */
  get dir(): string {
    if (!this.workDir) throw new Error('Cannot use kubectl: no working directory yet');
    return this.workDir;
  }

  get kubeconfig(): string { return join(this.dir, 'kubeconfig.yaml'); }

  /** A per-version name for an object the notes name (a namespace, a cluster-scoped object). */
  name(base: string): string { return `${base}-${this.tag}`; }

  async attach(cluster: Cluster, root: string): Promise<void> {
    this.clusterRef = cluster;
    this.workDir = join(root, this.tag);
    mkdirSync(this.workDir, { recursive: true });
    const cfg = parse(readFileSync(cluster.kubeconfig, 'utf8')) as { contexts: Array<{ context: Record<string, unknown> }> };
    for (const c of cfg.contexts) c.context.namespace = this.ns;
    writeFileSync(this.kubeconfig, stringify(cfg));
    await this.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.ns } }) });
  }

  run(args: string[], opts: RunOptions = {}): Promise<KubectlResult> {
    const kargs = ['--kubeconfig', opts.kubeconfig ?? this.kubeconfig, '--cache-dir', join(this.dir, '..', '.kube-cache'), ...args];
    return new Promise((done) => {
      const p = execFile(this.bin, kargs, {
        cwd: opts.cwd ?? this.dir,
        env: { ...process.env, ...opts.env },
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        done({ stdout, stderr, code });
      });
      p.stdin?.on('error', () => undefined);
      p.stdin?.end(opts.input ?? '');
    });
  }

  /** Runs kubectl; fails the test with its stderr unless it exits 0. Returns stdout. */
  async ok(...args: Array<string | RunOptions>): Promise<string> {
    const { argv, opts } = split(args);
    const r = await this.run(argv, opts);
    if (r.code !== 0) assert.fail(`kubectl ${this.version} ${argv.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Runs kubectl and asserts that it fails; returns what it printed. */
  async fails(...args: Array<string | RunOptions>): Promise<KubectlResult> {
    const { argv, opts } = split(args);
    const r = await this.run(argv, opts);
    assert.notEqual(r.code, 0, `kubectl ${this.version} ${argv.join(' ')} was expected to fail, printed:\n${r.stdout}${r.stderr}`);
    return r;
  }

  async json<T = Obj>(...args: string[]): Promise<T> {
    return JSON.parse(await this.ok(...args, '-o', 'json')) as T;
  }

  /** Whether `kubectl get` finds the object (a NotFound is false; anything else fails the test). */
  async exists(...args: string[]): Promise<boolean> {
    const r = await this.run(['get', ...args, '-o', 'name']);
    if (r.code === 0) return true;
    assert.match(r.stderr, /NotFound|not found/, r.stderr);
    return false;
  }

  /**
   * Copies a manifest of the notes into the working directory (optionally under another name, with
   * text replaced, e.g. a namespace the notes name made per-version) and returns the name to pass
   * to kubectl, as the user would type it.
   */
  file(src: string, opts: { as?: string; replace?: Record<string, string> } = {}): string {
    const from = join(MANIFESTS, src);
    const to = opts.as ?? basename(src);
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    if (statSync(from).isDirectory()) {
      copyTree(from, join(this.dir, to), opts.replace ?? {});
      return to;
    }
    writeFileSync(join(this.dir, to), replaceAll(readFileSync(from, 'utf8'), opts.replace ?? {}));
    return to;
  }
}

export type Obj = Record<string, unknown> & {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>;
    uid?: string; resourceVersion?: string; generation?: number; creationTimestamp?: string; ownerReferences?: Array<Record<string, unknown>>;
    finalizers?: string[]; deletionTimestamp?: string; managedFields?: Array<Record<string, unknown>> };
  spec?: Record<string, unknown> & { [k: string]: unknown };
  status?: Record<string, unknown>;
  data?: Record<string, string>;
  items?: Obj[];
};

function replaceAll(text: string, replace: Record<string, string>): string {
  let out = text;
  for (const [from, to] of Object.entries(replace)) out = out.split(from).join(to);
  return out;
}

function copyTree(from: string, to: string, replace: Record<string, string>): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copyTree(join(from, e.name), join(to, e.name), replace);
    else if (Object.keys(replace).length === 0) copyFileSync(join(from, e.name), join(to, e.name));
    else writeFileSync(join(to, e.name), replaceAll(readFileSync(join(from, e.name), 'utf8'), replace));
  }
}

function split(args: Array<string | RunOptions>): { argv: string[]; opts: RunOptions } {
  const argv: string[] = [];
  let opts: RunOptions = {};
  for (const a of args) {
    if (typeof a === 'string') argv.push(a);
    else opts = a;
  }
  return { argv, opts };
}

/**
 * One test file = one command family: starts one cluster, then runs `body` once per kubectl
 * version, the versions concurrently, each version's tests in order.
 */
export function notesSuite(family: string, body: (k: Kubectl) => void): void {
  describe(`notes: ${family}`, { concurrency: true }, () => {
    let cluster: Cluster | undefined;
    const root = mkdtempSync(join(tmpdir(), `navarch-notes-${family}-`));
    before(async () => { cluster = await startCluster('sqlite'); });
    after(async () => {
      await cluster?.stop();
      rmSync(root, { recursive: true, force: true });
    });
    for (const v of VERSIONS) {
      describe(`kubectl ${v}`, { concurrency: false }, () => {
        const k = new Kubectl(family, v);
        before(async () => {
          if (!cluster) throw new Error('Cannot run the notes suite: the cluster did not start');
          await k.attach(cluster, root);
        });
        body(k);
      });
    }
  });
}

/** Polls fn until it returns a truthy value; fails with the last value after timeoutMs. */
export async function until<T>(fn: () => Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A notes test. Scenarios listed in pending.ts run as `todo`: their failures are reported with the
 * reason instead of failing the run.
 */
export function it(name: string, fn: () => Promise<void>): void {
  const reason = PENDING.get(name);
  nodeIt(name, reason ? { todo: reason } : {}, fn);
}
