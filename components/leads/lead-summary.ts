import { CLIENT_ROLES, FUNNEL_STAGES, NICHES } from "@/lib/ai/analysis-schema";
import { formatMoney, writeSummary, type SummaryLocale } from "@/lib/ai/offline/summary";
import type { Lead } from "./leads-api";

// The offline engine's summary is written from the lead's fields, so the Leads page writes it again in the
// viewer's language; a model's summary is shown as the model wrote it.

const NICHE_SET = new Set<string>(NICHES);
const STAGE_SET = new Set<string>(FUNNEL_STAGES);
const ROLE_SET = new Set<string>(CLIENT_ROLES);

type Summary = { summary: string | null; nextBestAction: string | null };

export function leadSummary(lead: Lead, locale: SummaryLocale): Summary {
  if (lead.engine !== "offline" || !lead.funnelStage || !STAGE_SET.has(lead.funnelStage)) {
    return { summary: lead.summary, nextBestAction: lead.nextBestAction };
  }
  return writeSummary(
    {
      niche: lead.niche && NICHE_SET.has(lead.niche) ? (lead.niche as never) : null,
      funnelStage: lead.funnelStage as never,
      isSpam: lead.isSpam,
      isOwner: lead.isOwner,
      role: lead.role && ROLE_SET.has(lead.role) ? (lead.role as never) : null,
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
