import { describe, expect, it } from "vitest";
import { twilioWhatsAppAdapter } from "@/lib/channels/twilio";
import { RetryableSendError } from "@/lib/channels/types";
import { channel, withTwilioFake } from "../helpers/twilio";

// WhatsApp templates through Twilio's Content API, with the real SDK against the fake.

const twilioApi = withTwilioFake();

describe("templates: the Content API", () => {
  it("syncTemplates lists every template with its WhatsApp approval, across pages", async () => {
    const approved = twilioApi.fake.addContent({
      name: "order_ready",
      language: "en",
      body: "Hi {{1}}, order {{2}} is ready",
      variables: { "1": "Maria", "2": "#42" },
      approval: { name: "order_ready", category: "UTILITY", status: "approved" },
    });
    const rejected = twilioApi.fake.addContent({
      name: "promo",
      language: "ru",
      body: "Скидка {{percent}}%",
      approval: { name: "promo", category: "MARKETING", status: "rejected", rejection_reason: "Promotional content" },
    });
    const inReview = twilioApi.fake.addContent({
      name: "otp_code",
      language: "en",
      body: "{{1}} is your code",
      approval: { name: "otp_code", category: "OTP", status: "received" },
    });
    const unsubmitted = twilioApi.fake.addContent({ name: "draft", language: "en", body: "plain" });
    for (let i = 0; i < 120; i++) twilioApi.fake.addContent({ name: `bulk_${i}`, language: "en", body: `bulk ${i}` });

    const templates = await twilioWhatsAppAdapter.syncTemplates!(channel());
    expect(templates).toHaveLength(124);
    expect(twilioApi.fake.requests.filter((r) => r.path === "/v1/ContentAndApprovals")).toHaveLength(2);
    const byId = new Map(templates.map((t) => [t.providerTemplateId, t]));
    expect(byId.get(approved)).toEqual({
      providerTemplateId: approved,
      name: "order_ready",
      language: "en",
      body: "Hi {{1}}, order {{2}} is ready",
      variables: ["1", "2"],
      status: "approved",
      providerStatus: "approved",
      category: "utility",
      rejectionReason: undefined,
    });
    expect(byId.get(rejected)).toMatchObject({
      status: "rejected",
      category: "marketing",
      variables: ["percent"],
      rejectionReason: "Promotional content",
    });
    expect(byId.get(inReview)).toMatchObject({
      status: "pending",
      providerStatus: "received",
      category: "authentication",
    });
    expect(byId.get(unsubmitted)).toMatchObject({
      status: "pending",
      providerStatus: "unsubmitted",
      category: undefined,
    });
  });

  it("createTemplate posts the Content API's snake_case JSON, submits it, and a later sync sees the approval", async () => {
    const created = await twilioWhatsAppAdapter.createTemplate!(channel(), {
      name: "visit_reminder",
      language: "en",
      category: "utility",
      body: "Hi {{1}}, see you on {{2}}",
      examples: { "1": "Maria", "2": "Sa 12.09." },
    });
    expect(created).toMatchObject({
      name: "visit_reminder",
      status: "pending",
      providerStatus: "received",
      category: "utility",
      variables: ["1", "2"],
      body: "Hi {{1}}, see you on {{2}}",
    });
    const [content, approval] = twilioApi.fake.requests;
    expect(content).toMatchObject({ method: "POST", path: "/v1/Content" });
    expect(content.headers["content-type"]).toBe("application/json");
    expect(content.json).toEqual({
      friendly_name: "visit_reminder",
      language: "en",
      variables: { "1": "Maria", "2": "Sa 12.09." },
      types: { "twilio/text": { body: "Hi {{1}}, see you on {{2}}" } },
    });
    expect(approval).toMatchObject({
      method: "POST",
      path: `/v1/Content/${created.providerTemplateId}/ApprovalRequests/whatsapp`,
      json: { name: "visit_reminder", category: "UTILITY" },
    });

    twilioApi.fake.setApproval(created.providerTemplateId, {
      name: "visit_reminder",
      category: "UTILITY",
      status: "approved",
    });
    const [synced] = await twilioWhatsAppAdapter.syncTemplates!(channel());
    expect(synced).toMatchObject({ providerTemplateId: created.providerTemplateId, status: "approved" });
  });

  it("createTemplate refuses a draft WhatsApp would reject, before calling Twilio", async () => {
    const draft = {
      name: "Visit Reminder",
      language: "en",
      category: "utility" as const,
      body: "Hi {{1}}",
      examples: {},
    };
    await expect(twilioWhatsAppAdapter.createTemplate!(channel(), draft)).rejects.toThrow(/name must be lowercase/);
    await expect(
      twilioWhatsAppAdapter.createTemplate!(channel(), { ...draft, name: "visit_reminder" }),
    ).rejects.toThrow(/needs a sample for \{\{1\}\}/);
    expect(twilioApi.fake.requests).toHaveLength(0);
  });

  it("a 429 from the Content API is retryable like a send", async () => {
    twilioApi.fake.failNext({ status: 429, retryAfter: "5", route: "content" });
    const error = await twilioWhatsAppAdapter.syncTemplates!(channel()).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect(error.retryAfterMs).toBe(5000);
  });
});
