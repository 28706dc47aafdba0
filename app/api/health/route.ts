import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.transaction((sql) => sql.query("select 1"));
    return Response.json({ ok: true, service: "relay-crm", db: db.kind });
  } catch {
    return Response.json({ ok: false, service: "relay-crm", db: "unavailable" }, { status: 503 });
  }
}
