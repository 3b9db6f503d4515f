import { test } from "node:test";
import * as assert from "node:assert/strict";
import { RunOutput } from "../src/runOutput";

function read(text: string): { output: RunOutput; readyAt: number } {
  const output = new RunOutput();
  let readyAt = -1;
  text.split("\n").forEach((line, i) => {
    if (output.accept(line)) {
      readyAt = i;
    }
  });
  return { output, readyAt };
}

test("an embedded run gives the gateway, Flink's UI and the inspector, ready at its last line", () => {
  const { output, readyAt } = read(`entityflow: running shop.Item, shop.User with parallelism 2
  gateway:      http://127.0.0.1:8080
  Flink web UI: http://127.0.0.1:37251
  inspector:    http://127.0.0.1:8081/
  queryable state proxy: 127.0.0.1:41811
  state:        /w/.entityflow/shop (fresh)
Ctrl+C stops with a savepoint; the next run on this state directory resumes from it.`);
  assert.deepEqual(output.addresses, { gateway: "http://127.0.0.1:8080", flinkUi: "http://127.0.0.1:37251",
    inspector: "http://127.0.0.1:8081/", ready: true });
  assert.equal(readyAt, 6);
});

test("a deploy gives the job id and Flink's page but not the suggested gateway command", () => {
  const { output } = read(`entityflow: deployed shop as job 3cc194ab05dbb094a52c01b0b532e8f3 with parallelism 2
  Flink web UI: http://127.0.0.1:8081/#/job/running/3cc194ab05dbb094a52c01b0b532e8f3/overview
  gateway:      entityflow gateway --kafka 127.0.0.1:9092 --program /w/shop`);
  assert.equal(output.addresses.jobId, "3cc194ab05dbb094a52c01b0b532e8f3");
  assert.equal(output.addresses.gateway, undefined);
  assert.equal(output.addresses.ready, true);
});

test("a program with errors is reported by its EF codes; a refused deploy by its message", () => {
  const errors = read(`shop/Item.java:8:5: error EF105: static field 'created' is shared by all Items
entityflow: not started: fix the errors above (entityflow check shop)`).output;
  assert.equal(errors.addresses.ready, false);
  assert.match(errors.failure(1), /1 error\(s\).*EF105.*Problems panel/);
  const refused = read(`entityflow: Flink's REST API at http://127.0.0.1:1/ does not answer (ConnectException); is the cluster running?`).output;
  assert.equal(refused.failure(2), "entityflow: Flink's REST API at http://127.0.0.1:1/ does not answer (ConnectException); is the cluster running?");
  assert.match(new RunOutput().failure(137), /exit 137/);
});
