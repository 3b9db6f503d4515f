import { test } from "node:test";
import * as assert from "node:assert/strict";
import { clusterInspectorPort, deployTarget, readSettings, SettingGetter, SettingProblem } from "../src/settings";

function getter(values: Record<string, unknown>): SettingGetter {
  return <T>(key: string) => values[key] as T | undefined;
}

test("defaults: the embedded cluster, the usual ports", () => {
  const settings = readSettings(getter({}));
  assert.equal(settings.flinkRestUrl, undefined);
  assert.equal(settings.kafkaBootstrapServers, "127.0.0.1:9092");
  assert.equal(settings.gatewayPort, 8080);
  assert.equal(settings.inspectorPort, 8081);
  assert.equal(settings.javaHome, undefined);
});

test("a Flink URL selects the cluster; blanks count as unset", () => {
  const settings = readSettings(getter({ "flink.restUrl": " http://10.0.0.5:8081/ ", "java.home": "  ",
    "kafka.bootstrapServers": "k1:9092,k2:9093", "inspector.queryableState": "127.0.0.1:9069" }));
  assert.equal(settings.flinkRestUrl, "http://10.0.0.5:8081");
  assert.equal(settings.javaHome, undefined);
  assert.equal(settings.kafkaBootstrapServers, "k1:9092,k2:9093");
  assert.equal(settings.queryableState, "127.0.0.1:9069");
});

test("bad values are refused naming the setting", () => {
  assert.throws(() => readSettings(getter({ "flink.restUrl": "localhost:8081" })),
    (e: Error) => e instanceof SettingProblem && /entityflow\.flink\.restUrl/.test(e.message));
  assert.throws(() => readSettings(getter({ "gateway.port": 70000 })), /entityflow\.gateway\.port/);
  assert.throws(() => readSettings(getter({ "kafka.bootstrapServers": "no port" })), /entityflow\.kafka\.bootstrapServers/);
  assert.throws(() => readSettings(getter({ "inspector.queryableState": "9069" })), /entityflow\.inspector\.queryableState/);
});

test("the deploy target names the cluster's host or the embedded default", () => {
  assert.equal(deployTarget(readSettings(getter({}))), "embedded Flink");
  assert.equal(deployTarget(readSettings(getter({ "flink.restUrl": "http://10.0.0.5:8081/" }))), "Flink 10.0.0.5:8081");
});

test("the cluster inspector does not take the port of a Flink on this machine", () => {
  assert.equal(clusterInspectorPort(readSettings(getter({ "flink.restUrl": "http://127.0.0.1:8081" }))), 0);
  assert.equal(clusterInspectorPort(readSettings(getter({ "flink.restUrl": "http://localhost:8081", "inspector.port": 9000 }))), 9000);
  assert.equal(clusterInspectorPort(readSettings(getter({ "flink.restUrl": "http://10.0.0.5:8081" }))), 8081);
  assert.equal(clusterInspectorPort(readSettings(getter({}))), 8081);
});
