import { z } from "zod";
import { parseWith } from "./handler";

/** A path id: not a UUID is the client's 400, naming the parameter. */
export const uuidParam = (params: Record<string, string>, name = "id") =>
  parseWith(z.uuid(), params[name], `path: ${name}`);
