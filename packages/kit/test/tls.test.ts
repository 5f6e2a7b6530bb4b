import { credentials } from "@grpc/grpc-js";
import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createConnectClient, createGrpcClient } from "../src/index.js";
import { startEcho, type Started } from "./echo-fixture.js";

/** Certificates are made fresh for each run with the openssl CLI; no key material lives in the repository. */
const dir = mkdtempSync(join(tmpdir(), "kit-tls-"));
const p = (name: string): string => join(dir, name);
const ssl = (...args: string[]): void => void execFileSync("openssl", args, { stdio: "ignore" });

function makeCa(name: string): void {
  ssl(
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-days",
    "1",
    "-subj",
    `/CN=${name}`,
    "-keyout",
    p(`${name}.key`),
    "-out",
    p(`${name}.pem`),
  );
}

function makeLeaf(name: string, ca: string, ext: string): void {
  writeFileSync(p(`${name}.ext`), ext);
  ssl(
    "req",
    "-new",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-subj",
    `/CN=${name}/O=Parley`,
    "-keyout",
    p(`${name}.key`),
    "-out",
    p(`${name}.csr`),
  );
  ssl(
    "x509",
    "-req",
    "-in",
    p(`${name}.csr`),
    "-CA",
    p(`${ca}.pem`),
    "-CAkey",
    p(`${ca}.key`),
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    p(`${name}.ext`),
    "-out",
    p(`${name}.pem`),
  );
}

before(() => {
  makeCa("ca");
  makeCa("rogue-ca");
  makeLeaf("server", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  makeLeaf("alice", "ca", "extendedKeyUsage=clientAuth\n");
  makeLeaf("mallory", "rogue-ca", "extendedKeyUsage=clientAuth\n");
});
after(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string): Buffer => readFileSync(p(name));

function grpcClient(address: string, who?: string) {
  const creds =
    who === undefined
      ? credentials.createSsl(read("ca.pem"))
      : credentials.createSsl(read("ca.pem"), read(`${who}.key`), read(`${who}.pem`));
  return createGrpcClient(EchoService, address, { credentials: creds });
}

function connectClient(address: string, protocol: "grpc" | "connect", who?: string) {
  const tls =
    who === undefined
      ? { ca: read("ca.pem") }
      : { ca: read("ca.pem"), key: read(`${who}.key`), cert: read(`${who}.pem`) };
  return createConnectClient(EchoService, `https://${address}`, {
    protocol,
    httpVersion: protocol === "grpc" ? "2" : "1.1",
    tls,
  });
}

describe("TLS", () => {
  let s: Started;
  before(async () => {
    s = await startEcho({ tls: { cert: p("server.pem"), key: p("server.key"), requireClientCert: false } });
  });
  after(() => s.server.stop());

  test("both ports serve TLS; no client certificate is exposed", async () => {
    const g = grpcClient(s.server.grpcAddress);
    try {
      assert.equal((await g.echo({ payload: new Uint8Array([1]) })).payload[0], 1);
      assert.equal(s.probe.calls.at(-1)?.certSubject, undefined);
    } finally {
      g.$close();
    }
    const address = s.server.httpAddress ?? "";
    assert.equal((await connectClient(address, "grpc").echo({ payload: new Uint8Array([2]) })).payload[0], 2);
    assert.equal(s.probe.calls.at(-1)?.protocol, "grpc");
    assert.equal(
      (await connectClient(address, "connect").echo({ payload: new Uint8Array([3]) })).payload[0],
      3,
    );
  });
});

describe("mTLS", () => {
  let s: Started;
  before(async () => {
    s = await startEcho({
      tls: { cert: p("server.pem"), key: p("server.key"), clientCa: p("ca.pem"), requireClientCert: true },
    });
  });
  after(() => s.server.stop());

  test("a client certificate signed by the client CA is accepted and exposed as ctx.peerCertificate", async () => {
    const g = grpcClient(s.server.grpcAddress, "alice");
    try {
      await g.echo({});
      assert.match(s.probe.calls.at(-1)?.certSubject ?? "", /CN=alice/);
    } finally {
      g.$close();
    }
    await connectClient(s.server.httpAddress ?? "", "grpc", "alice").echo({});
    assert.match(s.probe.calls.at(-1)?.certSubject ?? "", /CN=alice.*O=Parley|O=Parley.*CN=alice/);
  });

  test("clients without a certificate, or with one from another CA, are refused on both ports", async () => {
    const before = s.probe.calls.length;
    for (const who of [undefined, "mallory"]) {
      const g = grpcClient(s.server.grpcAddress, who);
      try {
        await assert.rejects(g.echo({}, { timeoutMs: 3000 }));
      } finally {
        g.$close();
      }
      await assert.rejects(
        connectClient(s.server.httpAddress ?? "", "connect", who).echo({}, { timeoutMs: 3000 }),
      );
    }
    assert.equal(s.probe.calls.length, before, "no refused call reached a handler");
  });
});
