import { afterAll, beforeAll, expect, it } from "vitest";
import { getLatestImport } from "@/lib/channels/evolution/import-status";
import { startEvolutionImport } from "@/lib/channels/evolution/import-job";
import { createChannel } from "@/lib/channels/store";
import { asService } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startTriggerFake } from "../fakes/trigger";
import { describeEachDb } from "../helpers/db";
import { createOrgFixture } from "../helpers/seed";

// The import panel on Trigger.dev: the latest import is the run the channel recorded when it was started,
// followed through runs.retrieve, and another channel's panel does not show it.

const SECRET = "tr_dev_evolution_import_key";
let trigger: Awaited<ReturnType<typeof startTriggerFake>>;
beforeAll(async () => {
  trigger = await startTriggerFake(SECRET);
  process.env.TRIGGER_SECRET_KEY = SECRET;
  process.env.TRIGGER_API_URL = trigger.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.TRIGGER_SECRET_KEY;
  delete process.env.TRIGGER_API_URL;
  resetEnvCache();
  await trigger.close();
});

describeEachDb("Evolution import on Trigger.dev", () => {
  it("shows the channel's latest run, queued then running with its counts; another channel shows none", async () => {
    const { orgId, channelId, otherChannelId } = await asService(async (sql) => {
      const org = await createOrgFixture(sql, "Импорт");
      const channel = (name: string) =>
        createChannel(sql, org.orgId, {
          type: "evolution",
          name,
          config: { baseUrl: "http://127.0.0.1:1", instanceName: name },
          secrets: { apiKey: "k", webhookToken: "t".repeat(24) },
          enabled: true,
        });
      return { orgId: org.orgId, channelId: (await channel("wa-1")).id, otherChannelId: (await channel("wa-2")).id };
    });
    const latest = (id: string) => asService((sql) => getLatestImport(sql, orgId, id));
    expect(await latest(channelId)).toBeNull();

    const started = await startEvolutionImport(orgId, channelId, {
      connectionString: "postgres://evolution@127.0.0.1:1/evolution",
    });
    expect(started.backend).toBe("trigger");
    expect(trigger.runs.find((r) => r.id === started.id)?.taskId).toBe("evolution.import");
    expect(await latest(channelId)).toMatchObject({ jobId: started.id, channelId, status: "queued" });

    trigger.setRun(started.id, { status: "EXECUTING", metadata: { progress: { total: 40, scanned: 12, stored: 9 } } });
    expect(await latest(channelId)).toMatchObject({
      jobId: started.id,
      status: "running",
      result: { total: 40, scanned: 12, messages: 9 },
    });
    trigger.setRun(started.id, { status: "COMPLETED", output: { total: 40, scanned: 40, stored: 31, skipped: 9 } });
    expect(await latest(channelId)).toMatchObject({ status: "succeeded", result: { messages: 31, skipped: 9 } });
    expect(await latest(otherChannelId)).toBeNull();
  });
});
