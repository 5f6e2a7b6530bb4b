/**
 * The Kubernetes manifests must describe services that would actually start: render the dev
 * overlay with kustomize, then feed each container's environment (ConfigMap + inline env) to the
 * service's own config loader, and check ports, probes and Service targets line up.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { loadKeylogConfig } from "@parley/keylog";
import { REPO_ROOT } from "@parley/testing";

interface Port {
  name: string;
  containerPort: number;
}
interface Container {
  env?: { name: string; value: string }[];
  envFrom?: { configMapRef: { name: string } }[];
  ports: Port[];
  readinessProbe: { httpGet: { port: string; path: string } };
  livenessProbe: { httpGet: { port: string; path: string } };
}
interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  spec?: {
    template?: { spec: { containers: Container[] } };
    ports?: { name: string; port: number; targetPort: string }[];
  };
}

function render(): Doc[] {
  const r = spawnSync("kubectl", ["kustomize", join(REPO_ROOT, "deploy/overlays/dev")], { encoding: "utf8" });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(`kubectl kustomize failed (.ci/run installs kubectl): ${r.stderr || String(r.error)}`);
  }
  return parseAllDocuments(r.stdout).map((d) => d.toJSON() as Doc);
}

test("deploy/overlays/dev renders and the key log's manifest is a valid configuration", () => {
  const docs = render();
  for (const d of docs) if (d.kind !== "Namespace") assert.equal(d.metadata.namespace, "parley-dev");
  const sts = docs.find((d) => d.kind === "StatefulSet" && d.metadata.name === "keylog");
  const container = sts?.spec?.template?.spec.containers[0];
  assert.ok(container !== undefined, "keylog StatefulSet with a container");

  const env: Record<string, string> = {};
  for (const ref of container.envFrom ?? []) {
    const cm = docs.find((d) => d.kind === "ConfigMap" && d.metadata.name === ref.configMapRef.name);
    assert.ok(cm?.data !== undefined, `ConfigMap ${ref.configMapRef.name} exists`);
    Object.assign(env, cm.data);
  }
  for (const e of container.env ?? []) env[e.name] = e.value;

  // Secrets are mounted at run time; stand in temporary files so the loader can check them.
  const dir = mkdtempSync(join(tmpdir(), "deploy-"));
  try {
    for (const name of ["KEYLOG_SIGNING_KEY_FILE", "KEYLOG_APPEND_TOKEN_FILE"]) {
      const path = join(dir, name);
      writeFileSync(path, "x");
      env[name] = path;
    }
    env["KEYLOG_DATA_DIR"] = join(dir, "data");
    const config = loadKeylogConfig(env);
    const portOf = (addr: string | undefined) => Number(addr?.split(":").at(-1));
    const ports = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
    assert.equal(ports["grpc"], portOf(config.server.grpcAddr));
    assert.equal(ports["http"], portOf(config.server.httpAddr));
    assert.equal(ports["admin"], portOf(config.server.adminAddr));
    assert.equal(container.readinessProbe.httpGet.port, "admin");
    assert.equal(container.readinessProbe.httpGet.path, "/readyz");
    assert.equal(container.livenessProbe.httpGet.path, "/healthz");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const svc = docs.find((d) => d.kind === "Service" && d.metadata.name === "keylog");
  const named = new Set(container.ports.map((p) => p.name));
  for (const p of svc?.spec?.ports ?? [])
    assert.ok(named.has(p.targetPort), `Service port ${p.name} targets ${p.targetPort}`);
});

test("a misconfigured manifest is caught: the loader names the bad variable", () => {
  assert.throws(() => loadKeylogConfig({ KEYLOG_GRPC_ADDR: "not-an-address" }), /KEYLOG_GRPC_ADDR/);
});
