/**
 * RFC 9420 §8.5 "Exporters": secrets for use outside MLS, bound to one epoch through `exporter_secret`.
 * Labels are text (the §17.8 registry), so they go through the same "MLS 1.0 "-prefixed KDFLabel as every
 * other DeriveSecret.
 */
import type { CipherSuite } from "../crypto/provider.js";
import { deriveSecret, expandWithLabel } from "../crypto/labels.js";
import { UsageError } from "../errors.js";
import { wipeBytes } from "./secret.js";

/** `MLS-Exporter(Label, Context, Length) = ExpandWithLabel(DeriveSecret(exporter_secret, Label), "exported", Hash(Context), Length)`. */
export function mlsExporter(
  cs: CipherSuite,
  exporterSecret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array {
  // KDFLabel.length is a uint16 (§8), and HKDF-Expand cannot produce more than 255 hash blocks.
  if (!Number.isInteger(length) || length < 0 || length > Math.min(0xffff, 255 * cs.hashLength)) {
    throw new UsageError(`MLS-Exporter length ${length} is out of range for ${cs.name}`);
  }
  const labelSecret = deriveSecret(cs, exporterSecret, label);
  const out = expandWithLabel(cs, labelSecret, "exported", cs.hash(context), length);
  wipeBytes(labelSecret);
  return out;
}
