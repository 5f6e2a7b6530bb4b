/**
 * The JWS Compact Serialization (RFC 7515 §7.1) that Parley's JWTs travel in: OIDC ID tokens the
 * AS accepts and the service tokens it presents to the key log. Only the framing lives here —
 * splitting, base64url JSON segments, the signing input — so every caller keeps its own key
 * choice and claim checks, and reports failures with its own error type. Nothing here puts token
 * content into a message: callers name the failed check, never the token.
 */
import { sign, type KeyObject } from "node:crypto";

/** RFC 7515 §2: each segment is base64url without padding. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** A token split into its three segments, nothing yet verified. */
export interface UnverifiedCompactJws {
  /** The encoded protected header. */
  readonly header: string;
  /** The encoded payload. */
  readonly payload: string;
  /** RFC 7515 §5.2 step 8: ASCII(header || '.' || payload), what the signature covers. */
  readonly signingInput: Buffer;
  readonly signature: Buffer;
}

/** Splits a compact JWS, or returns undefined when it is not three non-empty base64url segments. */
export function splitCompactJws(token: string): UnverifiedCompactJws | undefined {
  const parts = token.split(".");
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || header === undefined || payload === undefined || signature === undefined)
    return undefined;
  if (!parts.every((part) => SEGMENT.test(part))) return undefined;
  return {
    header,
    payload,
    signingInput: Buffer.from(`${header}.${payload}`, "ascii"),
    signature: Buffer.from(signature, "base64url"),
  };
}

/** A base64url segment holding a JSON object (a JOSE header or JWT claims set), else undefined. */
export function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    // The parser's message could quote token content; the caller reports the segment by name.
    return undefined;
  }
}

function encodeJsonSegment(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** A compact JWS with `alg: EdDSA` (RFC 8037 §3.1) over `claims`, signed with an Ed25519 key. */
export function signEdDsaJws(header: Record<string, unknown>, claims: object, key: KeyObject): string {
  const input = `${encodeJsonSegment({ ...header, alg: "EdDSA" })}.${encodeJsonSegment(claims)}`;
  return `${input}.${sign(null, Buffer.from(input, "ascii"), key).toString("base64url")}`;
}

/** RFC 7519 §4.1.3: `aud` is one string or an array of them; true when `expected` is among them. */
export function audienceIncludes(aud: unknown, expected: string): boolean {
  return Array.isArray(aud) ? aud.includes(expected) : aud === expected;
}
