"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { inboxKeys } from "@/components/inbox/inbox-api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { patchConversationAi, type ConversationAi, type ConversationAiPatch } from "./ai-api";

/** The conversation's own AI mode and "resume AI"; the thread header and the list follow the answer. */
export function usePatchConversationAi(conversationId: string) {
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const key = inboxKeys.detail(conversationId);
  return useMutation({
    mutationFn: (patch: ConversationAiPatch) => patchConversationAi(conversationId, patch),
    onMutate: (patch) => {
      queryClient.setQueryData<ConversationAi>(key, (d) =>
        !d
          ? d
          : {
              ...d,
              ...(patch.aiMode !== undefined ? { aiMode: patch.aiMode } : {}),
              ...(patch.resumeAi ? { needsHuman: false, aiPausedReason: null, handoffReason: null } : {}),
            },
      );
    },
    // The PATCH answers with the list item, whose contact is shorter than the detail's: keep the detail's.
    onSuccess: (item) =>
      queryClient.setQueryData<ConversationAi & { contact?: unknown }>(
        key,
        (d) => d && { ...d, ...item, contact: d.contact },
      ),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
    },
  });
}
