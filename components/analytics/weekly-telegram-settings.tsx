"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bot, Send } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { LoadError, RowsSkeleton } from "@/components/settings/query-state";
import { Card, SettingsSection } from "@/components/settings/section";
import { TestResult } from "@/components/settings/test-result";
import { useMe } from "@/components/shell/use-me";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { WeeklyChatView } from "@/lib/analytics/weekly-telegram";
import { api } from "@/lib/client/api";
import { roleAtLeast } from "@/lib/client/types";
import { useErrorMessage } from "@/lib/client/use-error-message";

type Choices = {
  chat: WeeklyChatView | null;
  bots: { id: string; name: string }[];
  chats: { channelId: string; chatId: string; title: string }[];
};
type Sent = { sent: boolean; error?: string };

const URL_ = "/api/analytics/weekly-summary/telegram";
const key = ["analytics", "weekly-telegram"] as const;

/** Settings → Integrations: the weekly summary also in a Telegram chat, through one of the organisation's bots. */
export function WeeklyTelegramSettings() {
  const t = useTranslations("weeklyTelegram");
  const admin = roleAtLeast(useMe().role, "admin");
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => api<Choices>(URL_, { signal }), enabled: admin });
  // The RetailCRM section above already tells other members that integrations are for admins.
  if (!admin) return null;
  return (
    <SettingsSection id="weekly-telegram" title={t("title")} description={t("description")}>
      {query.isPending ? (
        <Card>
          <RowsSkeleton rows={2} />
        </Card>
      ) : query.isError ? (
        <Card>
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : query.data.bots.length === 0 ? (
        <Card>
          <EmptyState icon={Bot} title={t("noBotTitle")} description={t("noBot")} />
        </Card>
      ) : (
        <ChatForm key={query.data.chat?.chatId ?? "new"} data={query.data} />
      )}
    </SettingsSection>
  );
}

function ChatForm({ data }: { data: Choices }) {
  const t = useTranslations("weeklyTelegram");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const uiLocale = useLocale();
  const [channelId, setChannelId] = useState(data.chat?.channelId ?? data.bots[0].id);
  const [chatId, setChatId] = useState(data.chat?.chatId ?? "");
  const [locale, setLocale] = useState(data.chat?.locale ?? (uiLocale === "ru" ? "ru" : "en"));
  const [enabled, setEnabled] = useState(data.chat?.enabled ?? true);
  const [tested, setTested] = useState<Sent | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const chats = data.chats.filter((c) => c.channelId === channelId);
  const known = chats.find((c) => c.chatId === chatId.trim());

  const save = useMutation({
    mutationFn: () => api(URL_, { method: "PUT", body: { channelId, chatId: chatId.trim(), locale, enabled } }),
    onSuccess: async () => {
      await refresh();
      toast.success(t("saved"));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const stop = useMutation({
    mutationFn: () => api(URL_, { method: "DELETE" }),
    onSuccess: async () => {
      setChatId("");
      setTested(null);
      await refresh();
      toast.success(t("stopped"));
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const test = useMutation({
    mutationFn: () => api<Sent>(`${URL_}/test`, { method: "POST" }),
    onSuccess: async (r) => {
      setTested(r);
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const chat = data.chat;
  const dirty =
    !chat ||
    chat.channelId !== channelId ||
    chat.chatId !== chatId.trim() ||
    chat.locale !== locale ||
    chat.enabled !== enabled;

  return (
    <Card className="p-4">
      <form
        className="grid gap-4"
        data-testid="weekly-telegram"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="grid items-start gap-4 sm:grid-cols-3">
          <Field label={t("bot")} htmlFor="wk-bot">
            <NativeSelect
              id="wk-bot"
              value={channelId}
              onChange={(e) => setChannelId(e.target.value)}
              choices={data.bots.map((b) => [b.id, b.name] as const)}
            />
          </Field>
          <Field
            label={t("chat")}
            htmlFor="wk-chat"
            hint={known ? t("chatKnown", { title: known.title }) : t("chatHint")}
          >
            <Input
              id="wk-chat"
              required
              list="wk-chats"
              autoComplete="off"
              placeholder="123456789"
              value={chatId}
              onChange={(e) => setChatId(e.target.value)}
            />
            <datalist id="wk-chats">
              {chats.map((c) => (
                <option key={c.chatId} value={c.chatId}>
                  {c.title}
                </option>
              ))}
            </datalist>
          </Field>
          <Field label={t("language")} htmlFor="wk-locale">
            <NativeSelect
              id="wk-locale"
              value={locale}
              onChange={(e) => setLocale(e.target.value === "ru" ? "ru" : "en")}
              choices={[
                ["en", "English"],
                ["ru", "Русский"],
              ]}
            />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t("enabled")}
        </label>
        {chat && (
          <p className="text-xs text-muted-foreground" data-testid="weekly-telegram-state">
            {chat.lastSentAt
              ? t("lastSent", {
                  when: format.dateTime(new Date(chat.lastSentAt), { dateStyle: "medium", timeStyle: "short" }),
                })
              : t("neverSent")}
            {chat.lastError && (
              <span className="ml-1 text-destructive">{t("lastError", { error: chat.lastError })}</span>
            )}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={save.isPending || !dirty || !chatId.trim()} loading={save.isPending}>
            {t("save")}
          </Button>
          {chat && (
            <>
              <Button
                type="button"
                variant="outline"
                onClick={() => test.mutate()}
                disabled={test.isPending || dirty}
                loading={test.isPending}
              >
                <Send aria-hidden />
                {t("test")}
              </Button>
              <Button type="button" variant="ghost" onClick={() => stop.mutate()} disabled={stop.isPending}>
                {t("stop")}
              </Button>
            </>
          )}
        </div>
        {tested && (
          <TestResult
            ok={tested.sent}
            testId="weekly-telegram-test"
            title={tested.sent ? t("testOk") : t("testFailed", { error: tested.error ?? "" })}
          />
        )}
      </form>
    </Card>
  );
}
