import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// Seed 001's asterisk.py bridge (port 8018 in the seed): GET /api/makecallexternal?code=&phone=&clientId= starts
// a call (the manager's extension rings, then the client), /api/monitor answers for a valid clientId, and
// /recordings/<name> serves a recording to a caller presenting the clientId. It knows one clientId.

export type BridgeRequest = {
  path: string;
  query: Record<string, string>;
  headers: Record<string, unknown>;
  at: number;
};

export async function startBridgeFake(opts: { clientId: string }) {
  const requests: BridgeRequest[] = [];
  const recordings = new Map<string, { bytes: Buffer; type: string }>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://bridge");
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query, headers: req.headers, at: Date.now() });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/api/makecallexternal") {
      if (query.clientId !== opts.clientId) return json(401, { success: false, error: "invalid clientId" });
      if (!query.code || !query.phone) return json(400, { success: false, error: "code and phone are required" });
      return json(200, { success: true, message: `calling ${query.phone} from ${query.code}` });
    }
    if (url.pathname === "/api/monitor") {
      if (query.clientId !== opts.clientId) return json(401, { success: false, error: "invalid clientId" });
      return json(200, { success: true, channels: [] });
    }
    const rec = url.pathname.startsWith("/recordings/") && recordings.get(url.pathname.slice("/recordings/".length));
    if (rec) {
      if (req.headers["x-client-id"] !== opts.clientId) return json(403, { error: "forbidden" });
      res.writeHead(200, { "content-type": rec.type, "content-length": rec.bytes.length });
      return res.end(rec.bytes);
    }
    json(404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    calls: () => requests.filter((r) => r.path === "/api/makecallexternal"),
    addRecording(name: string, bytes: Buffer, type = "audio/wav") {
      recordings.set(name, { bytes, type });
      return `${url}/recordings/${name}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A small valid WAV (mono 8 kHz 16-bit) of a tone, for players to load. */
export function makeWav(seconds = 1, hz = 440): Buffer {
  const rate = 8000;
  const samples = Math.floor(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8);
  header.write("fmt ", 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
