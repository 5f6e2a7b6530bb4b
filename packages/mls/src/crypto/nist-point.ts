/**
 * RFC 9180 §7.1.1 and RFC 9420 §5.1.1: NIST-curve public keys are uncompressed SEC1 points
 * (0x04 || x || y) of a fixed length.
 */
import { CryptoError } from "../errors.js";
import { checkLength } from "./bytes.js";

/**
 * The encoding part of SP 800-56A §5.6.2.3.4 partial validation; the range and on-curve checks are done by the
 * backend's point decoder. Compressed and hybrid (0x06/0x07) forms are rejected here so both backends agree.
 */
export function checkUncompressedPoint(what: string, pk: Uint8Array, length: number): void {
  checkLength(what, pk, length);
  if (pk[0] !== 0x04) throw new CryptoError(`${what} must be an uncompressed point (0x04 prefix)`);
}
