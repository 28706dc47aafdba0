import { describe, expect, it } from "vitest";
import { inBackground, priorityGate } from "@/lib/db/priority";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the embedded database's priority gate", () => {
  it("runs background work once no foreground transaction is running or queued", async () => {
    const gate = priorityGate(5_000);
    const order: string[] = [];
    const step = (name: string, ms: number) => () => tick(ms).then(() => void order.push(name));
    const a = gate(step("request 1", 30));
    const job = inBackground(() => gate(step("job", 1)));
    const b = gate(step("request 2", 30));
    await Promise.all([a, job, b]);
    expect(order).toEqual(["request 1", "request 2", "job"]);
    // Nothing in front of it: at once.
    const t = performance.now();
    await inBackground(() => gate(step("job again", 1)));
    expect(performance.now() - t).toBeLessThan(100);
  });

  it("lets background work through one at a time, so a request arriving meanwhile waits behind one at most", async () => {
    const gate = priorityGate(5_000);
    const started: string[] = [];
    const step = (name: string, ms: number) => () => (started.push(name), tick(ms));
    const request = gate(step("request", 20));
    const jobs = [1, 2, 3].map((n) => inBackground(() => gate(step(`job ${n}`, 20))));
    // Arrives while the first job runs: it starts before the other two.
    await tick(30);
    const late = gate(step("late request", 5));
    await Promise.all([request, late, ...jobs]);
    expect(started).toEqual(["request", "job 1", "late request", "job 2", "job 3"]);
  });

  it("runs background work after its longest wait when the foreground never goes quiet", async () => {
    const gate = priorityGate(50);
    const long = gate(() => tick(400));
    const t = performance.now();
    await inBackground(() => gate(() => tick(1)));
    const waited = performance.now() - t;
    await long;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(300);
  });

  it("a failing foreground transaction still lets the background through", async () => {
    const gate = priorityGate(5_000);
    const failing = gate(() => tick(10).then(() => Promise.reject(new Error("boom"))));
    const job = inBackground(() => gate(async () => "ran"));
    await expect(failing).rejects.toThrow("boom");
    await expect(job).resolves.toBe("ran");
  });
});
