import { defineConfig } from "@trigger.dev/sdk";

// Read only by the trigger.dev CLI (dev / deploy). Task bodies live in lib/; trigger/ only wraps them.
const project = process.env.TRIGGER_PROJECT_REF;
if (!project) throw new Error("set TRIGGER_PROJECT_REF to your Trigger.dev project ref (proj_…)");

export default defineConfig({
  project,
  dirs: ["./trigger"],
  runtime: "node",
  maxDuration: 15 * 60,
  retries: { enabledInDev: true },
});
