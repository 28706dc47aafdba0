// npm run bench:eval — the offline engine over the labelled evaluation set (tests/fixtures/eval/*.json): accuracy
// of funnel stage and interest level (seed 004's score computed from the engine's analysis), then dialogs/s of the
// engine beside a floor measured in the same run: JSON-parsing the set and touching every message, no analysis.
//
//   BENCH_SECONDS=2 (per measurement)
import { readFileSync } from "node:fs";
import { analyzeOffline } from "@/lib/ai/offline";
import { EVAL_SETS, evaluateOffline, loadEvalSet } from "./evaluate";

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

for (const [name, url] of Object.entries(EVAL_SETS)) {
  const raw = readFileSync(url, "utf8");
  const dialogs = loadEvalSet(raw);
  const report = evaluateOffline(dialogs);
  console.log(`\n${name}: ${report.total} dialogs`);
  for (const [field, acc] of Object.entries(report.accuracy)) console.log(`  ${field.padEnd(16)} ${pct(acc)}`);
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
  console.log(`  floor (JSON.parse + iterate)  ${Math.round(floor).toLocaleString("en")} dialogs/s`);
  // Using the sink keeps the optimiser from dropping either loop.
  if (sink === 0) throw new Error("nothing was measured");
  console.log(`  offline engine                ${Math.round(engine).toLocaleString("en")} dialogs/s (target ≥ 200)`);
}
