/**
 * Terminal sizes on the resize stream: JSON objects `{"Width":80,"Height":24}` one after another (Go's
 * json.Encoder puts a newline after each), split anywhere by the transport. Malformed objects are
 * skipped; an object that never closes is dropped past 4 KiB.
 */

export interface TerminalSize { width: number; height: number }

const MAX_OBJECT = 4096;

export class ResizeDecoder {
  private text = '';

  /** Adds bytes; returns the sizes now complete. */
  push(chunk: Buffer | string): TerminalSize[] {
    this.text += chunk.toString();
    const sizes: TerminalSize[] = [];
    for (;;) {
      const start = this.text.indexOf('{');
      if (start < 0) { this.text = ''; break; }
      const end = this.text.indexOf('}', start);
      if (end < 0) {
        this.text = this.text.length - start > MAX_OBJECT ? '' : this.text.slice(start);
        break;
      }
      const obj = this.text.slice(start, end + 1);
      this.text = this.text.slice(end + 1);
      try {
        const v = JSON.parse(obj) as { Width?: unknown; Height?: unknown };
        const width = Number(v.Width);
        const height = Number(v.Height);
        if (Number.isInteger(width) && Number.isInteger(height) && width >= 0 && height >= 0 && width < 65536 && height < 65536) {
          sizes.push({ width, height });
        }
      } catch { /* not a size */ }
    }
    return sizes;
  }
}
