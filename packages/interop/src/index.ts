/**
 * @parley/interop — the MLS working group's interop harness contract (service MLSClient): harness servers
 * over Parley's own group API and over ts-mls, and a driver that runs named scenarios against any MLSClient servers and checks that every
 * member agrees on the epoch authenticator after each step.
 */
export { MLSClient } from "./gen/mls_client_pb.js";
export {
  serveHarness,
  startParleyServer,
  startTsMlsServer,
  HARNESS_IMPLEMENTATIONS,
} from "./harness-server.js";
export type { HarnessServerOptions, HarnessImplementation } from "./harness-server.js";
export { parleyBinding, parleyHandlers } from "./parley/service.js";
export { PARLEY_HARNESS_NAME } from "./parley/join-handlers.js";
export { tsMlsBinding, tsMlsHandlers } from "./ts-mls/service.js";
export { HarnessStore } from "./harness/store.js";
export type { Handlers } from "./harness/handlers.js";
export { connectEndpoint, describeEndpoint } from "./driver/endpoint.js";
export type { Endpoint, HarnessClient } from "./driver/endpoint.js";
export { SCENARIOS } from "./driver/catalogue.js";
export { runScenarios, commonSuite, PREFERRED_SUITES } from "./driver/runner.js";
export type { RunOptions } from "./driver/runner.js";
export { formatTable } from "./driver/table.js";
export type { Scenario, ScenarioContext, ScenarioResult, HandshakeMode, Verdict } from "./driver/scenario.js";
export { TestGroup } from "./driver/group.js";
export { Unsupported, ScenarioFailure } from "./driver/errors.js";
