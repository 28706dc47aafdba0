// The Asterisk Manager Interface's framing (../shared/wire/asterisk.md §2): after a one-line banner
// ("Asterisk Call Manager/<version>"), `Key: Value` lines ending in CRLF, a message ending in an empty line.
// Keys are case-insensitive and may repeat (`Variable:`, `ChanVariable:`). Old servers answer `Command` with
// `Response: Follows` and free text up to `--END COMMAND--`; such a block keeps its text in `body`.

export type AmiMessage = {
  /** Headers in arrival order, keys as the server spelled them. */
  headers: [string, string][];
  /** Free text lines of a `Response: Follows` block or lines that were not `Key: Value`. */
  body: string[];
};

/** The first value of a header, matched case-insensitively. */
export function header(m: AmiMessage, key: string): string | undefined {
  const k = key.toLowerCase();
  for (const [name, value] of m.headers) if (name.toLowerCase() === k) return value;
  return undefined;
}

/** Every value of a repeated header. */
export function headers(m: AmiMessage, key: string): string[] {
  const k = key.toLowerCase();
  return m.headers.filter(([name]) => name.toLowerCase() === k).map(([, v]) => v);
}

/** The message as a plain object (first value of each key), for storing as the raw event. */
export function toObject(m: AmiMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of m.headers) if (!(k in out)) out[k] = v;
  return out;
}

const MAX_BUFFER = 1024 * 1024;

/**
 * Splits a byte stream into messages. Tolerates bare LF (captures written with `\n`), keeps a partial
 * message across chunks, and refuses a message that grows past 1 MB (a broken peer, not a PBX).
 */
export class AmiReader {
  private buffer = "";
  private bannerSeen = false;
  banner: string | null = null;

  constructor(private readonly onMessage: (m: AmiMessage) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    if (!this.bannerSeen) {
      const nl = this.buffer.indexOf("\n");
      if (nl < 0) return this.checkSize();
      const first = this.buffer.slice(0, nl).replace(/\r$/, "");
      if (/^Asterisk Call Manager\//i.test(first)) {
        this.banner = first;
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.bannerSeen = true;
    }
    for (;;) {
      const end = /\r?\n\r?\n/.exec(this.buffer);
      if (!end) break;
      const block = this.buffer.slice(0, end.index);
      this.buffer = this.buffer.slice(end.index + end[0].length);
      // `Response: Follows` text may hold empty lines: read on to `--END COMMAND--`.
      if (/^Response:\s*Follows/i.test(block) && !/--END COMMAND--\s*$/.test(block)) {
        const close = this.buffer.indexOf("--END COMMAND--");
        if (close < 0) {
          this.buffer = `${block}\n\n${this.buffer}`;
          break;
        }
        const rest = this.buffer.slice(0, close + "--END COMMAND--".length);
        this.buffer = this.buffer.slice(close + "--END COMMAND--".length).replace(/^\r?\n(\r?\n)?/, "");
        this.emit(`${block}\n\n${rest}`);
        continue;
      }
      if (block.trim() !== "") this.emit(block);
    }
    this.checkSize();
  }

  private checkSize() {
    if (this.buffer.length > MAX_BUFFER) {
      this.buffer = "";
      throw new Error("AMI message over 1 MB");
    }
  }

  private emit(block: string) {
    const message: AmiMessage = { headers: [], body: [] };
    for (const line of block.split(/\r?\n/)) {
      const m = /^([A-Za-z0-9_\-]+):\s?(.*)$/.exec(line);
      if (m && message.body.length === 0) message.headers.push([m[1], m[2]]);
      else if (line !== "--END COMMAND--") message.body.push(line);
    }
    this.onMessage(message);
  }
}

/** An action (or any message) as wire text: `Key: Value` lines, CRLF, an empty line. CR/LF in values refused. */
export function formatMessage(fields: [string, string][]): string {
  let out = "";
  for (const [k, v] of fields) {
    if (/[\r\n]/.test(k) || /[\r\n]/.test(v)) throw new Error(`AMI field ${k} holds a line break`);
    out += `${k}: ${v}\r\n`;
  }
  return `${out}\r\n`;
}
