/**
 * A client's stock per suite, so its SDK can top up before it runs out (RFC 9750 §5.1: "Ensure that
 * 'last resort' KeyPackages don't get used by provisioning enough standard KeyPackages").
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CipherSuiteStatusSchema } from "@parley/proto/parley/directory/v1/directory_pb.js";
import type { DirectoryStore } from "../store/directory-store.js";
import { clientBytes, type ClientName, type UnixSeconds } from "../store/keys.js";

type SuiteStatus = Omit<MessageInitShape<typeof CipherSuiteStatusSchema>, "$typeName">;

function entry(map: Map<number, SuiteStatus>, suite: number): SuiteStatus {
  let s = map.get(suite);
  if (s === undefined) {
    s = { cipherSuite: suite, remaining: 0, earliestExpiry: 0n, hasLastResort: false, lastResortUsed: false };
    map.set(suite, s);
  }
  return s;
}

/** One entry per suite the client has published, ascending; expired KeyPackages are not counted. */
export async function keyPackageStatus(
  store: DirectoryStore,
  client: ClientName,
  now: UnixSeconds,
): Promise<SuiteStatus[]> {
  const bytes = clientBytes(client);
  const record = await store.getClient(bytes);
  const map = new Map<number, SuiteStatus>();
  for (const suite of record?.suites ?? []) entry(map, suite);
  // Keys sort by suite, then expiry: the first unexpired key of a suite has its earliest expiry.
  for (const kp of await store.clientKeyPackages(bytes, now)) {
    const s = entry(map, kp.suite);
    if (s.remaining === 0) s.earliestExpiry = BigInt(kp.expiresAt);
    s.remaining = (s.remaining ?? 0) + 1;
  }
  for (const { suite, record: lr } of await store.clientLastResorts(bytes)) {
    if (lr.expiresAt < now) continue;
    const s = entry(map, suite);
    s.hasLastResort = true;
    s.lastResortUsed = lr.used;
    s.lastResortExpiry = BigInt(lr.expiresAt);
  }
  return [...map.values()].sort((a, b) => (a.cipherSuite ?? 0) - (b.cipherSuite ?? 0));
}
