import { configSchemas, secretSchemas, type ConnectionRecord } from "../connections";

// An asterisk_ami connection's settings as the AMI code needs them, checked with the connection's own schemas.

export type AmiSettings = {
  host: string;
  port: number;
  username: string;
  secret: string;
  context: string;
  /** Originate's Channel for a manager, `{extension}` replaced (default PJSIP/{extension}). */
  channelPattern: string;
  recordingUrlPattern: string | null;
};

export function amiSettings(conn: ConnectionRecord): AmiSettings | undefined {
  if (conn.kind !== "asterisk_ami") return undefined;
  const config = configSchemas.asterisk_ami.safeParse(conn.config ?? {});
  const secrets = secretSchemas.asterisk_ami.safeParse(conn.secrets ?? {});
  if (!config.success || !secrets.success) return undefined;
  return {
    host: config.data.host,
    port: config.data.port,
    username: config.data.username,
    secret: secrets.data.secret,
    context: config.data.context,
    channelPattern: config.data.channelPattern,
    recordingUrlPattern: config.data.recordingUrlPattern || null,
  };
}

/**
 * The CDR's recording file as a URL: `{file}` (URL-encoded), `{yyyy}` `{mm}` `{dd}` from the CDR's StartTime or
 * from FreePBX's file name (`in-200-79161234567-20260212-103036-1770888509.40.wav`). Null without a pattern.
 */
export function recordingUrlFor(pattern: string | null, file: string, startTime?: string): string | null {
  if (!pattern || !file) return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(startTime ?? "") ?? /-(\d{4})(\d{2})(\d{2})-\d{6}-/.exec(file);
  if (/\{(yyyy|mm|dd)\}/.test(pattern) && !date) return null;
  const url = pattern
    .replaceAll("{file}", encodeURIComponent(file.replace(/^.*\//, "")))
    .replaceAll("{yyyy}", date?.[1] ?? "")
    .replaceAll("{mm}", date?.[2] ?? "")
    .replaceAll("{dd}", date?.[3] ?? "");
  return /^https?:\/\/[^\s]+$/.test(url) ? url : null;
}
