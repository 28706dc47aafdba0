// JSON-schema helpers of the OpenAI fake: a sample answer for a requested schema, and strict mode's checks.

export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  minimum?: number;
  additionalProperties?: unknown;
};

/** A minimal instance of a strict JSON schema: first enum value, empty string, minimum or 0, [], null where allowed. */
export function sampleFromSchema(schema: Schema, root: Schema = schema): unknown {
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop() ?? "";
    return sampleFromSchema((root.$defs ?? root.definitions ?? {})[name] ?? {}, root);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleFromSchema(schema.anyOf[0], root);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sampleFromSchema(s, root)]),
      );
    case "array":
      return [];
    case "string":
      return "";
    case "number":
    case "integer":
      return schema.minimum ?? 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}

/** The strict-mode rules the real API enforces on response_format / text.format and strict tools. */
export function strictSchemaProblem(schema: Schema, path = "()"): string | undefined {
  if (schema.type === "object" || schema.properties) {
    const keys = Object.keys(schema.properties ?? {});
    const missing = keys.filter((k) => !(schema.required ?? []).includes(k));
    if (missing.length) {
      return `In context=${path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    }
    if (schema.additionalProperties !== false) {
      return `In context=${path}, 'additionalProperties' is required to be supplied and to be false.`;
    }
  }
  const children = [
    ...Object.entries(schema.properties ?? {}).map(([k, s]) => [`${path}, 'properties', '${k}'`, s] as const),
    ...(schema.items ? [[`${path}, 'items'`, schema.items] as const] : []),
    ...(schema.anyOf ?? []).map((s, i) => [`${path}, 'anyOf', '${i}'`, s] as const),
    ...Object.entries(schema.$defs ?? schema.definitions ?? {}).map(
      ([k, s]) => [`${path}, '$defs', '${k}'`, s] as const,
    ),
  ];
  for (const [p, s] of children) {
    const problem = strictSchemaProblem(s, p);
    if (problem) return problem;
  }
  return undefined;
}
