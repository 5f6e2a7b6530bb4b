/**
 * Independent clients of the key log: a hand-built @grpc/grpc-js client (no Parley kit code) and
 * Python's grpcio (Debian python3-grpcio, message classes from protoc). Each fetches a checkpoint
 * and an inclusion proof and verifies it on its own.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import {
  create,
  fromBinary,
  toBinary,
  type DescMessage,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import {
  AppendRequestSchema,
  AppendResponseSchema,
  GetCheckpointRequestSchema,
  GetCheckpointResponseSchema,
  GetInclusionProofRequestSchema,
  GetInclusionProofResponseSchema,
} from "@parley/proto/parley/keylog/v1/keylog_pb";
import { createLogger } from "@parley/kit";
import { encodeLogEntry, loadKeylogConfig, startKeylog, type RunningKeylog } from "@parley/keylog";
import { leafHash, openNote, parseCheckpoint, parseVerifierKey, verifyInclusion } from "@parley/tlog";
import { REPO_ROOT } from "@parley/testing";

const PYTHON = "/usr/bin/python3";
let keylog: RunningKeylog;
let dataDir: string;
let token: string;
const entries: Uint8Array[] = [];

function definition<I extends DescMessage, O extends DescMessage>(method: string, input: I, output: O) {
  return {
    path: `/parley.keylog.v1.KeyLogService/${method}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m: MessageInitShape<I>) => Buffer.from(toBinary(input, create(input, m))),
    requestDeserialize: (b: Buffer) => fromBinary(input, b),
    responseSerialize: (m: MessageInitShape<O>) => Buffer.from(toBinary(output, create(output, m))),
    responseDeserialize: (b: Buffer) => fromBinary(output, b),
  };
}

const RawClient = grpc.makeGenericClientConstructor(
  {
    Append: definition("Append", AppendRequestSchema, AppendResponseSchema),
    GetCheckpoint: definition("GetCheckpoint", GetCheckpointRequestSchema, GetCheckpointResponseSchema),
    GetInclusionProof: definition(
      "GetInclusionProof",
      GetInclusionProofRequestSchema,
      GetInclusionProofResponseSchema,
    ),
  },
  "KeyLogService",
);

function unary<O>(client: grpc.Client, method: string, req: unknown, md = new grpc.Metadata()): Promise<O> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, grpc.requestCallback<O> | undefined>)[method];
    if (fn === undefined) throw new Error(`no method ${method}`);
    (fn as unknown as (r: unknown, m: grpc.Metadata, cb: grpc.requestCallback<O>) => void).call(
      client,
      req,
      md,
      (err, res) => (err !== null ? reject(err) : resolve(res as O)),
    );
  });
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "keylog-interop-"));
  const config = loadKeylogConfig({
    KEYLOG_DATA_DIR: dataDir,
    KEYLOG_GRPC_ADDR: "127.0.0.1:0",
    KEYLOG_HTTP_ADDR: "127.0.0.1:0",
    KEYLOG_ADMIN_ADDR: "127.0.0.1:0",
    KEYLOG_BATCH_INTERVAL_MS: "2",
  });
  keylog = await startKeylog(config, createLogger({ service: "keylog-interop", level: "error" }));
  token = readFileSync(config.appendTokenFile, "utf8").trim();
  for (let i = 0; i < 37; i++) {
    entries.push(
      encodeLogEntry({
        type: "keyBinding",
        keyBinding: {
          identity: `interop${i}@parley.example`,
          clientId: new TextEncoder().encode(`device-${i}`),
          signatureScheme: 0x0807,
          signatureKey: new Uint8Array(32).fill(i + 1),
          credential: new Uint8Array([0, 1, 1, i]),
          notBefore: 1_700_000_000,
          notAfter: 1_800_000_000,
          issuedAt: 1_700_000_000,
        },
      }),
    );
  }
});

after(async () => {
  await keylog.server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a plain @grpc/grpc-js client appends, then verifies a checkpoint and an inclusion proof", async () => {
  const client = new RawClient(keylog.server.grpcAddress, grpc.credentials.createInsecure());
  try {
    const md = new grpc.Metadata();
    md.set("authorization", `Bearer ${token}`);
    const appended = await unary<MessageShape<typeof AppendResponseSchema>>(
      client,
      "Append",
      { entries },
      md,
    );
    assert.equal(appended.entries.length, entries.length);

    const cp = await unary<MessageShape<typeof GetCheckpointResponseSchema>>(client, "GetCheckpoint", {});
    const opened = openNote(cp.checkpoint, [parseVerifierKey(keylog.verifierKey)]);
    const checkpoint = parseCheckpoint(opened.body);
    assert.equal(checkpoint.size, entries.length);

    const index = 17;
    const proof = await unary<MessageShape<typeof GetInclusionProofResponseSchema>>(
      client,
      "GetInclusionProof",
      { leaf: { case: "index", value: BigInt(index) }, treeSize: BigInt(checkpoint.size) },
    );
    const leaf = entries[index];
    assert.ok(leaf !== undefined);
    verifyInclusion(leafHash(leaf), index, checkpoint.size, proof.proof, checkpoint.rootHash);
    // The same proof must not verify for a neighbouring entry.
    const other = entries[index + 1];
    assert.ok(other !== undefined);
    assert.throws(() =>
      verifyInclusion(leafHash(other), index, checkpoint.size, proof.proof, checkpoint.rootHash),
    );
  } finally {
    client.close();
  }
});

const execFileAsync = promisify(execFile);

test("Python grpcio gets the checkpoint and verifies inclusion proofs with its own code", async (t) => {
  const probe = spawnSync(PYTHON, ["-c", "import grpc, google.protobuf"], { encoding: "utf8" });
  const protoc = spawnSync("protoc", ["--version"], { encoding: "utf8" });
  if (probe.status !== 0 || protoc.status !== 0) {
    const why = "python3-grpcio / python3-protobuf / protobuf-compiler not installed (.ci/run installs them)";
    if (process.env["CI"] !== undefined) assert.fail(why);
    t.skip(why);
    return;
  }
  const out = mkdtempSync(join(tmpdir(), "keylog-py-"));
  try {
    const gen = spawnSync(
      "protoc",
      [`--python_out=${out}`, "-I", join(REPO_ROOT, "proto"), "parley/keylog/v1/keylog.proto"],
      { encoding: "utf8" },
    );
    assert.equal(gen.status, 0, gen.stderr);
    // Asynchronous on purpose: the server lives in this process and must keep answering.
    const py = await execFileAsync(
      PYTHON,
      [join(REPO_ROOT, "test/interop/keylog_client.py"), keylog.server.grpcAddress, "0", "17", "36"],
      { encoding: "utf8", env: { ...process.env, PYTHONPATH: out }, timeout: 60_000 },
    );
    const report = JSON.parse(py.stdout) as {
      size: number;
      results: { index: number; verified: boolean }[];
      beyond: string;
    };
    assert.equal(report.size, entries.length);
    assert.deepEqual(
      report.results.map((r) => r.verified),
      [true, true, true],
    );
    assert.ok(report.beyond === "OUT_OF_RANGE" || report.beyond === "INVALID_ARGUMENT", report.beyond);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
