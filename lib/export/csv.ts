import { stringify } from "csv-stringify/sync";

// CSV as spreadsheets open it: UTF-8 with a BOM (so Excel reads Cyrillic right), CRLF, quotes doubled, and no
// cell a spreadsheet would run as a formula. Shared by every export (leads, contacts, companies).

export type Cell = string | number | boolean | null;
export const CSV_DELIMITERS = [";", ","] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP's
 * CSV injection advice). A plain number or phone ("+7 999 123-45-67") cannot be a formula and stays as is.
 */
export function safeCell(value: Cell): Cell {
  if (typeof value !== "string") return value;
  if (/^[=+\-@\t\r]/.test(value) && !/^[+-]?\d[\d\s().-]*$/.test(value)) return `'${value}`;
  return value;
}

const options = (delimiter: CsvDelimiter) => ({
  delimiter,
  record_delimiter: "windows" as const,
  cast: { boolean: (b: boolean) => (b ? "true" : "false") },
});

/** A whole file at once (small exports). */
export function csvText(header: string[], rows: Cell[][], delimiter: CsvDelimiter = ","): string {
  return stringify(
    rows.map((r) => r.map(safeCell)),
    { ...options(delimiter), bom: true, header: true, columns: header },
  );
}

/**
 * A file streamed page by page: `next` gives the rows after the cursor it is handed (null first) and the cursor
 * of the page after, or null at the end. Nothing holds more than one page.
 */
export function csvStream<T>(
  header: string[],
  toRow: (item: T) => Cell[],
  next: (cursor: string | null) => Promise<{ items: T[]; cursor: string | null }>,
  delimiter: CsvDelimiter = ",",
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([header], options(delimiter))}`));
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const page = await next(cursor);
      cursor = page.cursor;
      done = !cursor;
      if (page.items.length) {
        controller.enqueue(
          encoder.encode(
            stringify(
              page.items.map((i) => toRow(i).map(safeCell)),
              options(delimiter),
            ),
          ),
        );
      }
      if (done) controller.close();
    },
  });
}

/** The response headers of a download named `name-YYYY-MM-DD.csv`. */
export function csvHeaders(name: string) {
  const day = new Date().toISOString().slice(0, 10);
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}-${day}.csv"`,
    "cache-control": "no-store",
  };
}
