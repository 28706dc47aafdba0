import { z } from "zod";
import type { Sql } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { defineEvent, type EventStep } from "@/lib/events/define";
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

export type ContactChangedStep = EventStep<ContactChanged>;

export const contactChangedSteps: ContactChangedStep[] = [{ name: "retailcrm.contact-sync", run: syncContactChanged }];

export const contactChanged = defineEvent({
  name: "inbox.contact-changed",
  schema: contactChangedPayload,
  steps: contactChangedSteps,
});

/**
 * Publishes an edit from the member's transaction. In-process jobs: inserted by a security-definer function
 * (members cannot insert jobs) and committed with the edit; on Trigger.dev requested after the commit.
 */
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
  await enqueue(contactChanged, { contactId, fields, changedAt: new Date().toISOString() }, { orgId, sql });
}
