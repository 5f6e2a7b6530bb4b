/**
 * Identity proof 2: one-time enrollment codes an operator mints offline (`auth:mint-code`).
 * A code is self-authenticating — `pe1.<payload>.<tag>` with an HMAC-SHA-256 tag under the AS's
 * code key — so minting needs only the key file, not the running service's database; the service
 * remembers each redeemed code id until the code expires, which makes a code single-use.
 *
 * ```
 * struct {
 *   opaque user_id<V>;
 *   uint64 expires_at;      // seconds since the Unix epoch
 *   opaque code_id[16];     // random
 * } EnrollmentCodePayload;
 * ```
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { CodecError, decode, encode, toHex } from "@parley/codec";
import { decodeBase64Url, encodeBase64Url } from "@parley/identity";
import { EnrollmentError } from "../errors.js";

const PREFIX = "pe1";
const MAC_LABEL = new TextEncoder().encode("Parley enrollment code v1");
const CODE_ID_LENGTH = 16;

export interface EnrollmentCode {
  readonly userId: string;
  readonly expiresAt: number;
  /** Hex; the key under which redemption is remembered. */
  readonly codeId: string;
}

function tag(key: Uint8Array, payload: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac("sha256", key).update(MAC_LABEL).update(payload).digest());
}

/** Mints a code for `userId` valid until `expiresAt`. The code is a bearer secret: hand it to the user only. */
export function mintEnrollmentCode(key: Uint8Array, userId: string, expiresAt: number): string {
  if (userId.length === 0) throw new RangeError("user id must not be empty");
  const payload = encode(0, (w) => {
    w.opaque(new TextEncoder().encode(userId))
      .u64(BigInt(expiresAt))
      .bytes(new Uint8Array(randomBytes(CODE_ID_LENGTH)));
  });
  return `${PREFIX}.${encodeBase64Url(payload)}.${encodeBase64Url(tag(key, payload))}`;
}

function readPayload(payload: Uint8Array): EnrollmentCode {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  return decode(
    payload,
    (r) => ({
      userId: utf8.decode(r.opaque("code.user_id")),
      expiresAt: Number(r.u64("code.expires_at")),
      codeId: toHex(r.bytes(CODE_ID_LENGTH, "code.code_id")),
    }),
    "EnrollmentCode",
  );
}

/** Authenticates a code; throws `EnrollmentError` (code-malformed, code-invalid, code-expired). */
export function openEnrollmentCode(key: Uint8Array, text: string, nowSeconds: number): EnrollmentCode {
  const [prefix, p, t, ...rest] = text.split(".");
  const payload = p === undefined ? undefined : decodeBase64Url(p);
  const presented = t === undefined ? undefined : decodeBase64Url(t);
  if (prefix !== PREFIX || rest.length > 0 || payload === undefined || presented === undefined) {
    throw new EnrollmentError("code-malformed", "the enrollment code is not of the form pe1.<payload>.<tag>");
  }
  const expected = tag(key, payload);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new EnrollmentError("code-invalid", "the enrollment code was not minted by this service");
  }
  let code: EnrollmentCode;
  try {
    code = readPayload(payload);
  } catch (cause) {
    if (!(cause instanceof CodecError || cause instanceof TypeError)) throw cause;
    throw new EnrollmentError("code-malformed", "the enrollment code's payload does not decode", { cause });
  }
  if (nowSeconds >= code.expiresAt)
    throw new EnrollmentError("code-expired", "the enrollment code has expired");
  return code;
}
