import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { secrets } from "@/lib/secrets";

// v1.<base64url: 12-byte IV | 16-byte tag | ciphertext>. The version prefix lets a later format or key
// rotation coexist with rows written today.
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

function keyBytes(hex?: string) {
  const key = Buffer.from(hex ?? secrets().encryptionKey, "hex");
  if (key.length !== 32) throw new Error("encryption key must be 32 bytes (64 hex characters)");
  return key;
}

/**
 * Encrypts a JSON value with AES-256-GCM. `context` (e.g. the channel id) is bound as associated data:
 * a ciphertext copied onto another row does not decrypt there.
 */
export function encryptJson(value: unknown, context = "", keyHex?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(keyHex), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The value encryptJson sealed; throws DecryptionError for a wrong key, context or a tampered text. */
export function decryptJson<T = unknown>(sealed: string, context = "", keyHex?: string): T {
  const [version, data] = sealed.split(".");
  if (version !== VERSION || !data) throw new DecryptionError("not an encrypted value of a known version");
  const raw = Buffer.from(data, "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError("encrypted value is truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyBytes(keyHex), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString("utf8")) as T;
  } catch {
    throw new DecryptionError("cannot decrypt: wrong key, wrong context, or tampered value");
  }
}

/** Hex SHA-256, for secrets kept only as their hash (API keys, invitation tokens). */
export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");
