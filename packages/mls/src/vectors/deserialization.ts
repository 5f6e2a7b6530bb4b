import { CodecError, Reader, Writer, fromHex, toHex } from "@parley/codec";
import type { CryptoProvider } from "../crypto/provider.js";
import type { VectorOutcome, VectorRunner } from "./types.js";

/**
 * Runner for `deserialization.json`: RFC 9420 §2.1.2 variable-length vector headers. One case per
 * array element: the header decodes to `length` using all of its bytes, and encoding `length` gives
 * the header back (the minimal encoding). No cryptography; the provider is unused.
 */
export const run: VectorRunner = (data: unknown, _provider: CryptoProvider): VectorOutcome => {
  const outcome: VectorOutcome = { passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: [] };
  if (!Array.isArray(data)) {
    outcome.failed++;
    outcome.failures.push("deserialization: the file is not a JSON array of cases");
    return outcome;
  }
  data.forEach((item: unknown, index) => {
    const problem = checkCase(item);
    if (problem === undefined) outcome.passed++;
    else {
      outcome.failed++;
      outcome.failures.push(`deserialization case ${index} (no cipher suite): ${problem}`);
    }
  });
  return outcome;
};

function checkCase(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null) return "case is not an object";
  const { vlbytes_header: header, length } = item as Record<string, unknown>;
  if (typeof header !== "string" || !/^([0-9a-f]{2})+$/i.test(header)) return "vlbytes_header is not hex";
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0)
    return "length is not an integer";
  let decoded: number;
  try {
    const r = new Reader(fromHex(header));
    decoded = r.varint("vlbytes_header");
    r.done("vlbytes_header");
  } catch (e) {
    if (e instanceof CodecError) return `header ${header} did not decode: ${e.message}`;
    throw e;
  }
  if (decoded !== length) return `header ${header} decoded to ${decoded}, expected ${length}`;
  const encoded = toHex(new Writer().varint(length).finish());
  if (encoded !== header.toLowerCase()) return `length ${length} encoded to ${encoded}, expected ${header}`;
  return undefined;
}
