import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { AmiReader, formatMessage, header, type AmiMessage } from "./protocol";

// One AMI session over TCP: the banner, actions correlated with their answers by ActionID (list actions such as
// CoreShowChannels collect their events up to `EventList: Complete`), every other event handed to onEvent,
// a keep-alive Ping, and Logoff on close. Reconnecting is the caller's business (lib/telephony/ami/source.ts).

export class AmiAuthError extends Error {}
export class AmiActionError extends Error {}

export type AmiResponse = { response: AmiMessage; events: AmiMessage[] };

type Pending = {
  resolve: (r: AmiResponse) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  list: boolean;
  response?: AmiMessage;
  events: AmiMessage[];
};

export type AmiClientOptions = {
  host: string;
  port: number;
  /** Connect and banner, and each action's answer (default 10 s). */
  timeoutMs?: number;
  onEvent?: (event: AmiMessage) => void;
  /** The socket closed (not after close() was asked for). */
  onClose?: (error: Error | null) => void;
};

export class AmiClient {
  private socket: Socket | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly prefix = randomBytes(4).toString("hex");
  private seq = 0;
  private closing = false;
  private keepAlive: NodeJS.Timeout | null = null;
  banner: string | null = null;

  constructor(private readonly opts: AmiClientOptions) {}

  private get timeoutMs() {
    return this.opts.timeoutMs ?? 10_000;
  }

  /** Opens the socket and waits for the banner. */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.opts.host, port: this.opts.port });
      this.socket = socket;
      socket.setEncoding("utf8");
      socket.setNoDelay(true);
      let ready = false;
      let lastError: Error | null = null;
      socket.on("error", (e) => (lastError = e));
      const timer = setTimeout(() => {
        socket.destroy(new Error(`no AMI banner from ${this.opts.host}:${this.opts.port} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const reader = new AmiReader((m) => this.dispatch(m));
      socket.on("data", (chunk: string) => {
        try {
          reader.push(chunk);
        } catch (error) {
          socket.destroy(error as Error);
          return;
        }
        if (!ready && reader.banner !== null) {
          ready = true;
          this.banner = reader.banner;
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on("close", (hadError) => {
        clearTimeout(timer);
        this.stopKeepAlive();
        const error = hadError
          ? new Error("the AMI connection failed")
          : new Error("the PBX closed the AMI connection");
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(error);
        }
        this.pending.clear();
        if (!ready) return reject(lastError ?? error);
        if (!this.closing) this.opts.onClose?.(lastError ?? error);
      });
    });
  }

  private dispatch(m: AmiMessage) {
    const id = header(m, "ActionID");
    const p = id ? this.pending.get(id) : undefined;
    if (p) {
      if (header(m, "Response") !== undefined && !p.response) {
        p.response = m;
        const isList = p.list && /^start$/i.test(header(m, "EventList") ?? "");
        if (!isList) return this.settle(id!, p);
        return;
      }
      if (header(m, "Event") !== undefined && p.response) {
        if (/^complete$/i.test(header(m, "EventList") ?? "")) return this.settle(id!, p);
        p.events.push(m);
        return;
      }
    }
    if (header(m, "Event") !== undefined) this.opts.onEvent?.(m);
  }

  private settle(id: string, p: Pending) {
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve({ response: p.response!, events: p.events });
  }

  /** Sends an action and waits for its answer; `Response: Error` rejects with the server's message. */
  action(name: string, fields: [string, string][] = [], opts: { list?: boolean; actionId?: string } = {}) {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new Error("the AMI connection is not open"));
    const actionId = opts.actionId ?? `${this.prefix}-${++this.seq}`;
    const text = formatMessage([["Action", name], ["ActionID", actionId], ...fields]);
    return new Promise<AmiResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(new Error(`no answer to ${name} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(actionId, {
        resolve: (r) => {
          if (/^error$/i.test(header(r.response, "Response") ?? "")) {
            reject(new AmiActionError(header(r.response, "Message") ?? `${name} failed`));
          } else resolve(r);
        },
        reject,
        timer,
        list: opts.list ?? false,
        events: [],
      });
      socket.write(text);
    });
  }

  /** Login with the plain secret; a refusal is an AmiAuthError (the secret or the user is wrong). */
  async login(username: string, secret: string, events = "on"): Promise<void> {
    try {
      await this.action("Login", [
        ["Username", username],
        ["Secret", secret],
        ["Events", events],
      ]);
    } catch (error) {
      if (error instanceof AmiActionError) throw new AmiAuthError(`the PBX refused the login: ${error.message}`);
      throw error;
    }
  }

  ping() {
    return this.action("Ping");
  }

  /** Pings every intervalMs; a Ping without answer closes the socket (onClose then reports it). */
  startKeepAlive(intervalMs: number) {
    this.stopKeepAlive();
    this.keepAlive = setInterval(() => {
      this.ping().catch((error: Error) => this.socket?.destroy(new Error(`keep-alive failed: ${error.message}`)));
    }, intervalMs);
    this.keepAlive.unref();
  }

  private stopKeepAlive() {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
  }

  /** Logoff (best effort, a second at most) and close. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopKeepAlive();
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await Promise.race([this.action("Logoff").catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
    if (socket.closed) return;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  /** Drops the socket at once (a supervisor stopping on an abort). */
  destroy() {
    this.closing = true;
    this.stopKeepAlive();
    this.socket?.destroy();
  }
}
