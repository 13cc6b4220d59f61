/**
 * How a container process is started so that it outlives the agent, with no shim daemon and no
 * subreaper. runc 1.1's `runc run` (foreground, no terminal) stays the parent of the container's
 * init and exits with its status (128+N for signal N); `--keep` leaves the stopped container, and
 * its cgroup (for the OOM count), until `runc delete`. The agent starts
 *
 *   sh -c 'runc run --keep --bundle B --pid-file P ID; echo $? > exit'
 *
 * in a new session (setsid) with stdout and stderr on two FIFOs that the shell holds open
 * read-write: the container never sees EPIPE/SIGPIPE when no agent is reading, the kernel's pipe
 * buffer holds output until one reads again, and the readers see end-of-file only once the shell
 * has written the exit code and gone. The exit file's mtime is the finish time; the pid file's the
 * start time. Cost: the shell (~1.5 MB) and the waiting runc (~10 MB) per running container.
 *
 * A container with `stdin: true` reads a third FIFO. A small keeper process (a sleep, its pid in
 * stdin.keeper) holds it open for writing, so the container sees no end of input while no client is
 * attached; the shell ends the keeper when runc returns, and killing it earlier (stdinOnce, after the
 * first attach) lets the container read end-of-file once the attached writer closes.
 *
 * A container with `tty: true` has a console: runc (foreground) copies between the console and a
 * terminal of its own, which `script` provides (a pseudo-terminal whose other side is the FIFOs).
 */
import { spawn } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { access, lstat, rm, writeFile } from 'node:fs/promises';
import { runCommand, oomKillCount } from './host.js';
import type { ContainerFiles, ContainerRecord, FinalStatus } from './container-files.js';

const RUNC_RUN = '"$1" --root "$2" --log "$3" --log-format json run --keep --bundle "$4" --pid-file "$5" "$6"';
/** The same under a terminal of its own (80x24 until a client says otherwise), for tty containers. */
const RUNC_RUN_TTY = 'R="$1" S="$2" L="$3" B="$4" P="$5" I="$6" SHELL=/bin/sh; export R S L B P I SHELL; ' +
  'script -qfec \'stty cols 80 rows 24 2>/dev/null; exec "$R" --root "$S" --log "$L" --log-format json run --keep --bundle "$B" --pid-file "$P" "$I"\' /dev/null';
const SHIM_SCRIPT =
  'k=; if [ -n "$8" ]; then ' +
  '(exec 3<>"$8" </dev/null >/dev/null 2>&1; exec sleep 2147483647) & k=$!; printf "%s\\n" "$k" > "$9"; exec 0<"$8"; fi; ' +
  `if [ -n "\${10}" ]; then ${RUNC_RUN_TTY}; else ${RUNC_RUN}; fi; ` +
  'code=$?; if [ -n "$k" ]; then kill "$k" 2>/dev/null; fi; printf "%s\\n" "$code" > "$7.tmp" && mv -f "$7.tmp" "$7"';

export interface SpawnInput {
  runc: string; stateRoot: string; id: string; files: ContainerFiles;
  /** Give the container a stdin FIFO (stdin: true containers). */
  stdin?: boolean;
  /** Run it on a terminal (tty: true); it then always reads a stdin FIFO, so the terminal sees no end of input. */
  tty?: boolean;
}

export async function spawnContainer({ runc, stateRoot, id, files, stdin, tty }: SpawnInput): Promise<void> {
  const withStdin = stdin === true || tty === true;
  const missing: string[] = [];
  for (const f of withStdin ? [files.stdout, files.stderr, files.stdin] : [files.stdout, files.stderr]) {
    const st = await lstat(f).catch(() => undefined);
    if (st && !st.isFIFO()) await rm(f, { force: true });
    if (!st || !st.isFIFO()) missing.push(f);
  }
  if (missing.length > 0) await runCommand('mkfifo', ['-m', '0600', ...missing]);
  // Opening a FIFO read-write never blocks; these become the shell's (and container's) stdout/stderr.
  const out = openSync(files.stdout, constants.O_RDWR);
  const err = openSync(files.stderr, constants.O_RDWR);
  try {
    const child = spawn('sh', ['-c', SHIM_SCRIPT, 'navarch-shim', runc, stateRoot, files.runcLog, files.bundle, files.pid, id, files.exit,
      withStdin ? files.stdin : '', files.stdinKeeper, tty ? 'tty' : ''], {
      detached: true,
      stdio: ['ignore', out, err],
    });
    child.on('error', () => undefined);
    if (child.pid !== undefined) await writeFile(files.shimPid, `${child.pid}\n`);
    child.unref();
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

/** Waits until runc wrote the pid file (true) or the shell the exit file first (false). */
export async function waitForStart(files: ContainerFiles, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 1; ; delay = Math.min(delay * 2, 10)) {
    if (await exists(files.pid)) return true;
    if (await exists(files.exit)) return exists(files.pid);
    if (Date.now() > deadline) throw new Error(`Cannot start container: runc did not start it within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/**
 * Once the exit file exists, settles the final status: StartError when runc itself failed,
 * OOMKilled when the OOM killer fired in its cgroup, else Completed (0) or Error. Returns the status
 * when this call wrote it, undefined when there was nothing (new) to settle.
 */
export async function settleExit(files: ContainerFiles, rec: ContainerRecord): Promise<FinalStatus | undefined> {
  const obs = await files.observe();
  if (obs.state !== 'exited' || obs.final) return undefined;
  const finishedAt = obs.finishedAt ?? new Date().toISOString();
  const runcError = await files.runcError();
  let final: FinalStatus;
  if (runcError !== undefined && /^runc run failed/.test(runcError)) {
    const detail = runcError.replace(/^runc run failed: /, '');
    final = {
      exitCode: 128, reason: 'StartError', finishedAt, ...(obs.startedAt ? { startedAt: obs.startedAt } : {}),
      message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ${detail}: unknown`,
    };
  } else {
    const oom = (await oomKillCount(rec.cgroupsPath)) > 0;
    const code = obs.exitCode ?? 255;
    final = {
      exitCode: code, reason: oom ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error', finishedAt,
      ...(obs.startedAt ? { startedAt: obs.startedAt } : {}),
    };
  }
  await files.writeFinal(final);
  return final;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
