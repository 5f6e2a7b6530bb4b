import { Code, ServiceError } from "@parley/kit";
import type { AuthContext } from "../context.js";

/**
 * Runs `work` holding in-memory claims on `keys` (an enrollment code, a user's client). A second
 * call on a held key is refused at once with `refuse()`, so two concurrent redemptions of one code
 * or two concurrent revocations of one client cannot both reach the log.
 */
export async function withClaims<T>(
  k: AuthContext,
  keys: readonly string[],
  refuse: (key: string) => Error,
  work: () => Promise<T>,
): Promise<T> {
  for (const key of keys) if (k.inFlight.has(key)) throw refuse(key);
  for (const key of keys) k.inFlight.add(key);
  try {
    return await work();
  } finally {
    for (const key of keys) k.inFlight.delete(key);
  }
}

/** The log refused or could not be reached: nothing was issued or stored. */
export function logUnavailable(cause: unknown): ServiceError {
  return new ServiceError(
    Code.Unavailable,
    "the key-transparency log did not accept the entry; nothing was issued",
    {
      cause,
    },
  );
}
