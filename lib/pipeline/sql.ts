/** A timestamptz column as ISO 8601 UTC text, made by the database so both drivers answer the same. */
export const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
