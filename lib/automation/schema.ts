import { z } from "zod";

// A rule is "when <trigger> and <conditions> then <actions>". These schemas are the API's and the database's
// (automation_rules.trigger / conditions / actions hold their JSON), so what is stored was validated here.

const hours = z
  .number()
  .positive()
  .max(24 * 365);
const interest = z.enum(["hot", "warm", "cold"]);
const aiMode = z.enum(["auto", "draft", "off"]);

export const triggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message_received") }),
  z.object({ type: z.literal("deal_created"), pipelineId: z.uuid().optional() }),
  z.object({
    type: z.literal("deal_stage_changed"),
    /** Only moves into this stage (any when omitted). */
    toStageId: z.uuid().optional(),
    fromStageId: z.uuid().optional(),
  }),
  z.object({
    type: z.literal("lead_scored"),
    /** Fires when the lead's interest becomes this level (it was another before). */
    becameInterest: interest.optional(),
    /** Fires when the score reaches this (it was below before). */
    minScore: z.number().int().min(0).max(100).optional(),
  }),
  z.object({ type: z.literal("task_overdue") }),
  z.object({ type: z.literal("time_in_stage"), stageId: z.uuid(), hours }),
  z.object({
    type: z.literal("no_reply"),
    hours,
    /** client: our message has gone unanswered by the client; team: the client's message waits for us. */
    waiting: z.enum(["client", "team"]).default("client"),
  }),
]);
export type Trigger = z.output<typeof triggerSchema>;
export type TriggerType = Trigger["type"];
export const TRIGGER_TYPES = [
  "message_received",
  "deal_created",
  "deal_stage_changed",
  "lead_scored",
  "task_overdue",
  "time_in_stage",
  "no_reply",
] as const satisfies readonly TriggerType[];
export const TIME_TRIGGERS = ["time_in_stage", "no_reply"] as const;

export const conditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stage_is"), stageIds: z.array(z.uuid()).min(1).max(50) }),
  z.object({ type: z.literal("pipeline_is"), pipelineId: z.uuid() }),
  /** The deal's contact has written to us at least once. */
  z.object({ type: z.literal("has_client_reply") }),
  /** The message is the client's first since the deal was opened ("first reply"). */
  z.object({ type: z.literal("first_reply") }),
  z.object({ type: z.literal("interest_is"), levels: z.array(interest).min(1).max(3) }),
  z.object({ type: z.literal("score_at_least"), score: z.number().int().min(0).max(100) }),
  z.object({ type: z.literal("has_tag"), tag: z.string().trim().min(1).max(50) }),
  z.object({ type: z.literal("no_owner") }),
  z.object({ type: z.literal("amount_at_least"), amount: z.number().min(0).max(1e15) }),
  z.object({
    type: z.literal("channel_is"),
    channels: z
      .array(z.enum(["telegram", "whatsapp", "instagram"]))
      .min(1)
      .max(3),
  }),
]);
export type Condition = z.output<typeof conditionSchema>;

const webhookUrl = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(2000)
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), { message: "must not carry credentials" });

export const actionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("move_stage"), stageId: z.uuid() }),
  z.object({
    type: z.literal("assign"),
    /** round_robin: in turn; least_loaded: the one with the fewest open deals. */
    mode: z.enum(["round_robin", "least_loaded"]),
    /** The team to choose from; all agents and managers when empty. */
    userIds: z.array(z.uuid()).max(100).default([]),
  }),
  z.object({
    type: z.literal("create_task"),
    title: z.string().trim().min(1).max(500),
    dueInHours: z
      .number()
      .min(0)
      .max(24 * 365)
      .default(24),
    kind: z.enum(["callback", "follow_up", "todo", "call", "meeting", "email"]).default("follow_up"),
  }),
  z.object({
    type: z.literal("notify"),
    to: z.enum(["owner", "team"]),
    text: z.string().trim().min(1).max(500),
  }),
  z
    .object({
      type: z.literal("send_message"),
      text: z.string().trim().min(1).max(4096).optional(),
      templateId: z.uuid().optional(),
    })
    .refine((a) => a.text || a.templateId, { path: ["text"], message: "needs text or a template" }),
  z.object({ type: z.literal("add_tag"), tag: z.string().trim().min(1).max(50) }),
  z.object({ type: z.literal("set_ai_mode"), mode: aiMode }),
  z.object({ type: z.literal("webhook"), url: webhookUrl }),
]);
export type Action = z.output<typeof actionSchema>;
export type ActionType = Action["type"];

const name = z.string().trim().min(1).max(200);

export const createRuleSchema = z.object({
  name,
  enabled: z.boolean().default(false),
  trigger: triggerSchema,
  conditions: z.array(conditionSchema).max(20).default([]),
  actions: z.array(actionSchema).min(1).max(20),
  template: z.string().trim().min(1).max(100).optional(),
});
export type CreateRule = z.output<typeof createRuleSchema>;

export const updateRuleSchema = z
  .object({
    name: name.optional(),
    enabled: z.boolean().optional(),
    trigger: triggerSchema.optional(),
    conditions: z.array(conditionSchema).max(20).optional(),
    actions: z.array(actionSchema).min(1).max(20).optional(),
    /** A new webhook signing secret, shown once in the answer. */
    rotateSecret: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { path: ["name"], message: "nothing to change" });
export type UpdateRule = z.output<typeof updateRuleSchema>;

export const ruleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  enabled: z.boolean(),
  trigger: triggerSchema,
  conditions: z.array(conditionSchema),
  actions: z.array(actionSchema),
  template: z.string().nullable(),
  lastFiredAt: z.string().nullable(),
  lastDealId: z.uuid().nullable(),
  lastDealTitle: z.string().nullable(),
  fireCount: z.number().int(),
  stoppedReason: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RuleView = z.infer<typeof ruleSchema>;

/** Create and rotate answer the signing secret once; it is never read back. */
export const ruleWithSecretSchema = ruleSchema.extend({ webhookSecret: z.string().optional() });

export const dryRunSchema = z.object({ dealId: z.uuid() });
export const dryRunResultSchema = z.object({
  wouldFire: z.boolean(),
  dealId: z.uuid(),
  conditions: z.array(z.object({ type: z.string(), passed: z.boolean(), detail: z.string() })),
  actions: z.array(z.object({ type: z.string(), detail: z.string() })),
  note: z.string(),
});
export type DryRunResult = z.infer<typeof dryRunResultSchema>;

export const logQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
});

export const runSchema = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  eventKey: z.string(),
  dealId: z.uuid().nullable(),
  dealTitle: z.string().nullable(),
  status: z.enum(["fired", "loop", "failed"]),
  actions: z.array(z.object({ type: z.string(), outcome: z.string(), detail: z.string().optional() })),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type RunView = z.infer<typeof runSchema>;
export const runsPageSchema = z.object({ runs: z.array(runSchema), nextCursor: z.string().nullable() });

export const deliverySchema = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  runId: z.uuid().nullable(),
  deliveryKey: z.string(),
  attempt: z.number().int(),
  url: z.string(),
  statusCode: z.number().int().nullable(),
  ok: z.boolean(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliverySchema>;
export const deliveriesPageSchema = z.object({
  deliveries: z.array(deliverySchema),
  nextCursor: z.string().nullable(),
});
