/**
 * Splits a byte stream into lines as chunks arrive. It works on bytes, not strings: a newline byte
 * never occurs inside a multi-byte UTF-8 sequence, so a character cut between two chunks is joined
 * before it is decoded, and only the new chunk is scanned for line ends.
 */
export class LineSplitter {
  private pending: Buffer[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl >= 0) {
      let line: Buffer = chunk.subarray(start, nl);
      if (this.pending.length) {
        this.pending.push(line);
        line = Buffer.concat(this.pending);
        this.pending = [];
      }
      if (line.length) this.onLine(line.toString('utf8'));
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** What is left after the last newline (a final line without one). */
  end(): void {
    if (!this.pending.length) return;
    const rest = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    if (rest.trim()) this.onLine(rest);
  }
}
