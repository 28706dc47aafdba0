"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { inboxKeys } from "@/components/inbox/inbox-api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { aiKeys, approveDraft, discardDraft, fetchPendingDraft, generateDraft, type Draft } from "./ai-api";

/** The conversation's pending AI draft (kept live by realtime on ai_drafts), and what an agent can do with it. */
export function useAiDraft(conversationId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const key = aiKeys.drafts(conversationId);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchPendingDraft(conversationId, signal),
    enabled,
    staleTime: 10_000,
  });
  const settle = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: inboxKeys.messages(conversationId) });
    void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
  };
  const approve = useMutation({
    mutationFn: ({ id, text }: { id: string; text: string }) => approveDraft(id, text),
    onMutate: () => queryClient.setQueryData<Draft | null>(key, null),
    onSettled: settle,
  });
  const discard = useMutation({
    mutationFn: discardDraft,
    onMutate: () => queryClient.setQueryData<Draft | null>(key, null),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: settle,
  });
  const generate = useMutation({
    mutationFn: () => generateDraft(conversationId),
    onSuccess: (draft) => queryClient.setQueryData<Draft | null>(key, draft),
    onError: (error) => toast.error(errorMessage(error)),
  });
  return { draft: query.data ?? null, approve, discard, generate };
}

/**
 * The composer's side of a draft: a new draft fills an empty reply box (a box with the agent's own words only
 * offers it), Enter then approves it with whatever the agent made of it, and Discard throws it away.
 */
export function useComposerDraft({
  conversationId,
  enabled,
  text,
  setText,
}: {
  conversationId: string;
  enabled: boolean;
  text: string;
  setText: (text: string) => void;
}) {
  const t = useTranslations("ai.draft");
  const errorMessage = useErrorMessage();
  const ai = useAiDraft(conversationId, enabled);
  const pending = ai.draft;
  const [seen, setSeen] = useState<string | null>(null);
  const [inBox, setInBox] = useState<Draft | null>(null);

  // Adjusting state to a new draft during render (not in an effect), as React recommends for derived state.
  if ((pending?.id ?? null) !== seen) {
    setSeen(pending?.id ?? null);
    if (pending && (!text.trim() || text === pending.text)) {
      setText(pending.text);
      setInBox(pending);
    } else if (!pending && inBox) {
      // Superseded, approved or discarded elsewhere: take it out unless the agent has made it their own.
      if (text === inBox.text) setText("");
      setInBox(null);
    }
  }

  const active = inBox && pending?.id === inBox.id ? inBox : null;
  return {
    /** The draft now in the reply box. */
    active,
    /** A draft waiting while the box holds the agent's own words. */
    offered: pending && !active ? pending : null,
    generating: ai.generate.isPending,
    generate: () => ai.generate.mutate(),
    use: () => {
      if (!pending) return;
      setText(pending.text);
      setInBox(pending);
    },
    discard: () => {
      if (!pending) return;
      if (active) setText("");
      setInBox(null);
      ai.discard.mutate(pending.id);
    },
    /** Sends the box's text as the approved draft; false when no draft is in the box (send normally). */
    approve: (body: string) => {
      if (!active) return false;
      const draft = active;
      setInBox(null);
      setText("");
      ai.approve.mutate(
        { id: draft.id, text: body },
        {
          onError: (error) => {
            toast.error(t("sendFailed", { reason: errorMessage(error) }));
            setText(body);
          },
        },
      );
      return true;
    },
  };
}
