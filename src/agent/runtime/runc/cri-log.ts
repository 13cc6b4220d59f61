/**
 * Container logs in the CRI format the kubelet reads (`kubectl logs`): one line per record,
 * `<RFC 3339 time with nanoseconds> <stdout|stderr> <F|P> <content>`, P marking a piece of a line
 * longer than the maximum, F the end of a line. Lines from both streams are written as they arrive.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export type LogStream = 'stdout' | 'stderr';

export interface LogRecord { time: string; stream: LogStream; tag: 'F' | 'P'; content: string }

/** The longest line content written as one record; longer lines are split into P records. */
export const MAX_LINE = 16 * 1024;

/** Now, as `2026-11-21T10:00:00.123456789Z` (microsecond precision, nine digits as containerd writes). */
export function criTimestamp(ms = performance.timeOrigin + performance.now()): string {
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString(); // …T10:00:00.123Z
  const micros = Math.floor((ms - whole) * 1000);
  const nanos = (whole % 1000) * 1_000_000 + micros * 1000;
  return `${iso.slice(0, 19)}.${String(nanos).padStart(9, '0')}Z`;
}

export function parseLogLine(line: string): LogRecord | undefined {
  const m = /^(\S+) (stdout|stderr) (F|P) (.*)$/s.exec(line);
  if (!m) return undefined;
  return { time: m[1]!, stream: m[2] as LogStream, tag: m[3] as 'F' | 'P', content: m[4]! };
}

/** Splits each stream's bytes into lines and appends records to the log file. */
export class CriLogWriter {
  private readonly out: WriteStream;
  private readonly pending: Record<LogStream, Buffer[]> = { stdout: [], stderr: [] };
  private readonly pendingLength: Record<LogStream, number> = { stdout: 0, stderr: 0 };

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { flags: 'a', mode: 0o640 });
    this.out.on('error', () => undefined);
  }

  write(stream: LogStream, chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      this.pushPiece(stream, chunk.subarray(start, nl));
      this.emit(stream, 'F');
      start = nl + 1;
    }
    if (start < chunk.length) this.pushPiece(stream, chunk.subarray(start));
  }

  /** The stream ended: what is left without a newline becomes a full line. */
  endStream(stream: LogStream): void {
    if (this.pendingLength[stream] > 0) this.emit(stream, 'F');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }

  private pushPiece(stream: LogStream, piece: Buffer): void {
    let p = piece;
    while (this.pendingLength[stream] + p.length > MAX_LINE) {
      const room = MAX_LINE - this.pendingLength[stream];
      this.pending[stream].push(p.subarray(0, room));
      this.pendingLength[stream] += room;
      this.emit(stream, 'P');
      p = p.subarray(room);
    }
    if (p.length > 0) {
      this.pending[stream].push(Buffer.from(p));
      this.pendingLength[stream] += p.length;
    }
  }

  private emit(stream: LogStream, tag: 'F' | 'P'): void {
    const content = Buffer.concat(this.pending[stream], this.pendingLength[stream]);
    this.pending[stream] = [];
    this.pendingLength[stream] = 0;
    const head = Buffer.from(`${criTimestamp()} ${stream} ${tag} `);
    this.out.write(Buffer.concat([head, content, Buffer.from('\n')]));
  }
}
