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
 * What an export produces, whoever consumes it: the streaming route sends it as the response, the export job
 * (lib/export/job.ts) writes it into the database page by page. Both run it through csvBatches, so a file made
 * in the background has the same bytes as the download.
 */
export type CsvSource = {
  /** The download's name without the date and extension (`contacts` → `contacts-YYYY-MM-DD.csv`). */
  name: string;
  header: string[];
  /** Pages of rows; each page read (at the callers) in its own short RLS transaction as the caller. */
  batches: AsyncIterable<(Cell | undefined)[][]>;
  delimiter: CsvDelimiter;
};

/** A paged list's export: its columns over the pages `next` reads. */
export function csvListSource<T>(
  name: string,
  columns: CsvColumns<T>,
  next: (cursor: string | null) => Promise<{ items: T[]; cursor: string | null }>,
  delimiter: CsvDelimiter,
): CsvSource {
  async function* pages() {
    let cursor: string | null = null;
    do {
      const page = await next(cursor);
      cursor = page.cursor;
      yield page.items.map((item) => columns.map(([, v]) => v(item)));
    } while (cursor);
  }
  return { name, header: columns.map(([h]) => h), batches: pages(), delimiter };
}

/** A source as the CSV bytes of a download. */
export const csvSourceStream = (source: CsvSource) => csvBatches(source.header, source.batches, source.delimiter);

/** A source as a download named `name-YYYY-MM-DD.csv`, streamed while the client reads. */
export const csvSourceResponse = (source: CsvSource) => csvResponse(csvSourceStream(source), source.name);

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
