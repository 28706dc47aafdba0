import { GrammyError, HttpError } from "grammy";
import { PermanentSendError, RetryableSendError } from "../types";

/**
 * Telegram's answer to a send, in the outbox's terms. 429 carries parameters.retry_after (seconds); 5xx and
 * network failures are worth another try; every other error_code (400 chat not found, 403 bot was blocked by
 * the user, 401 a revoked token) will not change by retrying and is shown to the agent as Telegram said it.
 */
export function toSendError(error: unknown): Error {
  if (error instanceof PermanentSendError || error instanceof RetryableSendError) return error;
  if (error instanceof GrammyError) {
    const code = String(error.error_code);
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after;
      return new RetryableSendError(error.description, seconds === undefined ? undefined : seconds * 1000, code);
    }
    if (error.error_code >= 500) return new RetryableSendError(error.description, undefined, code);
    if (error.error_code === 401) return new PermanentSendError("Telegram rejected the bot token (Unauthorized)", code);
    return new PermanentSendError(error.description, code);
  }
  if (error instanceof HttpError) return new RetryableSendError(`cannot reach Telegram: ${networkCause(error)}`);
  return new RetryableSendError(error instanceof Error ? error.message : String(error));
}

/**
 * grammY's own message hides the reason; the wrapped fetch error has it, but also the request URL, whose
 * path holds the bot token: that part is masked before the text can reach a log or the agent's screen.
 */
export function networkCause(error: HttpError): string {
  const inner = error.error;
  if (!(inner instanceof Error)) return error.message;
  const code = (inner as { code?: string }).code;
  const message = redactToken(inner.message);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

export const redactToken = (text: string) => text.replace(/bot\d+:[A-Za-z0-9_-]+/g, "bot<token>");
