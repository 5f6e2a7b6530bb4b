import { Code, ServiceError } from "@parley/kit";
import type { DirectoryContext } from "../context.js";

export function invalidArgument(message: string): ServiceError {
  return new ServiceError(Code.InvalidArgument, message);
}

/** A claim's suite must be one this directory stores at all; anything else is a caller's mistake. */
export function checkSuite(k: DirectoryContext, suite: number): void {
  if (!k.config.cipherSuites.includes(suite)) {
    throw invalidArgument(
      `cipher_suite ${suite} is not accepted here (accepted: ${k.config.cipherSuites.join(", ")})`,
    );
  }
}

/** A KeyPackageRef is a hash of the suite's KDF (RFC 9420 §5.2): 32, 48 or 64 bytes. */
export function checkRef(ref: Uint8Array, field: string): void {
  if (ref.length !== 32 && ref.length !== 48 && ref.length !== 64) {
    throw invalidArgument(`${field} is ${ref.length} bytes; a KeyPackageRef is 32, 48 or 64`);
  }
}
