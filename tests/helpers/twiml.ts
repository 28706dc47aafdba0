import { XMLParser, XMLValidator } from "fast-xml-parser";

// TwiML answers read as Twilio reads them: as XML. The twilio SDK only builds TwiML (VoiceResponse) and has no
// parser, so fast-xml-parser checks the document is well-formed and turns it into a tree a test asserts on.

export type TwimlNode = { name: string; attrs: Record<string, string>; text: string; children: TwimlNode[] };

type Ordered = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
});

function toNode(item: Ordered): TwimlNode | null {
  const name = Object.keys(item).find((k) => k !== ":@");
  if (!name || name === "#text") return null;
  const content = (item[name] as Ordered[]) ?? [];
  const text = content
    .filter((c) => "#text" in c)
    .map((c) => String(c["#text"]))
    .join("");
  return {
    name,
    attrs: { ...(item[":@"] ?? {}) },
    text,
    children: content.map(toNode).filter((n): n is TwimlNode => n !== null),
  };
}

/** The TwiML document's root element (`<Response>`); throws if the text is not well-formed XML. */
export function parseTwiml(xml: string): TwimlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})\n${xml}`);
  const roots = (parser.parse(xml) as Ordered[]).map(toNode).filter((n): n is TwimlNode => n !== null);
  if (roots.length !== 1) throw new Error(`expected one root element, got ${roots.length}\n${xml}`);
  return roots[0];
}
