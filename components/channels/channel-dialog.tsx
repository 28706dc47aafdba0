"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, PlugZap } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { ApiRequestError } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ChannelType } from "@/lib/channels/types";
import { ChannelConnected } from "./channel-connected";
import { ChannelForm, fieldErrorOf, type ChannelFormResult } from "./channel-form";
import { ChannelIcon } from "./channel-icon";
import { ChannelImport } from "./channel-import";
import { kindOf } from "./channel-kinds";
import { ChannelTypePicker } from "./channel-type-picker";
import { channelsKey, createChannel, updateChannel, type ChannelView } from "./use-channels";

/** offerImport: an Evolution database URL was just saved, so "Import now" is offered. */
type Saved = { channel: ChannelView; revealed: Record<string, string>; offerImport: boolean };

/**
 * Connect (pick a provider → its form → the webhook URL and generated secrets to copy) or edit a channel
 * (the same form; secrets start empty and stay unchanged unless typed).
 */
export function ChannelDialog({
  open,
  onOpenChange,
  editing,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  editing?: ChannelView;
}) {
  const t = useTranslations("channels");
  const tCommon = useTranslations("common");
  const tImport = useTranslations("channelImport");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<ChannelType>();
  const [saved, setSaved] = useState<Saved>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const type = editing?.type ?? picked;

  const save = useMutation({
    mutationFn: async ({ body, revealed }: ChannelFormResult): Promise<Saved> => ({
      channel: editing ? await updateChannel(editing.id, body) : await createChannel(body),
      revealed,
      offerImport: typeof body.secrets?.importDatabaseUrl === "string" && body.secrets.importDatabaseUrl !== "",
    }),
    onMutate: () => setErrors({}),
    onSuccess: (result) => {
      queryClient.setQueryData<ChannelView[]>(channelsKey, (list) =>
        editing
          ? list?.map((c) => (c.id === result.channel.id ? result.channel : c))
          : [...(list ?? []), result.channel],
      );
      void queryClient.invalidateQueries({ queryKey: channelsKey });
      // A channel saved while its provider is unreachable is not "connected": the dialog says what to do.
      if (result.channel.status === "error") toast.warning(t("savedNotConnectedToast", { name: result.channel.name }));
      else toast.success(t(editing ? "savedToast" : "connectedToast", { name: result.channel.name }));
      // An edit that changed nothing the admin must copy closes at once.
      if (editing && !Object.keys(result.revealed).length && !result.offerImport) close(false);
      else setSaved(result);
    },
    onError: (error) => {
      const field = error instanceof ApiRequestError && error.code === "bad_request" && fieldErrorOf(error.message);
      if (field) setErrors({ [field.field]: field.message });
      else toast.error(errorMessage(error));
    },
  });

  function close(next: boolean) {
    onOpenChange(next);
    if (!next) {
      setPicked(undefined);
      setSaved(undefined);
      setErrors({});
    }
  }

  let title = t("connectTitle");
  let description = t("connectDescription");
  if (saved) {
    title = t(saved.channel.status === "error" ? "savedNotConnectedTitle" : "connectedTitle", {
      name: saved.channel.name,
    });
    description = t("connectedDescription");
  } else if (type) {
    title = editing
      ? t("editTitle", { name: editing.name })
      : t("connectTypeTitle", { type: t(`types.${type}.label`) });
    description = t(`types.${type}.help`);
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        closeLabel={tCommon("close")}
        className="max-h-[calc(100dvh-2rem)] max-w-lg overflow-y-auto"
        onInteractOutside={(e) => (saved || type) && e.preventDefault()}
      >
        <div className="flex items-start gap-3">
          {type && <ChannelIcon type={type} className="mt-0.5 size-8" />}
          <DialogHeader title={title} description={description} />
        </div>
        {saved ? (
          <>
            <ChannelConnected channel={saved.channel} revealed={saved.revealed} />
            {saved.offerImport && (
              <div className="rounded-lg border px-3 py-2.5" data-testid="channel-offer-import">
                <p className="text-sm">{tImport("offer")}</p>
                <ChannelImport channelId={saved.channel.id} canManage />
              </div>
            )}
            <DialogFooter>
              <Button onClick={() => close(false)}>{t("done")}</Button>
            </DialogFooter>
          </>
        ) : type ? (
          <ChannelForm
            key={type}
            kind={kindOf(type)}
            channel={editing}
            errors={errors}
            onSubmit={(result) => save.mutate(result)}
            footer={
              <DialogFooter className="mt-2 sm:justify-between">
                {editing ? (
                  <span />
                ) : (
                  <Button type="button" variant="ghost" onClick={() => setPicked(undefined)}>
                    <ArrowLeft aria-hidden />
                    {t("back")}
                  </Button>
                )}
                <div className="flex flex-col-reverse gap-2 sm:flex-row">
                  <DialogClose asChild>
                    <Button type="button" variant="outline">
                      {tCommon("cancel")}
                    </Button>
                  </DialogClose>
                  <Button type="submit" loading={save.isPending}>
                    {!save.isPending && !editing && <PlugZap aria-hidden />}
                    {editing ? tCommon("save") : t("connect")}
                  </Button>
                </div>
              </DialogFooter>
            }
          />
        ) : (
          <ChannelTypePicker onPick={setPicked} />
        )}
      </DialogContent>
    </Dialog>
  );
}
