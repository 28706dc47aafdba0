import { describe, expect, it } from "vitest";
import { instagramAdapter, type InstagramChannel } from "@/lib/channels/meta";
import { instagramMessageEvent } from "@/tests/fakes/meta";
import { fixture, ig, IG_USER_ID, parsed, payloadError, signed } from "../helpers/meta-webhooks";

// Instagram Direct webhooks, adapter level: the captured deliveries and the rest of wire/meta.md.

describe("Instagram webhooks", () => {
  it("parses the captured text DM from the IGSID with a millisecond timestamp", async () => {
    const { events } = parsed(instagramAdapter, ig, await signed(fixture("instagram_dm_text_captured.raw.json")));
    expect(events).toEqual([
      {
        kind: "message",
        providerMessageId:
          "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDcyMTEwNTU4MTM2OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI3NjAyNTg0MzYzNjQ5MDY2MjozMjEwMDIzNDUyNDE5MjQ5ODg1NjAzOTM5MjY5NzM4NDk2MAZDZD",
        threadId: "489760440872775",
        sender: { externalId: "489760440872775" },
        occurredAt: new Date(1740157200421),
        type: "text",
        text: "Omg",
        media: [],
        replyToProviderMessageId: undefined,
        fromBusiness: false,
      },
    ]);
  });

  it("parses the captured image DM with its CDN URL", async () => {
    const { events } = parsed(instagramAdapter, ig, await signed(fixture("instagram_dm_image_captured.raw.json")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "message", type: "image", threadId: "489760440872775" });
    const media = events[0].kind === "message" ? events[0].media : [];
    expect(media[0].url).toMatch(
      /^https:\/\/lookaside\.fbsbx\.com\/ig_messaging_cdn\/\?asset_id=1151970572602487&signature=/,
    );
  });

  it("skips the captured edit without text (another account), applies an edit with text", async () => {
    const captured = fixture("instagram_dm_message_edit_captured.raw.json");
    const other: InstagramChannel = { ...ig, config: { igUserId: "17841434534061820" } };
    expect(parsed(instagramAdapter, other, await signed(captured)).events).toEqual([]);
    const withText = JSON.parse(captured);
    withText.entry[0].messaging[0].message_edit.text = "fixed typo";
    expect(parsed(instagramAdapter, other, await signed(withText)).events).toEqual([
      {
        kind: "edit",
        providerMessageId: withText.entry[0].messaging[0].message_edit.mid,
        text: "fixed typo",
        occurredAt: new Date(1780396616736),
      },
    ]);
  });

  it("marks echoes as the business's own in the client's thread; maps read and delivery receipts", async () => {
    const echo = instagramMessageEvent({
      igUserId: IG_USER_ID,
      senderId: IG_USER_ID,
      mid: "aWdf-echo",
      text: "Hello from us",
    });
    echo.entry[0].messaging[0].recipient = { id: "489760440872775" };
    (echo.entry[0].messaging[0] as { message?: Record<string, unknown> }).message!.is_echo = true;
    expect(parsed(instagramAdapter, ig, await signed(echo)).events[0]).toMatchObject({
      kind: "message",
      fromBusiness: true,
      threadId: "489760440872775",
      text: "Hello from us",
    });

    const read = instagramMessageEvent({
      igUserId: IG_USER_ID,
      senderId: "489760440872775",
      item: { read: { mid: "aWdf-ours" } },
    });
    expect(parsed(instagramAdapter, ig, await signed(read)).events).toMatchObject([
      { kind: "status", providerMessageId: "aWdf-ours", status: "read" },
    ]);
    const delivery = instagramMessageEvent({
      igUserId: IG_USER_ID,
      senderId: "489760440872775",
      item: { delivery: { mids: ["aWdf-1", "aWdf-2"], watermark: 1 } },
    });
    expect(
      parsed(instagramAdapter, ig, await signed(delivery)).events.map((e) => e.kind === "status" && e.status),
    ).toEqual(["delivered", "delivered"]);
  });

  it("maps audio, files and shares; drops unsent messages; ignores other accounts", async () => {
    const att = (type: string) =>
      instagramMessageEvent({
        igUserId: IG_USER_ID,
        senderId: "489760440872775",
        message: {
          mid: `aWdf-${type}`,
          attachments: [{ type, payload: { url: `https://lookaside.fbsbx.com/${type}` } }],
        },
      });
    const types = [];
    for (const t of ["audio", "file", "video", "share", "story_mention"]) {
      types.push(parsed(instagramAdapter, ig, await signed(att(t))).events[0]);
    }
    expect(types.map((e) => e.kind === "message" && [e.type, e.media[0]?.url, e.text])).toEqual([
      ["audio", "https://lookaside.fbsbx.com/audio", undefined],
      ["document", "https://lookaside.fbsbx.com/file", undefined],
      ["video", "https://lookaside.fbsbx.com/video", undefined],
      ["unsupported", "https://lookaside.fbsbx.com/share", "share"],
      ["unsupported", "https://lookaside.fbsbx.com/story_mention", "story mention"],
    ]);
    const deleted = instagramMessageEvent({
      igUserId: IG_USER_ID,
      senderId: "1",
      message: { mid: "aWdf-d", is_deleted: true },
    });
    expect(parsed(instagramAdapter, ig, await signed(deleted)).events).toEqual([]);
    const foreign = instagramMessageEvent({ igUserId: "17841400000000000", senderId: "1", text: "hi" });
    expect(parsed(instagramAdapter, ig, await signed(foreign)).events).toEqual([]);
  });

  it("rejects malformed Instagram bodies", async () => {
    const base = await signed("{}");
    const bad = (body: unknown) =>
      payloadError(() =>
        instagramAdapter.parse(ig, { ...base, rawBody: new TextEncoder().encode(JSON.stringify(body)) }),
      );
    expect(bad(JSON.parse(fixture("whatsapp_inbound_text_captured.json")))).toMatch(/^object:/);
    const noSender = JSON.parse(fixture("instagram_dm_text_captured.raw.json"));
    delete noSender.entry[0].messaging[0].sender;
    expect(bad(noSender)).toMatch(/entry\.0\.messaging\.0\.sender/);
  });
});
