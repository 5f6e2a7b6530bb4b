/**
 * The status of a gRPC call a test expects to fail. grpc-js rejects with an error carrying a numeric
 * `code` and a `details` string; anything else thrown is a test bug and is rethrown as is.
 */
export async function statusOf(p: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await p;
  } catch (err) {
    if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "number") {
      const details = "details" in err && typeof err.details === "string" ? err.details : "";
      return { code: err.code, details };
    }
    throw err;
  }
  throw new Error("call succeeded but an error status was expected");
}
