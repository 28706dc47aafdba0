import { formatMoney, writeSummary, type SummaryLocale } from "@/lib/ai/offline/summary";
import type { Lead } from "./leads-api";

// The offline engine's summary is written from the lead's fields, so the Leads page writes it again in the
// viewer's language; a model's summary is shown as the model wrote it.

const NICHES = new Set([
  "medicine",
  "infobusiness",
  "education",
  "beauty",
  "construction",
  "ecommerce",
  "marketing",
  "real_estate",
  "other",
]);
const STAGES = new Set([
  "new_lead",
  "not_qualified",
  "qualified",
  "consultation_booked",
  "consultation_completed",
  "deal_closed",
  "deal_lost",
]);
const ROLES = new Set(["owner", "manager", "marketer", "targetologist", "smm", "private_client", "other"]);

type Summary = { summary: string | null; nextBestAction: string | null };

export function leadSummary(lead: Lead, locale: SummaryLocale): Summary {
  if (lead.engine !== "offline" || !lead.funnelStage || !STAGES.has(lead.funnelStage)) {
    return { summary: lead.summary, nextBestAction: lead.nextBestAction };
  }
  return writeSummary(
    {
      niche: lead.niche && NICHES.has(lead.niche) ? (lead.niche as never) : null,
      funnelStage: lead.funnelStage as never,
      isSpam: lead.isSpam,
      isOwner: lead.isOwner,
      role: lead.role && ROLES.has(lead.role) ? (lead.role as never) : null,
      need: lead.qualification?.q1 ?? null,
      budgetAmount: lead.budgetAmount,
      budgetCurrency: lead.budgetCurrency,
      budgetMentioned: lead.budgetMentioned ?? false,
    },
    locale,
  );
}

/** The budget as an amount in the viewer's format ("150 000 ₽", "$1,500"), else the words it was stated in. */
export function leadBudget(lead: Lead, locale: SummaryLocale): string | null {
  if (lead.budgetAmount !== null) return formatMoney(lead.budgetAmount, lead.budgetCurrency, locale);
  return lead.budget;
}
