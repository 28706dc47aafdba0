import { describe, expect, it } from "vitest";
import { checkRecord, detectDelimiter, guessMapping, parseCsv } from "@/lib/crm/csv-import";
import { csvStream } from "@/lib/export/csv";

async function read(stream: ReadableStream<Uint8Array>) {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

describe("CSV export stream", () => {
  it("writes a BOM, the header, every page in order, neutralises formulas, with either separator", async () => {
    const pages: Record<string, { items: string[][]; cursor: string | null }> = {
      start: {
        items: [
          ["Анна", "+7 903 555-12-34"],
          ["=cmd|' /C calc'!A0", "@SUM(A1)"],
        ],
        cursor: "p2",
      },
      p2: { items: [["Boris; Jr", "-2+3"]], cursor: null },
    };
    const seen: (string | null)[] = [];
    const stream = csvStream(
      ["name", "phone"],
      (row: string[]) => row,
      async (cursor) => {
        seen.push(cursor);
        return pages[cursor ?? "start"];
      },
      ";",
    );
    const { bytes, text } = await read(stream);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(seen).toEqual([null, "p2"]);
    expect(text.slice(1).split("\r\n")).toEqual([
      "name;phone",
      "Анна;+7 903 555-12-34",
      "'=cmd|' /C calc'!A0;'@SUM(A1)",
      '"Boris; Jr";\'-2+3',
      "",
    ]);
  });
});

describe("CSV import parsing", () => {
  it("detects the separator outside quotes and maps English and Russian headers", () => {
    expect(detectDelimiter('"a;b",c,d\n')).toBe(",");
    expect(detectDelimiter("Имя\tТелефон\n")).toBe("\t");
    expect(guessMapping(["Full name", "Mobile", "E-mail", "Organisation", "Labels"])).toEqual({
      0: "name",
      1: "phone",
      2: "email",
      3: "company",
      4: "tags",
    });
    expect(guessMapping(["ФИО", "Телефон", "Почта", "Комментарий"])).toEqual({
      0: "name",
      1: "phone",
      2: "email",
      3: "notes",
    });
  });

  it("counts record lines across quoted line breaks and refuses rows by field", () => {
    const file = parseCsv('name,notes,phone\n"Anna","line one\nline two",+7 903 555 12 34\nBob,,+1 202\n');
    expect(file.records.map((r) => r.line)).toEqual([2, 4]);
    const mapping = { 0: "name", 1: "notes", 2: "phone" } as const;
    expect(checkRecord(file.records[0], mapping, { tags: [] })).toMatchObject({
      row: { name: "Anna", phone: "+79035551234", notes: "line one\nline two" },
    });
    expect(checkRecord(file.records[1], mapping, { tags: [] })).toEqual({
      rejections: [{ row: 4, field: "phone", value: "+1 202", reason: "bad_phone" }],
    });
  });
});
