/**
 * Strict standard base64 (RFC 4648 §4, with padding), portable to browsers. The C2SP formats
 * require a single canonical encoding, so decoding rejects missing padding, stray characters and
 * non-zero trailing bits: a value is accepted only if re-encoding it yields the same text.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18] ?? "";
    out += ALPHABET[(n >> 12) & 63] ?? "";
    out += ALPHABET[(n >> 6) & 63] ?? "";
    out += ALPHABET[n & 63] ?? "";
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += ALPHABET[n >> 18] ?? "";
    out += ALPHABET[(n >> 12) & 63] ?? "";
    out += rest === 2 ? (ALPHABET[(n >> 6) & 63] ?? "") : "=";
    out += "=";
  }
  return out;
}

/** Decodes canonical padded base64; returns `undefined` for anything else so callers can name the field. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const isPad = c === 61 && i + j >= text.length - pad;
      const v = isPad ? 0 : c < 128 ? (LOOKUP[c] ?? -1) : -1;
      if (v < 0) return undefined;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return encodeBase64(out) === text ? out : undefined;
}
