import { Code, ServiceError } from "@parley/kit";

/** A uint64 request field as a safe integer; larger values are beyond any tree we can hold. */
export function toIndex(value: bigint, field: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ServiceError(Code.OutOfRange, `${field} ${value} is beyond the log`);
  }
  return Number(value);
}

export function invalidArgument(message: string, cause?: unknown): ServiceError {
  return new ServiceError(Code.InvalidArgument, message, cause === undefined ? undefined : { cause });
}

export function outOfRange(message: string): ServiceError {
  return new ServiceError(Code.OutOfRange, message);
}

/** `size` (0 = latest) checked against the latest signed size. */
export function resolveTreeSize(requested: bigint, latest: number, field: string): number {
  if (requested === 0n) return latest;
  const size = toIndex(requested, field);
  if (size > latest) throw outOfRange(`${field} ${size} exceeds the latest checkpoint size ${latest}`);
  return size;
}
