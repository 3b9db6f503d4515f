// The extension's settings, read once through a getter (vscode's WorkspaceConfiguration.get in the
// extension, a map in tests) and checked: a bad value is named with the setting it came from.

export interface Settings {
  javaHome: string | undefined;
  /** Flink's REST URL; undefined means the embedded cluster (entityflow run). */
  flinkRestUrl: string | undefined;
  kafkaBootstrapServers: string;
  gatewayPort: number;
  inspectorPort: number;
  /** HOST:PORT of a queryable-state proxy for inspecting a cluster job, or undefined. */
  queryableState: string | undefined;
}

export type SettingGetter = <T>(key: string) => T | undefined;

export class SettingProblem extends Error {}

function text(get: SettingGetter, key: string): string | undefined {
  const value = get<string>(key);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function port(get: SettingGetter, key: string, fallback: number): number {
  const value = get<number>(key);
  if (value === undefined || value === null) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new SettingProblem(`entityflow.${key} must be a port number from 0 to 65535, not ${JSON.stringify(value)}`);
  }
  return value;
}

export function readSettings(get: SettingGetter): Settings {
  const flink = text(get, "flink.restUrl");
  if (flink !== undefined && !/^https?:\/\/[^/\s]+/.test(flink)) {
    throw new SettingProblem(`entityflow.flink.restUrl must be an http(s) URL such as http://127.0.0.1:8081, not ${flink}`);
  }
  const kafka = text(get, "kafka.bootstrapServers") ?? "127.0.0.1:9092";
  if (!/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/.test(kafka)) {
    throw new SettingProblem(`entityflow.kafka.bootstrapServers must be HOST:PORT[,HOST:PORT...], not ${kafka}`);
  }
  const queryable = text(get, "inspector.queryableState");
  if (queryable !== undefined && !/^[^\s:]+:\d+$/.test(queryable)) {
    throw new SettingProblem(`entityflow.inspector.queryableState must be HOST:PORT, not ${queryable}`);
  }
  return {
    javaHome: text(get, "java.home"),
    flinkRestUrl: flink?.replace(/\/+$/, ""),
    kafkaBootstrapServers: kafka,
    gatewayPort: port(get, "gateway.port", 8080),
    inspectorPort: port(get, "inspector.port", 8081),
    queryableState: queryable,
  };
}

/** Where "Deploy to Flink" goes with these settings, in a few words for the status bar. */
export function deployTarget(settings: Settings): string {
  return settings.flinkRestUrl ? `Flink ${new URL(settings.flinkRestUrl).host}` : "embedded Flink";
}

/**
 * The port for `entityflow inspect` beside a cluster: the setting, unless that is the port of a Flink on this
 * machine (both default to 8081) — then any free port, which the command prints.
 */
export function clusterInspectorPort(settings: Settings): number {
  if (!settings.flinkRestUrl) {
    return settings.inspectorPort;
  }
  const flink = new URL(settings.flinkRestUrl);
  const flinkPort = flink.port ? Number(flink.port) : flink.protocol === "https:" ? 443 : 80;
  const local = ["127.0.0.1", "localhost", "[::1]", "0.0.0.0"].includes(flink.hostname);
  return local && flinkPort === settings.inspectorPort ? 0 : settings.inspectorPort;
}
