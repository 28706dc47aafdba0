"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { api } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { callKeys, type ConnectionKind, type ConnectionView } from "./telephony-api";

// What each kind asks for: [field, in config or secrets, input type].
const FIELDS: Record<ConnectionKind, [string, "config" | "secrets", string][]> = {
  asterisk_bridge: [
    ["bridgeBaseUrl", "config", "url"],
    ["clientId", "secrets", "password"],
  ],
  asterisk_ami: [
    ["host", "config", "text"],
    ["port", "config", "number"],
    ["username", "config", "text"],
    ["secret", "secrets", "password"],
    ["context", "config", "text"],
    ["channelPattern", "config", "text"],
    ["recordingUrlPattern", "config", "text"],
  ],
  twilio: [
    ["accountSid", "config", "text"],
    ["authToken", "secrets", "password"],
    ["number", "config", "tel"],
  ],
  retell: [
    ["apiKey", "secrets", "password"],
    ["agentId", "config", "text"],
    ["fromNumber", "config", "tel"],
  ],
};
const KINDS = Object.keys(FIELDS) as ConnectionKind[];

export function ConnectionDialog() {
  const t = useTranslations("telephony.settings");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ConnectionKind>("asterisk_bridge");
  const [name, setName] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<ConnectionView | null>(null);
  const create = useMutation({
    mutationFn: () => {
      const config: Record<string, unknown> = {};
      const secrets: Record<string, unknown> = {};
      for (const [field, where, type] of FIELDS[kind]) {
        const v = values[field]?.trim();
        if (!v) continue;
        (where === "config" ? config : secrets)[field] = type === "number" ? Number(v) : v;
      }
      return api<ConnectionView>("/api/telephony/connections", {
        method: "POST",
        body: { kind, name: name.trim() || t(`kinds.${kind}`), config, secrets },
      });
    },
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: callKeys.connections });
      toast.success(t("created", { name: c.name }));
      setCreated(c);
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setValues({});
      setName("");
    }
  };
  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button size="sm" data-testid="add-telephony">
          <Plus aria-hidden />
          {t("add")}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader title={t("addTitle")} description={t("addDescription")} />
        {created ? (
          <div className="grid gap-3">
            {created.webhookUrl && (
              <CopyField
                value={created.webhookUrl}
                label={t("webhookUrl")}
                copyLabel={tCommon("copy")}
                copiedLabel={tCommon("copied")}
                mono
              />
            )}
            {created.webhookSecret && (
              <>
                <CopyField
                  value={created.webhookSecret}
                  label={t("webhookSecret")}
                  copyLabel={tCommon("copy")}
                  copiedLabel={tCommon("copied")}
                  mono
                />
                <p className="text-xs text-muted-foreground">{t("secretOnce")}</p>
              </>
            )}
            <DialogFooter>
              <Button onClick={() => reset(false)}>{t("done")}</Button>
            </DialogFooter>
          </div>
        ) : (
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <Field label={t("kind")} htmlFor="tel-kind">
              <select
                id="tel-kind"
                value={kind}
                onChange={(e) => setKind(e.target.value as ConnectionKind)}
                className="h-9 rounded-md border border-input bg-card px-2.5 text-sm"
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("name")} htmlFor="tel-name">
              <Input
                id="tel-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={t(`kinds.${kind}`)}
              />
            </Field>
            {FIELDS[kind].map(([field, , type]) => (
              <Field
                key={field}
                label={t(`fields.${field}`)}
                htmlFor={`tel-${field}`}
                hint={t.has(`hints.${field}`) ? t(`hints.${field}`) : undefined}
              >
                <Input
                  id={`tel-${field}`}
                  type={type}
                  autoComplete="off"
                  value={values[field] ?? ""}
                  onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                />
              </Field>
            ))}
            <DialogFooter>
              <Button type="submit" disabled={create.isPending}>
                {t("connect")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
