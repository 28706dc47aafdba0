import { stringify } from "csv-stringify/sync";
import { z } from "zod";

// CSV as spreadsheets open it: UTF-8 with a BOM (so Excel reads Cyrillic right), CRLF, quotes doubled, and no
// cell a spreadsheet would run as a formula. Shared by every export (leads, contacts, companies, deals, tasks, calls, analytics).

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
 * A byte stream of the header and the rows each batch yields. Pull-based: the next batch is read only when the
 * consumer (the HTTP response) wants more, so a slow client slows the reading instead of filling memory, and a
 * download cancelled half-way stops the reading.
 */
export function csvBatches(
  header: string[],
  batches: AsyncIterable<(Cell | undefined)[][]>,
  delimiter: CsvDelimiter = ",",
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([header], options(delimiter))}`));
        return;
      }
      try {
        for (;;) {
          const next = await it.next();
          if (next.done) return controller.close();
          if (!next.value.length) continue;
          const rows = next.value.map((r) => r.map((c) => safeCell(c ?? null)));
          return controller.enqueue(encoder.encode(stringify(rows, options(delimiter))));
        }
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
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
  async function* pages() {
    let cursor: string | null = null;
    do {
      const page = await next(cursor);
      cursor = page.cursor;
      yield page.items.map(toRow);
    } while (cursor);
  }
  return csvBatches(header, pages(), delimiter);
}

/** A list's columns: each header with how its cell is read from an item. */
export type CsvColumns<T> = [header: string, value: (item: T) => Cell][];

/** The `delimiter` query parameter of the list exports. */
export const csvDelimiterParam = z.enum(CSV_DELIMITERS).default(",");

/**
 * A list route's export as a download named `name-YYYY-MM-DD.csv`: its columns over the pages `next` reads (each,
 * at the callers, in its own short RLS transaction as the caller, so no transaction stays open while the client
 * downloads).
 */
export function csvListResponse<T>(
  name: string,
  columns: CsvColumns<T>,
  next: (cursor: string | null) => Promise<{ items: T[]; cursor: string | null }>,
  delimiter: CsvDelimiter,
): Response {
  const stream = csvStream(
    columns.map(([h]) => h),
    (item: T) => columns.map(([, v]) => v(item)),
    next,
    delimiter,
  );
  return csvResponse(stream, name);
}

export const csvResponse = (body: ReadableStream<Uint8Array>, name: string) =>
  new Response(body, { headers: csvHeaders(name) });

/** The response headers of a download named `name-YYYY-MM-DD.csv`. */
export function csvHeaders(name: string) {
  const day = new Date().toISOString().slice(0, 10);
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}-${day}.csv"`,
    "cache-control": "no-store",
  };
}
