"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/queries";
import { grantableRoles, type ApiKey, type Role } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { RoleSelect } from "../role-select";

type Created = { key: ApiKey; secret: string };

/** Step one asks for a name and access; step two shows the secret, once, and cannot be dismissed by accident. */
export function CreateKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("settings.apiKeys");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("admin");
  const [created, setCreated] = useState<Created>();

  const create = useMutation({
    mutationFn: (body: { name: string; role: Role }) => api<Created>("/api/api-keys", { method: "POST", body }),
    onSuccess: (result) => {
      setCreated(result);
      queryClient.setQueryData<ApiKey[]>(queryKeys.apiKeys, (list) => [result.key, ...(list ?? [])]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys });
      toast.success(t("createdToast", { name: result.key.name }));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      // Forget the secret as soon as the dialog closes: it must not be shown a second time.
      setCreated(undefined);
      setName("");
      setRole("admin");
    }
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        closeLabel={created ? undefined : tCommon("close")}
        className="max-w-lg"
        onInteractOutside={(e) => created && e.preventDefault()}
        onEscapeKeyDown={(e) => created && e.preventDefault()}
      >
        {created ? (
          <>
            <DialogHeader title={t("secretTitle")} description={t("secretDescription")} />
            <div className="grid gap-2" data-testid="api-key-secret">
              <CopyField
                id="api-key-secret"
                value={created.secret}
                label={t("secretLabel")}
                copyLabel={tCommon("copy")}
                copiedLabel={tCommon("copied")}
                mono
              />
              <p className="flex items-start gap-1.5 text-xs text-muted-foreground">
                <TriangleAlert className="mt-px size-3.5 shrink-0 text-warning" aria-hidden />
                {t("secretUsage")}
              </p>
            </div>
            <DialogFooter>
              <Button onClick={() => close(false)}>{t("secretDone")}</Button>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader title={t("createTitle")} description={t("createDescription")} />
            <form
              className="grid gap-4"
              onSubmit={(e) => {
                e.preventDefault();
                if (name.trim()) create.mutate({ name: name.trim(), role });
              }}
            >
              <Field label={t("name")} htmlFor="api-key-name">
                <Input
                  id="api-key-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  placeholder={t("namePlaceholder")}
                  maxLength={80}
                  autoFocus
                />
              </Field>
              <Field label={t("role")} htmlFor="api-key-role">
                <RoleSelect id="api-key-role" value={role} onChange={setRole} roles={grantableRoles} />
              </Field>
              <DialogFooter className="mt-2">
                <DialogClose asChild>
                  <Button type="button" variant="outline">
                    {tCommon("cancel")}
                  </Button>
                </DialogClose>
                <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                  {!create.isPending && <KeyRound aria-hidden />}
                  {t("submit")}
                </Button>
              </DialogFooter>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
