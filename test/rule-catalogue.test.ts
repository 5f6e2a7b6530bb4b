import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CATALOGUE, collectRules, renderCatalogue } from "../scripts/rule-catalogue.js";

test("every RFC 9420 validation rule has a unique id and a test that names it", () => {
  const rules = collectRules();
  assert.ok(rules.length > 50, `only ${rules.length} rules found: the rules.ts parser is broken`);
  const ids = rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, "duplicate rule ids");
  assert.deepEqual(
    rules.filter((r) => r.tests.length === 0).map((r) => r.id),
    [],
  );
  for (const r of rules) assert.match(r.section, /^§\d/, `${r.id} cites a section`);
});

test("docs/mls-validation-rules.md is up to date (tsx scripts/rule-catalogue.ts)", () => {
  assert.equal(readFileSync(CATALOGUE, "utf8"), renderCatalogue(collectRules()));
});
