/**
 * The child side of generate.ts: one job in, its clients out in small messages (one large IPC
 * message can stall the channel), then `null` and exit.
 */
import { makeClient, type GeneratorJob } from "./generate.js";

const CHUNK = 10;

function sendAsync(message: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send?.(message, (err: Error | null) => (err === null ? resolve() : reject(err))),
  );
}

process.once("message", (job: GeneratorJob) => {
  void (async () => {
    for (let first = job.first; first < job.first + job.count; first += CHUNK) {
      const end = Math.min(first + CHUNK, job.first + job.count);
      const chunk = [];
      for (let i = first; i < end; i++) chunk.push(makeClient(i, job));
      await sendAsync(chunk);
    }
    await sendAsync(null);
    process.disconnect();
  })();
});
// The parent sends the job only after this: a message arriving before the listener above would be lost.
process.send?.("ready");
