/**
 * The standard gRPC server metrics (names and labels as go-grpc-prometheus defines them) on a per-server
 * prom-client Registry. Calls update plain numbers in a per-method {@link MethodStats} object that the adapter
 * looks up once at startup; prom-client only sees them when `/metrics` is scraped. This keeps label hashing and
 * validation, which prom-client would otherwise do on every increment, off the call path.
 */
import { Counter, Histogram, collectDefaultMetrics, type MetricType, type Registry } from "prom-client";
import { GRPC_CODE_COUNT, codeName } from "./errors.js";

/** go-grpc-prometheus `grpc_type` values. */
export type GrpcType = "unary" | "client_stream" | "server_stream" | "bidi_stream";

/** Prometheus' default latency buckets (seconds), which go-grpc-prometheus uses for handling time. */
const BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Counters for one method. Only the kit's adapters write to it. */
export class MethodStats {
  started = 0;
  msgReceived = 0;
  msgSent = 0;
  /** Indexed by gRPC status code. */
  readonly handled: number[] = new Array<number>(GRPC_CODE_COUNT).fill(0);
  /** Non-cumulative counts per bucket; the last slot is `+Inf`. */
  readonly buckets: number[] = new Array<number>(BUCKETS.length + 1).fill(0);
  sumSeconds = 0;
  readonly labels: { grpc_service: string; grpc_method: string; grpc_type: GrpcType };

  constructor(service: string, method: string, type: GrpcType) {
    this.labels = { grpc_service: service, grpc_method: method, grpc_type: type };
  }

  /** Records a finished call: its status code and how long the handler took. */
  finish(code: number, seconds: number): void {
    if (code >= 0 && code < GRPC_CODE_COUNT) this.handled[code] = (this.handled[code] ?? 0) + 1;
    let i = 0;
    while (i < BUCKETS.length && seconds > (BUCKETS[i] ?? Infinity)) i++;
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.sumSeconds += seconds;
  }
}

type LabelName = "grpc_service" | "grpc_method" | "grpc_type" | "grpc_code" | "le";
type CounterSnapshot = Awaited<ReturnType<Counter<LabelName>["get"]>>;
type HistogramSnapshot = Awaited<ReturnType<Histogram<LabelName>["get"]>>;
type Values = CounterSnapshot["values"];
const noop = (): void => undefined;
/** prom-client declares MetricType as a numeric enum but compares and prints the string at runtime. */
const HISTOGRAM = "histogram" as unknown as MetricType;

/** A counter whose values are read from the method stats at scrape time. */
class StatsCounter extends Counter<LabelName> {
  constructor(
    name: string,
    help: string,
    registry: Registry,
    private readonly read: () => Values,
  ) {
    super({ name, help, registers: [registry] });
  }
  override async get(): Promise<CounterSnapshot> {
    return { ...(await super.get()), values: this.read() };
  }
}

class StatsHistogram extends Histogram<LabelName> {
  constructor(
    private readonly metricName: string,
    private readonly helpText: string,
    registry: Registry,
    private readonly stats: readonly MethodStats[],
  ) {
    super({ name: metricName, help: helpText, registers: [registry], buckets: [...BUCKETS] });
  }
  override get(): Promise<HistogramSnapshot> {
    const values: HistogramSnapshot["values"] = [];
    const name = this.metricName;
    for (const s of this.stats) {
      let cumulative = 0;
      s.buckets.forEach((n, i) => {
        cumulative += n;
        const le = BUCKETS[i] ?? "+Inf";
        values.push({ labels: { ...s.labels, le }, value: cumulative, metricName: `${name}_bucket` });
      });
      values.push({ labels: s.labels, value: s.sumSeconds, metricName: `${name}_sum` });
      values.push({ labels: s.labels, value: cumulative, metricName: `${name}_count` });
    }
    return Promise.resolve({
      name,
      help: this.helpText,
      type: HISTOGRAM,
      values,
      aggregator: "sum" as const,
      collect: noop,
    });
  }
  /** prom-client's registry prefers this (undeclared) hook for histograms when rendering text. */
  getForPromString(): Promise<HistogramSnapshot> {
    return this.get();
  }
}

/** All RPC metrics of one server. */
export class ServerMetrics {
  private readonly stats: MethodStats[] = [];

  constructor(readonly registry: Registry) {
    const per = (pick: (s: MethodStats) => number) => (): Values =>
      this.stats.map((s) => ({ labels: s.labels, value: pick(s) }));
    new StatsCounter(
      "grpc_server_started_total",
      "RPCs started on the server.",
      registry,
      per((s) => s.started),
    );
    new StatsCounter("grpc_server_handled_total", "RPCs completed on the server, by code.", registry, () =>
      this.stats.flatMap((s) =>
        s.handled.flatMap((value, code) =>
          value === 0 ? [] : [{ labels: { ...s.labels, grpc_code: codeName(code) }, value }],
        ),
      ),
    );
    new StatsCounter(
      "grpc_server_msg_received_total",
      "RPC stream messages received on the server.",
      registry,
      per((s) => s.msgReceived),
    );
    new StatsCounter(
      "grpc_server_msg_sent_total",
      "gRPC stream messages sent by the server.",
      registry,
      per((s) => s.msgSent),
    );
    new StatsHistogram(
      "grpc_server_handling_seconds",
      "Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.",
      registry,
      this.stats,
    );
    // A caller-supplied registry may already carry the process defaults (one registry, several servers).
    if (registry.getSingleMetric("process_cpu_user_seconds_total") === undefined) {
      collectDefaultMetrics({ register: registry });
    }
  }

  /** The stats slot for one method; adapters call this once per method at startup, never per call. */
  method(service: string, method: string, type: GrpcType): MethodStats {
    const found = this.stats.find(
      (s) =>
        s.labels.grpc_service === service && s.labels.grpc_method === method && s.labels.grpc_type === type,
    );
    if (found !== undefined) return found;
    const s = new MethodStats(service, method, type);
    this.stats.push(s);
    return s;
  }
}
