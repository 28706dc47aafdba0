"use client";

import { Paperclip } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";

/** A link, or a file uploaded through POST /api/messaging/uploads (uploadId; url is where members see it). */
export type Attachment = { url: string; mimeType?: string; fileName?: string; size?: number; uploadId?: string };

const MIME: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Name and type from the link, so the provider sends a photo as a photo and a PDF as a document. */
export function attachmentFrom(url: string): Attachment {
  const path = new URL(url).pathname;
  const fileName = decodeURIComponent(path.split("/").pop() ?? "") || undefined;
  const ext = fileName?.split(".").pop()?.toLowerCase() ?? "";
  return { url, fileName, mimeType: MIME[ext] };
}

/**
 * Relay has no file storage of its own yet, so a file is attached by a public link the provider downloads
 * (Telegram, WhatsApp and Instagram all fetch media by URL).
 */
export function AttachDialog({
  open,
  onOpenChange,
  onAttach,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAttach: (attachment: Attachment) => void;
}) {
  const t = useTranslations("inbox.attach");
  const tCommon = useTranslations("common");
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("scheme");
      onAttach(attachmentFrom(parsed.toString()));
      setUrl("");
      setError(undefined);
      onOpenChange(false);
    } catch {
      setError(t("invalid"));
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tCommon("close")}>
        <DialogHeader title={t("title")} description={t("description")} />
        <form className="grid gap-4" onSubmit={submit}>
          <Field label={t("url")} htmlFor="attach-url" error={error} hint={t("hint")}>
            <Input
              id="attach-url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://…/price-list.pdf"
              inputMode="url"
              autoFocus
              aria-invalid={error ? true : undefined}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {tCommon("cancel")}
            </Button>
            <Button type="submit" disabled={!url.trim()}>
              <Paperclip aria-hidden />
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
