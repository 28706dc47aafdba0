"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlugZap } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Card } from "@/components/settings/section";
import { TestResult } from "@/components/settings/test-result";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { api } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import {
  retailcrmKeys,
  saveBody,
  saveConnection,
  type ConnectionView,
  type TestResult as Tested,
} from "./retailcrm-api";

/** API URL, key (write-only: never shown back, left empty it stays) and site; Connect / Save and Test. */
export function ConnectionForm({ view }: { view: ConnectionView | null }) {
  const t = useTranslations("retailcrm");
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [apiUrl, setApiUrl] = useState(view?.apiUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [site, setSite] = useState(view?.site ?? "");
  const [tested, setTested] = useState<Tested | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: retailcrmKeys.connection });

  const save = useMutation({
    mutationFn: () => {
      const patch = { apiUrl: apiUrl.trim(), site: site.trim(), ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}) };
      return saveConnection(
        view ? saveBody(view, patch) : { ...patch, statusMap: {}, managerMap: [], enabled: true, pipelineId: null },
      );
    },
    onSuccess: async () => {
      setApiKey("");
      await refresh();
      toast.success(view ? t("saved") : t("connected"));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const test = useMutation({
    mutationFn: () => api<Tested>("/api/retailcrm/connection/test", { method: "POST" }),
    onSuccess: async (r) => {
      setTested(r);
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const dirty = !view || apiUrl !== view.apiUrl || site !== view.site || apiKey.trim() !== "";

  return (
    <Card className="p-4">
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("fields.apiUrl")} htmlFor="rc-api-url" hint={t("hints.apiUrl")} className="sm:col-span-2">
            <Input
              id="rc-api-url"
              type="url"
              required
              inputMode="url"
              placeholder="https://yourshop.retailcrm.ru"
              value={apiUrl}
              onChange={(e) => setApiUrl(e.target.value)}
            />
          </Field>
          <Field
            label={t("fields.apiKey")}
            htmlFor="rc-api-key"
            hint={view ? t("hints.apiKeyStored") : t("hints.apiKey")}
          >
            <Input
              id="rc-api-key"
              type="password"
              autoComplete="off"
              required={!view}
              minLength={8}
              placeholder={view ? "••••••••••••" : ""}
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
            />
          </Field>
          <Field label={t("fields.site")} htmlFor="rc-site" hint={t("hints.site")}>
            <Input id="rc-site" required value={site} onChange={(e) => setSite(e.target.value)} />
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={save.isPending || !dirty} loading={save.isPending}>
            {view ? t("save") : t("connect")}
          </Button>
          {view && (
            <Button
              type="button"
              variant="outline"
              onClick={() => test.mutate()}
              disabled={test.isPending}
              loading={test.isPending}
            >
              <PlugZap aria-hidden />
              {t("test")}
            </Button>
          )}
        </div>
        {tested && (
          <TestResult
            ok={tested.ok}
            testId="retailcrm-test-result"
            title={tested.ok ? t("testOk") : t(`testFailed.${tested.status ?? "error"}`)}
            detail={
              tested.ok
                ? tested.credentials?.length
                  ? t("testCredentials", { list: tested.credentials.slice(0, 12).join(", ") })
                  : null
                : (tested.message ?? null)
            }
          />
        )}
      </form>
    </Card>
  );
}
