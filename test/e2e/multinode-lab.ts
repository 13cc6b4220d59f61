/**
 * Support for test/e2e/multinode.test.ts: commands with time limits, the real-node lock shared with
 * harness.ts, child processes whose stderr is kept (and awaited for a line), and a TCP relay that makes
 * the loopback test registry reachable from the network namespaces the test makes.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './harness.js';

/** Runs a command with a time limit (killed when it passes); never rejects. */
export function run(file: string, args: string[], timeoutMs = 20_000, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
    p.stdin?.on('error', () => undefined);
    if (input !== undefined) p.stdin?.end(input);
  });
}

/** Runs a command; throws with its stderr when it fails. */
export async function must(file: string, args: string[]): Promise<string> {
  const r = await run(file, args);
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** eventually(), typed for checks that answer undefined until they succeed. */
export async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  return (await eventually(fn, timeoutMs, what)) as T;
}

const LOCK = join(tmpdir(), 'navarch-e2e-real-node.lock');

/** The real-node lock of test/e2e/harness.ts (a directory holding the owner's pid; a dead owner's is taken over). */
export async function lockRealNode(): Promise<() => void> {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch {
      let owner = 0;
      try { owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8').trim()); } catch { /* being written */ }
      let alive = true;
      try { if (owner > 0) process.kill(owner, 0); } catch { alive = false; }
      if (!alive) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another test's real node (pid ${owner}) holds ${LOCK}`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Waits for a line matching re on the child's stderr; rejects if it exits or time runs out. */
export function waitForLine(child: ChildProcess, re: RegExp, sink: { output: string }, timeoutMs: number, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no line ${re} after ${timeoutMs} ms; output:\n${sink.output}`)), timeoutMs);
    const onData = (): void => {
      const m = re.exec(sink.output);
      if (m) { clearTimeout(timer); child.stderr?.off('data', onData); child.off('exit', onExit); resolve(m); }
    };
    const onExit = (code: number | null): void => { clearTimeout(timer); reject(new Error(`${what}: exited with ${code}; output:\n${sink.output}`)); };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

export function collect(child: ChildProcess, sink: { output: string }): void {
  child.stderr?.on('data', (d: Buffer) => {
    sink.output += d.toString();
    if (sink.output.length > 1 << 20) sink.output = sink.output.slice(-(1 << 19));
    if (process.env.NAVARCH_E2E_LOG) process.stderr.write(d);
  });
}

export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(t);
}

/** A TCP relay from the bridge address to the loopback registry, so agents in their namespaces can pull. */
export function startRelay(listenHost: string, target: { host: string; port: number }): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = createConnection(target);
    for (const s of [inbound, outbound]) { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => { inbound.destroy(); outbound.destroy(); }); }
    inbound.pipe(outbound).pipe(inbound);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => {
      const addr = server.address();
      resolve({
        server, port: typeof addr === 'object' && addr ? addr.port : 0,
        close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      });
    });
  });
}

