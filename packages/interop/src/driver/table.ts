/**
 * The per-scenario table the CLI and tests print: one row per (scenario, mode, cast), then totals.
 */
import type { ScenarioResult } from "./scenario.js";

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - text.length));
}

export function formatTable(results: readonly ScenarioResult[]): string {
  const header = ["scenario", "mode", "cast", "result", "ms"];
  const rows = results.map((r) => [r.scenario, r.mode, r.cast, r.verdict, String(r.ms)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  const notes = results.filter((r) => r.detail !== "");
  if (notes.length > 0) {
    out.push("", "details:");
    for (const r of notes) out.push(`  ${r.scenario} [${r.mode}, ${r.cast}] ${r.verdict}: ${r.detail}`);
  }
  const count = (v: ScenarioResult["verdict"]) => results.filter((r) => r.verdict === v).length;
  out.push(
    "",
    `${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped (${results.length} runs)`,
  );
  return out.join("\n");
}
