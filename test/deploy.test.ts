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
import { loadAuthConfig } from "@parley/auth";
import { loadDirectoryConfig } from "@parley/directory";
import { REPO_ROOT } from "@parley/testing";
import type { ServerConfig } from "@parley/kit";
import { ed25519SignerFromKey, generateEd25519SignerKey } from "@parley/tlog";

interface Port {
  name: string;
  containerPort: number;
}
interface Container {
  env?: { name: string; value?: string; valueFrom?: unknown }[];
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

type Deployed = Pick<ServerConfig, "grpcAddr" | "httpAddr" | "adminAddr">;

/**
 * Each service's loader, the secret files its manifest mounts (stood in by temporary files) and the
 * values its manifest takes from operator-created ConfigMaps (stood in by valid examples).
 */
const SERVICES: {
  name: string;
  files: string[];
  fromOperator: Record<string, string>;
  load: (env: Record<string, string>) => Deployed;
}[] = [
  {
    name: "keylog",
    files: ["KEYLOG_SIGNING_KEY_FILE", "KEYLOG_APPEND_TOKEN_FILE"],
    fromOperator: {},
    load: (env) => loadKeylogConfig(env).server,
  },
  {
    name: "auth",
    files: ["AUTH_ISSUER_KEY_FILE", "AUTH_SERVICE_KEY_FILE", "AUTH_CODE_KEY_FILE", "AUTH_KEYLOG_TOKEN_FILE"],
    fromOperator: {
      AUTH_KEYLOG_VERIFIER_KEY: ed25519SignerFromKey(generateEd25519SignerKey("parley.example/keylog"))
        .verifierKey,
    },
    load: (env) => loadAuthConfig(env).server,
  },
  {
    name: "directory",
    files: [],
    fromOperator: { DIRECTORY_TRUSTED_ISSUERS: `${"ab".repeat(8)}:${"cd".repeat(32)}` },
    load: (env) => loadDirectoryConfig(env).server,
  },
];

for (const svc of SERVICES) {
  test(`deploy/overlays/dev renders and the ${svc.name} manifest is a valid configuration`, () => {
    const docs = render();
    for (const d of docs) if (d.kind !== "Namespace") assert.equal(d.metadata.namespace, "parley-dev");
    const sts = docs.find((d) => d.kind === "StatefulSet" && d.metadata.name === svc.name);
    const container = sts?.spec?.template?.spec.containers[0];
    assert.ok(container !== undefined, `${svc.name} StatefulSet with a container`);

    const env: Record<string, string> = {};
    for (const ref of container.envFrom ?? []) {
      const cm = docs.find((d) => d.kind === "ConfigMap" && d.metadata.name === ref.configMapRef.name);
      assert.ok(cm?.data !== undefined, `ConfigMap ${ref.configMapRef.name} exists`);
      Object.assign(env, cm.data);
    }
    for (const e of container.env ?? []) {
      if (e.value !== undefined) env[e.name] = e.value;
      else {
        const example = svc.fromOperator[e.name];
        assert.ok(example !== undefined, `${e.name} comes from an operator ConfigMap the test knows`);
        env[e.name] = example;
      }
    }

    // Secrets are mounted at run time; stand in temporary files so the loader can check them.
    const dir = mkdtempSync(join(tmpdir(), "deploy-"));
    try {
      for (const name of svc.files) {
        assert.ok(env[name] !== undefined, `${name} is set by the manifest`);
        const path = join(dir, name);
        writeFileSync(path, "x");
        env[name] = path;
      }
      const prefix = svc.name.toUpperCase();
      env[`${prefix}_DATA_DIR`] = join(dir, "data");
      const config = svc.load(env);
      const portOf = (addr: string | undefined) => Number(addr?.split(":").at(-1));
      const ports = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
      assert.equal(ports["grpc"], portOf(config.grpcAddr));
      assert.equal(ports["http"], portOf(config.httpAddr));
      assert.equal(ports["admin"], portOf(config.adminAddr));
      assert.equal(container.readinessProbe.httpGet.port, "admin");
      assert.equal(container.readinessProbe.httpGet.path, "/readyz");
      assert.equal(container.livenessProbe.httpGet.path, "/healthz");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const service = docs.find((d) => d.kind === "Service" && d.metadata.name === svc.name);
    assert.ok(service !== undefined, `${svc.name} Service exists`);
    const named = new Set(container.ports.map((p) => p.name));
    for (const p of service.spec?.ports ?? [])
      assert.ok(named.has(p.targetPort), `Service port ${p.name} targets ${p.targetPort}`);
  });
}

test("a misconfigured manifest is caught: the loader names the bad variable", () => {
  assert.throws(() => loadKeylogConfig({ KEYLOG_GRPC_ADDR: "not-an-address" }), /KEYLOG_GRPC_ADDR/);
  assert.throws(() => loadAuthConfig({ AUTH_KEYLOG_ADDR: "nowhere" }), /AUTH_KEYLOG_ADDR/);
  assert.throws(() => loadDirectoryConfig({ DIRECTORY_TRUSTED_ISSUERS: "zz" }), /DIRECTORY_TRUSTED_ISSUERS/);
});
