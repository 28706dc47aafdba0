"use client";

import { useTranslations } from "next-intl";

// The server stores why the assistant handed a conversation off as an English sentence (lib/assistant/engine.ts,
// also read by the API and logs). The banner shows the known ones in the UI's language; a reason the model
// wrote itself (the hand_off tool) is shown as it wrote it.
export const KNOWN_HANDOFF_REASONS: [RegExp, string][] = [
  [/^No business profile is set up/, "noProfile"],
  [/^The client's message has no question/, "noQuestion"],
  [/^The answer is not in the business profile/, "notInProfile"],
  [/^The assistant kept calling tools/, "toolLoop"],
  [/^The assistant could not produce a usable answer/, "unusable"],
  [/^The AI provider is failing/, "providerFailing"],
  [/media without text/, "mediaOnly"],
  [/^What the client asks is not in the business profile/, "notInProfile2"],
  [/^The question fits several services/, "ambiguous"],
  [/^The profile's answer is in another language/, "otherLanguage"],
  [/^The client names a place the service area/, "unknownPlace"],
  [/^Part of the question is not answered/, "unansweredPart"],
  [/^The client says what they do not want/, "negated"],
  [/^The client wants to book, but there are no free slots/, "noSlots"],
  [/^The client picked a time that is not free/, "slotUnavailable"],
  [/^The client asked to talk to a person/, "askedPerson"],
];

export function useHandoffReason() {
  const t = useTranslations("handoffReasons");
  return (reason: string | null | undefined): string | null => {
    if (!reason) return null;
    const known = KNOWN_HANDOFF_REASONS.find(([pattern]) => pattern.test(reason));
    return known ? t(known[1] as never) : reason;
  };
}
