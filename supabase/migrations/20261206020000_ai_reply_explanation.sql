-- Why the assistant answered as it did (intent, confidence, the profile fact quoted), kept with the AI message
-- it sent and the draft it left, so an agent sees it beside the bubble. Shape: lib/ai/reply-explanation.ts.
alter table public.messages
  add column ai_explanation jsonb check (ai_explanation is null or jsonb_typeof(ai_explanation) = 'object');
alter table public.ai_drafts
  add column explanation jsonb check (explanation is null or jsonb_typeof(explanation) = 'object');
