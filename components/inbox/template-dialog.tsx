"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileText, RefreshCw, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { toast } from "sonner";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { fetchTemplates, inboxKeys, syncTemplates, type TemplateView } from "./inbox-api";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The body with the values filled in, the missing ones left as [name] so the agent sees what is missing. */
const render = (body: string, values: Record<string, string>) =>
  body.replace(PLACEHOLDER, (_, key: string) => values[key]?.trim() || `[${key}]`);

/** Pick an approved template of the channel, fill in its variables, see the text, send. */
export function TemplateDialog({
  open,
  onOpenChange,
  channelId,
  canSync,
  pending,
  onSend,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  channelId: string;
  /** An admin on a channel whose provider keeps the templates (WhatsApp): fetch them and their approval. */
  canSync: boolean;
  pending: boolean;
  onSend: (template: TemplateView, variables: Record<string, string>) => void;
}) {
  const t = useTranslations("inbox.templates");
  const tCommon = useTranslations("common");
  const templates = useQuery({
    queryKey: inboxKeys.templates(channelId),
    queryFn: () => fetchTemplates(channelId),
    enabled: open,
  });
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const sync = useMutation({
    mutationFn: () => syncTemplates(channelId),
    onSuccess: (list) => {
      queryClient.setQueryData(inboxKeys.templates(channelId), list);
      toast.success(t("synced", { count: list.length }));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const [chosen, setChosen] = useState<TemplateView>();
  const [values, setValues] = useState<Record<string, string>>({});
  const approved = (templates.data ?? []).filter((tpl) => tpl.status === "approved");
  const waiting = (templates.data ?? []).length - approved.length;
  const complete = chosen?.variables.every((key) => values[key]?.trim());

  const choose = (template: TemplateView) => {
    setChosen(template);
    setValues({});
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tCommon("close")} className="max-w-xl">
        <DialogHeader title={t("title")} description={t("description")} />
        {templates.isPending ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t("loading")}</p>
        ) : approved.length === 0 ? (
          <div className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">
            <FileText className="mx-auto mb-2 size-5" aria-hidden />
            {t("none")}
            {waiting > 0 && <p className="mt-1 text-xs">{t("waiting", { count: waiting })}</p>}
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
            <ul className="grid max-h-72 content-start gap-1 overflow-y-auto" aria-label={t("list")}>
              {approved.map((template) => (
                <li key={template.id}>
                  <button
                    type="button"
                    onClick={() => choose(template)}
                    aria-pressed={chosen?.id === template.id}
                    className={cn(
                      "w-full cursor-pointer rounded-md px-2.5 py-2 text-left transition-colors hover:bg-muted",
                      chosen?.id === template.id && "bg-accent hover:bg-accent",
                    )}
                  >
                    <span className="block truncate font-mono text-xs font-medium">{template.name}</span>
                    <span className="block text-[11px] text-muted-foreground uppercase">{template.language}</span>
                  </button>
                </li>
              ))}
            </ul>
            {chosen ? (
              <div className="grid content-start gap-3">
                <p
                  className="rounded-lg bg-muted/60 px-3 py-2.5 text-sm whitespace-pre-wrap"
                  data-testid="template-preview"
                >
                  {render(chosen.body, values)}
                </p>
                {chosen.variables.map((key) => (
                  <Field key={key} label={t("variable", { key: `{{${key}}}` })} htmlFor={`template-var-${key}`}>
                    <Input
                      id={`template-var-${key}`}
                      value={values[key] ?? ""}
                      onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                      maxLength={1024}
                    />
                  </Field>
                ))}
              </div>
            ) : (
              <p className="self-center text-center text-sm text-muted-foreground">{t("pick")}</p>
            )}
          </div>
        )}
        <DialogFooter>
          {canSync && (
            <Button variant="ghost" className="sm:mr-auto" loading={sync.isPending} onClick={() => sync.mutate()}>
              {!sync.isPending && <RefreshCw aria-hidden />}
              {t("sync")}
            </Button>
          )}
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            {tCommon("cancel")}
          </Button>
          <Button
            disabled={!chosen || !complete}
            loading={pending}
            onClick={() =>
              chosen && onSend(chosen, Object.fromEntries(chosen.variables.map((k) => [k, values[k].trim()])))
            }
          >
            {!pending && <Send aria-hidden />}
            {t("send")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
