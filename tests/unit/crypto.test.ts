import { describe, expect, it } from "vitest";
import { decryptJson, DecryptionError, encryptJson } from "@/lib/crypto";

const key = "11".repeat(32);
const other = "22".repeat(32);

describe("AES-256-GCM secrets", () => {
  it("round-trips JSON and never shows the plaintext", () => {
    const secret = { botToken: "123456:ABC-DEF", nested: { a: [1, 2] } };
    const sealed = encryptJson(secret, "channel-1", key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("ABC-DEF");
    expect(decryptJson(sealed, "channel-1", key)).toEqual(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptJson({ a: 1 }, "", key)).not.toBe(encryptJson({ a: 1 }, "", key));
  });

  it("refuses a wrong key, a wrong context, a tampered or truncated value", () => {
    const sealed = encryptJson({ token: "t" }, "channel-1", key);
    expect(() => decryptJson(sealed, "channel-1", other)).toThrow(DecryptionError);
    expect(() => decryptJson(sealed, "channel-2", key)).toThrow(DecryptionError);
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptJson(`v1.${raw.toString("base64url")}`, "channel-1", key)).toThrow(DecryptionError);
    expect(() => decryptJson("v1.AAAA", "channel-1", key)).toThrow(/truncated/);
    expect(() => decryptJson("v9.AAAA", "channel-1", key)).toThrow(/version/);
  });

  it("uses the configured ENCRYPTION_KEY by default", () => {
    const sealed = encryptJson({ ok: true });
    expect(decryptJson(sealed)).toEqual({ ok: true });
    expect(() => decryptJson(sealed, "", other)).toThrow(DecryptionError);
  });
});
