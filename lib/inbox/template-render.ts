import { ApiError } from "@/lib/api/errors";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The placeholders of a template body in order of first use: "1", "2", … or names. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The text the client will read, for the thread and the inbox preview; a missing value is a 400 naming it. */
export function renderTemplate(body: string, variables: Record<string, string>): string {
  const missing = placeholdersOf(body).filter((key) => !variables[key]?.trim());
  if (missing.length) throw new ApiError("bad_request", `variables.${missing[0]}: is required by the template`);
  return body.replace(PLACEHOLDER, (_, key: string) => variables[key]);
}
