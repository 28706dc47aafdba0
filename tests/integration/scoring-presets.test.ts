import { beforeAll, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/ai/settings/route";
import { presetFor } from "@/lib/ai/scoring";
import { asService } from "@/lib/db";
import { analyzeDialogs } from "@/lib/dialogs/batch";
import { describeEachDb } from "../helpers/db";
import { orgOf, seedChannel, seedDialog, useOpenAI } from "../helpers/dialogs";
import { jsonRequest } from "../helpers/http";
import { team, type Person } from "../helpers/inbox";

type Settings = { scoringPreset: ReturnType<typeof presetFor> } & Record<string, unknown>;

async function getSettings(who: Person): Promise<Settings> {
  const res = await settingsRoute.GET(jsonRequest("/api/ai/settings", { token: who.token }));
  expect(res.status).toBe(200);
  return (await res.json()) as Settings;
}
const put = (who: Person, body: unknown) =>
  settingsRoute.PUT(jsonRequest("/api/ai/settings", { method: "PUT", token: who.token, body }));

describeEachDb("scoring presets in Settings → AI", () => {
  let a: Awaited<ReturnType<typeof team>>;
  let orgA: string;
  let contactId: string;

  beforeAll(async () => {
    useOpenAI(undefined);
    a = await team("spa", "Alpha Presets");
    orgA = await orgOf(a.owner);
    const channel = await seedChannel(orgA, "telegram", "remont-bot");
    ({ contactId } = await seedDialog(orgA, channel, "Ирина", [
      { direction: "in", text: "Здравствуйте, нужен ремонт квартиры под ключ" },
      { direction: "out", text: "Какой бюджет?" },
      { direction: "in", text: "Бюджет 1,5 млн рублей, я собственница" },
      { direction: "in", text: "Хотим начать весной" },
    ]));
    await analyzeDialogs(orgA, {});
  });

  const scoreOf = async () => {
    const [row] = await asService((sql) =>
      sql.query<{ score: number; score_reasons: { rule: string }[] }>(
        "select score, score_reasons from public.leads where org_id = $1 and contact_id = $2",
        [orgA, contactId],
      ),
    );
    return row;
  };

  it("starts on seed 004's preset, switches to another kind and edits it; the leads are re-scored", async () => {
    const initial = await getSettings(a.viewer);
    expect(initial.scoringPreset).toEqual(presetFor("marketing_agency"));
    const before = await scoreOf();
    expect(before.score_reasons.map((r) => r.rule)).not.toContain("modifier:qualification_complete");

    const renovation = presetFor("renovation");
    const edited = {
      ...renovation,
      modifiers: renovation.modifiers.map((m) => (m.id === "budget_mentioned" ? { ...m, points: 20 } : m)),
    };
    expect((await put(a.agent, { ...initial, scoringPreset: edited })).status).toBe(403);
    const res = await put(a.owner, { ...initial, scoringPreset: edited });
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = await getSettings(a.viewer);
    expect(saved.scoringPreset.kind).toBe("renovation");
    expect(saved.scoringPreset.modifiers.find((m) => m.id === "budget_mentioned")?.points).toBe(20);

    const after = await scoreOf();
    expect(after.score_reasons).toContainEqual(
      expect.objectContaining({ rule: "modifier:budget_mentioned", points: 20 }),
    );
    expect(after.score).not.toBe(before.score);

    // An unknown kind is refused and changes nothing.
    const bad = await put(a.owner, { ...initial, scoringPreset: { ...edited, kind: "bakery" } });
    expect(bad.status).toBe(400);
    expect((await getSettings(a.viewer)).scoringPreset.kind).toBe("renovation");
  });
});
