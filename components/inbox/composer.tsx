"use client";

import {
  CornerDownLeft,
  FileText,
  LayoutTemplate,
  Link2,
  Loader2,
  MessageSquareText,
  Paperclip,
  Send,
  Sparkles,
  X,
} from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useImperativeHandle, useRef, useState, type ChangeEvent, type Ref } from "react";
import { toast } from "sonner";
import { DraftLabel } from "@/components/ai/draft-label";
import { useComposerDraft } from "@/components/ai/use-ai-draft";
import { Button } from "@/components/ui/button";
import { ApiRequestError } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { hasReplyWindow, windowedChannelTypes } from "@/lib/inbox/networks";
import { AttachDialog, type Attachment } from "./attach-dialog";
import { CannedDialog } from "./canned-dialog";
import { useComposerAssist } from "./composer-assist";
import { ComposerMode, useAddNote } from "./composer-mode";
import { ComposerNotice, type Blocked } from "./composer-notice";
import { MAX_UPLOAD_BYTES, uploadFile, type InboxItem } from "./inbox-api";
import { TemplateDialog } from "./template-dialog";
import { reportTyping } from "./use-presence";
import { useSend } from "./use-thread";

// Unsent text survives switching conversations (not reloads): agents juggle several chats at once.
const drafts = new Map<string, string>();

const refusalOf = (error: unknown) =>
  error instanceof ApiRequestError && error.status === 409
    ? ((error.details as { reason?: string } | undefined)?.reason as Blocked | undefined)
    : undefined;

/**
 * The reply box: Enter sends, Shift+Enter starts a new line, Esc leaves. Where free text is not allowed
 * (a viewer, an opted-out contact, a paused channel, WhatsApp's or Instagram's closed 24-hour window) it says
 * why instead, and offers approved templates when those are the way through (WhatsApp; Instagram has none).
 */
export function Composer({
  conversation,
  optedOut,
  channelEnabled,
  canWrite,
  canManage,
  canShareCanned,
  inputRef,
}: {
  conversation: Pick<InboxItem, "id" | "channel" | "windowClosesAt" | "contact">;
  optedOut: boolean;
  channelEnabled: boolean;
  canWrite: boolean;
  /** Admins may fetch the channel's templates from the provider. */
  canManage: boolean;
  /** Managers may share canned responses with the whole organisation. */
  canShareCanned: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
}) {
  const t = useTranslations("inbox.composer");
  const tw = useTranslations("inbox.workday");
  const errorMessage = useErrorMessage();
  const now = useNow({ updateInterval: 30_000 });
  const [text, setTextState] = useState(() => drafts.get(conversation.id) ?? "");
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [refused, setRefused] = useState<{ reason: Blocked; window: string | null }>();
  const [attaching, setAttaching] = useState(false);
  const [uploading, setUploading] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const format = useFormatter();
  const [picking, setPicking] = useState(false);
  const [note, setNote] = useState(false);
  const [savingCanned, setSavingCanned] = useState(false);
  const local = useRef<HTMLTextAreaElement>(null);
  // The inbox focuses the reply box with "r"; the canned button here needs it too.
  useImperativeHandle(inputRef, () => local.current as HTMLTextAreaElement, []);
  const setText = (value: string) => {
    setTextState(value);
    if (value) drafts.set(conversation.id, value);
    else drafts.delete(conversation.id);
  };

  const assist = useComposerAssist({
    text,
    setText,
    note,
    clientName: conversation.contact.name,
    onNewCanned: () => setSavingCanned(true),
  });
  const addNote = useAddNote(conversation.id, () => {
    setText("");
    assist.clearMentions();
  });

  const ai = useComposerDraft({ conversationId: conversation.id, enabled: canWrite, text, setText });

  const send = useSend(conversation.id, (error, input) => {
    const reason = refusalOf(error);
    if (reason) setRefused({ reason, window: conversation.windowClosesAt });
    else toast.error(errorMessage(error));
    // Give the words back so nothing typed is lost.
    if (input.text && !input.templateId) setText(input.text);
    if (input.media?.length) setAttachments(input.media);
  });

  const withTemplates = windowedChannelTypes.includes(conversation.channel.type);
  const windowClosed =
    hasReplyWindow(conversation.channel.type) &&
    (!conversation.windowClosesAt || new Date(conversation.windowClosesAt).getTime() <= now.getTime());
  // A refusal holds until the conversation changes under it (e.g. the client writes and reopens the window).
  let blocked = refused?.window === conversation.windowClosesAt ? refused?.reason : undefined;
  if (!canWrite) blocked = "viewer";
  else if (optedOut) blocked = "opted_out";
  else if (!channelEnabled) blocked = "channel_disabled";
  else if (windowClosed) blocked = "window_closed";

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = "";
    for (const file of files) {
      if (file.size > MAX_UPLOAD_BYTES) {
        toast.error(t("tooLarge", { name: file.name }));
        continue;
      }
      setUploading((list) => [...list, file.name]);
      try {
        const stored = await uploadFile(file);
        setAttachments((list) => [
          ...list,
          {
            uploadId: stored.id,
            url: stored.url,
            fileName: stored.fileName,
            mimeType: stored.mimeType,
            size: stored.size,
          },
        ]);
      } catch (error) {
        toast.error(
          error instanceof ApiRequestError && error.status === 413
            ? t("tooLarge", { name: file.name })
            : t("uploadFailed", { name: file.name, reason: errorMessage(error) }),
        );
      } finally {
        setUploading((list) => {
          const i = list.indexOf(file.name);
          return i === -1 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
        });
      }
    }
  };
  const sizeOf = (bytes?: number) =>
    bytes === undefined
      ? undefined
      : bytes < 1024 * 1024
        ? `${format.number(Math.max(1, bytes / 1024), { maximumFractionDigits: 0 })} KB`
        : `${format.number(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;

  const submit = () => {
    const body = text.trim();
    if (note) {
      if (body && !addNote.isPending)
        addNote.mutate({ conversationId: conversation.id, body, mentions: assist.mentioned });
      return;
    }
    if ((!body && !attachments.length) || send.isPending || uploading.length) return;
    // The assistant's draft, as the agent edited it, goes out through its approval.
    if (body && !attachments.length && ai.approve(body)) return;
    send.mutate({
      conversationId: conversation.id,
      text: body || undefined,
      media: attachments.length ? attachments : undefined,
    });
    setText("");
    setAttachments([]);
  };

  const templates = (
    <TemplateDialog
      open={picking}
      onOpenChange={setPicking}
      channelId={conversation.channel.id}
      canSync={canManage && withTemplates}
      pending={send.isPending}
      onSend={(template, variables) => {
        send.mutate({ conversationId: conversation.id, templateId: template.id, variables });
        setRefused(undefined);
        setPicking(false);
      }}
    />
  );

  // A closed window or an opted-out client stops replies, not the team's notes.
  if (blocked && !(note && canWrite)) {
    return (
      <div className="border-t bg-background p-3">
        <ComposerNotice reason={blocked} onTemplates={withTemplates ? () => setPicking(true) : undefined} />
        {canWrite && (
          <div className="mt-2 flex justify-center">
            <ComposerMode note={note} onChange={setNote} />
          </div>
        )}
        {templates}
      </div>
    );
  }

  return (
    <div className="relative border-t bg-background p-3">
      {assist.popup}
      <div
        className={
          note
            ? "overflow-hidden rounded-xl border border-amber-300/70 bg-amber-50 shadow-xs transition-colors focus-within:ring-3 focus-within:ring-amber-400/20 dark:border-amber-500/30 dark:bg-amber-950/30"
            : "overflow-hidden rounded-xl border bg-card shadow-xs transition-colors focus-within:border-ring focus-within:ring-3 focus-within:ring-ring/15"
        }
        data-testid={note ? "note-composer" : undefined}
      >
        {!note && <DraftLabel active={ai.active} offered={ai.offered} onUse={ai.use} onDiscard={ai.discard} />}
        {attachments.length + uploading.length > 0 && (
          <ul className="flex flex-wrap gap-1.5 px-3 pt-2.5" data-testid="composer-attachments">
            {uploading.map((name, i) => (
              <li
                key={`uploading-${i}`}
                className="flex max-w-56 items-center gap-1.5 rounded-md bg-muted px-2 py-1 text-xs text-muted-foreground"
              >
                <Loader2 className="size-3.5 shrink-0 animate-spin" aria-hidden />
                <span className="truncate">{name}</span>
                <span className="sr-only">{t("uploading")}</span>
              </li>
            ))}
            {attachments.map((a, i) => (
              <li key={a.url} className="flex max-w-64 items-center gap-1.5 rounded-md bg-muted px-2 py-1 text-xs">
                <FileText className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                <span className="truncate">{a.fileName ?? a.url}</span>
                {a.size !== undefined && <span className="shrink-0 text-muted-foreground">{sizeOf(a.size)}</span>}
                <button
                  type="button"
                  onClick={() => setAttachments((list) => list.filter((_, j) => j !== i))}
                  aria-label={t("removeAttachment")}
                  className="cursor-pointer text-muted-foreground hover:text-foreground"
                >
                  <X className="size-3.5" aria-hidden />
                </button>
              </li>
            ))}
          </ul>
        )}
        <textarea
          ref={local}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!note) reportTyping();
          }}
          onKeyDown={(e) => {
            if (assist.onKeyDown(e)) return;
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === "Escape") {
              e.currentTarget.blur();
            }
          }}
          rows={1}
          maxLength={4096}
          placeholder={note ? tw("notePlaceholder") : t("placeholder", { channel: conversation.channel.name })}
          aria-label={note ? tw("noteLabel") : t("label")}
          data-testid="composer"
          className="block max-h-48 min-h-11 w-full resize-none bg-transparent px-3.5 pt-3 pb-1 text-sm outline-none [field-sizing:content] placeholder:text-muted-foreground/70"
        />
        <div className="flex items-center gap-1 px-2 pb-2">
          <ComposerMode note={note} onChange={setNote} />
          {!note && (
            <>
              <Button
                variant="ghost"
                size="icon-sm"
                onClick={() => fileInput.current?.click()}
                aria-label={t("attach")}
                title={t("attach")}
              >
                <Paperclip aria-hidden />
              </Button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                onChange={upload}
                accept="image/jpeg,image/png,image/gif,image/webp,video/mp4,video/3gpp,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip,.txt,.csv"
                data-testid="composer-file"
              />
              <Button
                variant="ghost"
                size="icon-sm"
                onClick={() => setAttaching(true)}
                aria-label={t("attachLink")}
                title={t("attachLink")}
              >
                <Link2 aria-hidden />
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                onClick={() => {
                  if (!text) setText("/");
                  local.current?.focus();
                }}
                aria-label={tw("canned")}
                title={tw("canned")}
                data-testid="canned-button"
              >
                <MessageSquareText aria-hidden />
              </Button>
              {withTemplates && (
                <Button
                  variant="ghost"
                  size="icon-sm"
                  onClick={() => setPicking(true)}
                  aria-label={t("templates")}
                  title={t("templates")}
                >
                  <LayoutTemplate aria-hidden />
                </Button>
              )}
              {!ai.active && !ai.offered && (
                <Button
                  variant="ghost"
                  size="icon-sm"
                  onClick={ai.generate}
                  loading={ai.generating}
                  aria-label={t("aiDraft")}
                  title={t("aiDraft")}
                  data-testid="generate-draft"
                >
                  {!ai.generating && <Sparkles aria-hidden />}
                </Button>
              )}
            </>
          )}
          <span className="ml-auto flex items-center gap-3">
            <span className="hidden items-center gap-1 text-[11px] text-muted-foreground @xl:flex">
              <CornerDownLeft className="size-3" aria-hidden />
              {t("hint")}
            </span>
            <Button
              size="sm"
              onClick={submit}
              disabled={(!text.trim() && !attachments.length) || uploading.length > 0}
              loading={addNote.isPending}
              aria-label={note ? tw("addNote") : t("send")}
              className={note ? "bg-amber-600 text-white hover:bg-amber-600/90" : undefined}
            >
              <Send aria-hidden />
              <span className="hidden @sm:inline">{note ? tw("addNote") : t("send")}</span>
            </Button>
          </span>
        </div>
      </div>
      <AttachDialog
        open={attaching}
        onOpenChange={setAttaching}
        onAttach={(a) => setAttachments((list) => [...list, a])}
      />
      {templates}
      {savingCanned && (
        <CannedDialog
          open
          onOpenChange={setSavingCanned}
          initialBody={text.startsWith("/") ? "" : text}
          canShare={canShareCanned}
          onSaved={(shortcut) => setText(`/${shortcut}`)}
        />
      )}
    </div>
  );
}
