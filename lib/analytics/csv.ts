import { stringify } from "csv-stringify/sync";
import { safeCell } from "@/lib/dialogs/csv";

// CSV as Excel opens it, streamed: the leads export's rules (lib/dialogs/csv.ts: UTF-8 with a BOM, CRLF,
// csv-stringify's quoting, formula-looking cells neutralised by safeCell), written chunk by chunk as rows come,
// so an export of any size holds one chunk in memory, never the whole file.

export type CsvCell = string | number | boolean | null | undefined;
export type Separator = "," | ";";

const encoder = new TextEncoder();

export function csvChunk(rows: CsvCell[][], separator: Separator): string {
  if (!rows.length) return "";
  return stringify(
    rows.map((r) => r.map((c) => safeCell(c ?? null))),
    { delimiter: separator, record_delimiter: "windows", cast: { boolean: (b) => (b ? "true" : "false") } },
  );
}

/**
 * A byte stream of the header and the rows each batch yields. Pull-based: the next batch is read only when
 * the consumer (the HTTP response) wants more, so a slow client slows the reading instead of filling memory.
 */
export function csvStream(
  header: string[],
  batches: AsyncIterable<CsvCell[][]>,
  separator: Separator = ",",
): ReadableStream<Uint8Array> {
  const it = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvChunk([header], separator)}`));
        return;
      }
      try {
        for (;;) {
          const next = await it.next();
          if (next.done) return controller.close();
          const text = csvChunk(next.value, separator);
          if (text) return controller.enqueue(encoder.encode(text));
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

export function csvResponse(body: ReadableStream<Uint8Array>, name: string): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
