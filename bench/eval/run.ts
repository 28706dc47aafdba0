// npm run bench:eval — the offline engine over the labelled sets (tests/fixtures/eval/): the development set the
// rules were written against and, when the holdout file is there, the holdout written by someone who never saw them
// after the rules froze. For each: funnel stage and
// interest level accuracy (seed 004's score computed from the engine's analysis) against the targets, the
// hot-read-as-cold and cold-read-as-hot counts (both must be 0), the other fields, every miss, then dialogs/s of
// the engine beside a floor measured in the same run: JSON-parsing the set and touching every message.
//
//   BENCH_SECONDS=2 (per measurement)
import { existsSync, readFileSync } from "node:fs";
import { analyzeOffline } from "@/lib/ai/offline";
import { EVAL_SETS, evaluateOffline, HOLDOUT_MEASURED, loadEvalSet, TARGETS } from "./evaluate";

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Runs `round` (one pass over the set) until `seconds` have passed; returns dialogs per second. */
function measure(dialogsPerRound: number, round: () => void): number {
  for (let i = 0; i < 3; i++) round(); // warm-up: JIT and regex compilation
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < seconds * 1000) {
    round();
    rounds++;
  }
  return (rounds * dialogsPerRound) / ((performance.now() - start) / 1000);
}

const NAMES = { dialogs: "development", holdout5: "holdout (independent, never tuned on)" } as const;

for (const [key, url] of Object.entries(EVAL_SETS) as [keyof typeof EVAL_SETS, URL][]) {
  if (!existsSync(url)) {
    console.log(`\n${NAMES[key]}: ${url.pathname.split("/").slice(-1)[0]} not there yet`);
    continue;
  }
  const raw = readFileSync(url, "utf8");
  const dialogs = loadEvalSet(raw);
  const report = evaluateOffline(dialogs);
  console.log(`\n${NAMES[key]} (${url.pathname.split("/").slice(-1)[0]}): ${report.total} dialogs`);
  const { funnelStage, interestLevel, ...rest } = report.accuracy;
  const mark = (x: number, target: number) => (x >= target ? "ok" : "BELOW TARGET");
  console.log(
    `  funnel stage     ${pct(funnelStage)} (target ≥ ${pct(TARGETS.funnelStage)}: ${mark(funnelStage, TARGETS.funnelStage)})`,
  );
  console.log(
    `  interest level   ${pct(interestLevel)} (target ≥ ${pct(TARGETS.interestLevel)}: ${mark(interestLevel, TARGETS.interestLevel)})`,
  );
  console.log(`  hot read as cold ${report.hotReadAsCold.length} ${report.hotReadAsCold.join(" ")}`.trimEnd());
  console.log(`  cold read as hot ${report.coldReadAsHot.length} ${report.coldReadAsHot.join(" ")}`.trimEnd());
  if (key === "holdout5") {
    const f = HOLDOUT_MEASURED ?? TARGETS;
    const from = HOLDOUT_MEASURED ? "HOLDOUT_MEASURED" : "TARGETS, not measured yet";
    console.log(`  test floor       stage ${pct(f.funnelStage)}, interest ${pct(f.interestLevel)} (${from})`);
  }
  for (const [field, acc] of Object.entries(rest)) console.log(`  ${field.padEnd(16)} ${pct(acc)}`);
  for (const m of report.misses) {
    console.log(`  miss ${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
  }

  let sink = 0;
  const floor = measure(dialogs.length, () => {
    for (const d of JSON.parse(raw) as { messages: { text: string }[] }[]) {
      for (const m of d.messages) sink += m.text.length;
    }
  });
  const engine = measure(dialogs.length, () => {
    for (const d of dialogs) sink += analyzeOffline(d.messages).summary.length;
  });
  // Using the sink keeps the optimiser from dropping either loop.
  if (sink === 0) throw new Error("nothing was measured");
  console.log(`  offline engine   ${Math.round(engine).toLocaleString("en")} dialogs/s (target ≥ 200)`);
  console.log(`  floor            ${Math.round(floor).toLocaleString("en")} dialogs/s (JSON.parse + iterate)`);
}
