import { z } from "zod";
import type { Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineJob } from "@/lib/jobs/registry";
import { syncContactChanged } from "@/lib/retailcrm/sync-out";

// The inbox's event for other modules: a member edited a contact's name, numbers or email (RetailCRM sync
// edits the customer). One `inbox.contact-changed` job per edit, queued in the edit's transaction; a listener
// adds a step below, as for lib/pipeline/events.ts.

export const contactChangedPayload = z.object({
  contactId: z.uuid(),
  /** Which of the contact's fields changed: name, phone, email. */
  fields: z.array(z.enum(["name", "phone", "email"])).min(1),
  changedAt: z.string(),
});
export type ContactChanged = z.infer<typeof contactChangedPayload>;

export type ContactChangedStep = { name: string; run(event: ContactChanged & { orgId: string }): Promise<void> };

export const contactChangedSteps: ContactChangedStep[] = [];
contactChangedSteps.push({ name: "retailcrm.contact-sync", run: syncContactChanged });

export const contactChanged = defineJob({
  name: "inbox.contact-changed",
  schema: contactChangedPayload,
  maxAttempts: 5,
  async run(payload, ctx) {
    if (!ctx.orgId) throw new Error("inbox.contact-changed needs the organisation");
    const done: string[] = [];
    for (const step of contactChangedSteps) {
      await step.run({ ...payload, orgId: ctx.orgId });
      done.push(step.name);
    }
    return { steps: done };
  },
});

/** Publishes an edit from the member's transaction (in-process jobs: committed with it). */
export async function publishContactChanged(
  sql: Sql,
  orgId: string,
  contactId: string,
  fields: ContactChanged["fields"],
) {
  if (!fields.length) return;
  if (!env().TRIGGER_SECRET_KEY) {
    await sql.query("select private.publish_contact_changed($1, $2, $3::jsonb)", [
      contactId,
      fields,
      JSON.stringify({ name: contactChanged.name, maxAttempts: contactChanged.maxAttempts }),
    ]);
    return;
  }
  await enqueue(contactChanged, { contactId, fields, changedAt: new Date().toISOString() }, { orgId });
}
