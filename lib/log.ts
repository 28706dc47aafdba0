import pino from "pino";

// JSON lines on stdout: what every log collector on a Node host reads.
export const logger = pino({ level: process.env.LOG_LEVEL ?? "info", base: { service: "relay-crm" } });
