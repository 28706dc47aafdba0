"use client";

import { FileText, Film, ImageIcon, MapPin, Mic, Smile, UserRound } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { MessageView } from "./inbox-api";

type Media = MessageView["media"][number];

/**
 * Where the browser loads an attachment. A provider handle (Telegram file_id, Meta media id, Twilio's MediaUrl,
 * which wants our credentials) goes through /api/messaging/media, which downloads it with the channel's
 * secrets; our own uploads and public links load as they are.
 */
export function mediaSrc(message: Pick<MessageView, "id">, media: Media, index: number): string | undefined {
  if (media.providerMediaId) return `/api/messaging/media/${message.id}/${index}`;
  if (media.url && /^(https?:|data:|blob:|\/api\/messaging\/uploads\/)/.test(media.url)) return media.url;
  return undefined;
}

function useSize() {
  const format = useFormatter();
  return (bytes?: number) => {
    if (bytes === undefined) return undefined;
    if (bytes < 1024) return `${bytes} B`;
    const kb = bytes / 1024;
    if (kb < 1024) return `${format.number(kb, { maximumFractionDigits: 0 })} KB`;
    return `${format.number(kb / 1024, { maximumFractionDigits: 1 })} MB`;
  };
}

const duration = (sec?: number) =>
  sec === undefined ? undefined : `${Math.floor(sec / 60)}:${String(Math.round(sec % 60)).padStart(2, "0")}`;

/** A file as a chip: icon, name, size; a link when the browser can open it. */
function FileChip({
  media,
  src,
  icon: Icon,
  label,
  out,
}: {
  media: Media;
  src?: string;
  icon: typeof FileText;
  label: string;
  out: boolean;
}) {
  const size = useSize();
  const t = useTranslations("inbox.media");
  const details = [media.mimeType?.split("/")[1]?.toUpperCase(), size(media.size), duration(media.durationSec)]
    .filter(Boolean)
    .join(" · ");
  const body = (
    <>
      <span
        className={cn(
          "flex size-9 shrink-0 items-center justify-center rounded-md",
          out ? "bg-white/15" : "bg-primary/10 text-primary",
        )}
      >
        <Icon className="size-4" aria-hidden />
      </span>
      <span className="min-w-0">
        <span className="block truncate text-[13px] font-medium">{media.fileName ?? label}</span>
        <span className={cn("block truncate text-[11px]", out ? "text-white/70" : "text-muted-foreground")}>
          {details || (src ? t("download") : t("notDownloaded"))}
        </span>
      </span>
    </>
  );
  const className = cn(
    "flex max-w-64 min-w-44 items-center gap-2.5 rounded-lg p-2",
    out ? "bg-black/10" : "bg-muted/70",
  );
  return src ? (
    <a
      href={src}
      download={media.fileName ?? true}
      target="_blank"
      rel="noreferrer"
      title={t("download")}
      className={cn(className, "hover:opacity-90")}
      data-testid="file-chip"
    >
      {body}
    </a>
  ) : (
    <div className={className} data-testid="file-chip">
      {body}
    </div>
  );
}

/** Opens full size in a new tab on click; a chip when it cannot be shown. */
function InlineImage({ media, src, out }: { media: Media; src?: string; out: boolean }) {
  const t = useTranslations("inbox.media");
  const [broken, setBroken] = useState(false);
  if (!src || broken) return <FileChip media={media} src={src} icon={ImageIcon} label={t("photo")} out={out} />;
  return (
    <a
      href={src}
      target="_blank"
      rel="noreferrer"
      className="block overflow-hidden rounded-lg"
      title={t("openFull")}
      data-testid="media-image"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- any host a provider serves media from */}
      <img
        src={src}
        alt={media.fileName ?? t("photo")}
        loading="lazy"
        onError={() => setBroken(true)}
        className="max-h-72 max-w-full rounded-lg object-cover sm:max-w-72"
      />
    </a>
  );
}

/** Images inline, audio and voice with a player (and the transcript slot), documents as chips. */
export function MessageMedia({ message, out }: { message: MessageView; out: boolean }) {
  const t = useTranslations("inbox.media");
  const { type, media } = message;
  if (type === "location") return <FileChip media={{}} icon={MapPin} label={t("location")} out={out} />;
  if (type === "contact") return <FileChip media={{}} icon={UserRound} label={t("contact")} out={out} />;
  if (!media.length) return null;
  return (
    <div className="grid gap-1.5">
      {media.map((item, i) => {
        const key = item.providerMediaId ?? item.url ?? i;
        const src = mediaSrc(message, item, i);
        const mime = item.mimeType ?? "";
        if (type === "image" || (type === "sticker" && mime.startsWith("image/")))
          return <InlineImage key={key} media={item} src={src} out={out} />;
        if (type === "sticker")
          return <FileChip key={key} media={item} src={src} icon={Smile} label={t("sticker")} out={out} />;
        if (type === "video" && src)
          return (
            <video
              key={key}
              src={src}
              controls
              preload="metadata"
              className="max-h-72 max-w-full rounded-lg"
              aria-label={item.fileName ?? t("video")}
              data-testid="media-video"
            />
          );
        if (type === "video") return <FileChip key={key} media={item} icon={Film} label={t("video")} out={out} />;
        if (type === "voice" || type === "audio") {
          const label = t(type === "voice" ? "voice" : "audio");
          return (
            <div key={key} className="grid gap-1">
              {src ? (
                <audio
                  src={src}
                  controls
                  preload="metadata"
                  className="h-10 w-64 max-w-full"
                  aria-label={label}
                  data-testid="media-audio"
                />
              ) : (
                <FileChip media={item} icon={Mic} label={label} out={out} />
              )}
            </div>
          );
        }
        return <FileChip key={key} media={item} src={src} icon={FileText} label={t("document")} out={out} />;
      })}
      {message.transcript && (
        <p
          className={cn(
            "border-l-2 pl-2 text-[13px] italic",
            out ? "border-white/40 text-white/85" : "border-primary/30 text-muted-foreground",
          )}
        >
          <span className="sr-only">{t("transcript")}: </span>
          {message.transcript}
        </p>
      )}
    </div>
  );
}
