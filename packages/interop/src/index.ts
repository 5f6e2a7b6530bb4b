/**
 * @parley/interop — the MLS working group's interop harness contract (service MLSClient): a harness server
 * over ts-mls, and a driver that runs named scenarios against any MLSClient servers and checks that every
 * member agrees on the epoch authenticator after each step.
 */
export { MLSClient } from "./gen/mls_client_pb.js";
export { serveHarness, startTsMlsServer } from "./harness-server.js";
export type { HarnessServerOptions } from "./harness-server.js";
export { tsMlsBinding, tsMlsHandlers } from "./ts-mls/service.js";
export { HarnessStore } from "./ts-mls/store.js";
export { connectEndpoint, describeEndpoint } from "./driver/endpoint.js";
export type { Endpoint, HarnessClient } from "./driver/endpoint.js";
export { SCENARIOS } from "./driver/catalogue.js";
export { runScenarios, commonSuite, PREFERRED_SUITES } from "./driver/runner.js";
export type { RunOptions } from "./driver/runner.js";
export { formatTable } from "./driver/table.js";
export type { Scenario, ScenarioContext, ScenarioResult, HandshakeMode, Verdict } from "./driver/scenario.js";
export { TestGroup } from "./driver/group.js";
export { Unsupported, ScenarioFailure } from "./driver/errors.js";
