/**
 * A `LogReader` over the key log's gRPC API with plain grpc-js and protobuf-es (the SDK does not
 * pull in the server kit). Read-only methods only: no authorization needed.
 */
import {
  create,
  fromBinary,
  toBinary,
  type DescMessage,
  type DescMethodUnary,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import { Client, credentials, type ChannelCredentials } from "@grpc/grpc-js";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import type { LogReader } from "./monitor.js";

function call<I extends DescMessage, O extends DescMessage>(
  client: Client,
  method: DescMethodUnary<I, O>,
  request: MessageInitShape<I>,
): Promise<MessageShape<O>> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      `/${KeyLogService.typeName}/${method.name}`,
      (m: MessageShape<I>) => Buffer.from(toBinary(method.input, m)),
      (b: Buffer) => fromBinary(method.output, b),
      create(method.input, request),
      { deadline: Date.now() + 30_000 },
      (err, value) =>
        err !== null || value === undefined ? reject(err ?? new Error("empty response")) : resolve(value),
    );
  });
}

export function grpcLogReader(
  address: string,
  creds: ChannelCredentials = credentials.createInsecure(),
): LogReader & { close(): void } {
  const client = new Client(address, creds);
  const m = KeyLogService.method;
  return {
    checkpoint: async () => (await call(client, m.getCheckpoint, {})).checkpoint,
    consistency: async (first, second) =>
      (await call(client, m.getConsistencyProof, { firstSize: BigInt(first), secondSize: BigInt(second) }))
        .proof,
    entries: async (start, end) =>
      (await call(client, m.getEntries, { start: BigInt(start), end: BigInt(end) })).entries,
    close: () => client.close(),
  };
}
