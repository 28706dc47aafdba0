import pino, { type LoggerOptions } from "pino";
import { scrubSecrets } from "./channels/errors";

// JSON lines on stdout: what every log collector on a Node host reads. Each line is scrubbed of bot tokens
// and key-like parameters last, so an error that carries a provider URL (Telegram puts the token in the path)
// never writes the secret, whoever logged it.
export const logOptions: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "relay-crm" },
  hooks: { streamWrite: (line) => scrubSecrets(line) },
};
export const logger = pino(logOptions);
