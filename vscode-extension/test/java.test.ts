import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { candidates, findJava, JavaProblem, parseJavaVersion } from "../src/java";

const java = process.platform === "win32" ? "java.exe" : "java";

test("versions are read from java -version as every JDK prints it", () => {
  assert.equal(parseJavaVersion('openjdk version "17.0.9" 2023-10-17\nOpenJDK Runtime Environment'), 17);
  assert.equal(parseJavaVersion('java version "1.8.0_392"'), 8);
  assert.equal(parseJavaVersion('openjdk version "21-ea" 2023-09-19'), 21);
  assert.equal(parseJavaVersion('openjdk version "25" 2025-09-16'), 25);
  assert.equal(parseJavaVersion("bash: java: command not found"), undefined);
});

test("the setting comes first, then JAVA_HOME, then the PATH", () => {
  const found = candidates("/opt/jdk21", { JAVA_HOME: "/usr/lib/jvm/17", PATH: ["/usr/bin", "/bin"].join(path.delimiter) });
  assert.deepEqual(found.map((c) => c.source), ["setting entityflow.java.home", "JAVA_HOME", "PATH", "PATH"]);
  assert.equal(found[0].executable, path.join("/opt/jdk21", "bin", java));
  assert.equal(found[2].executable, path.join("/usr/bin", java));
});

test("the first Java 17 or newer on the PATH is taken; older ones are skipped", async () => {
  const env = { PATH: ["/old", "/new"].join(path.delimiter) };
  const versions: Record<string, string> = {
    [path.join("/old", java)]: 'java version "1.8.0_392"',
    [path.join("/new", java)]: 'openjdk version "17.0.2"',
  };
  const found = await findJava(undefined, env, async (exe) => versions[exe], (file) => file in versions);
  assert.equal(found.executable, path.join("/new", java));
  assert.equal(found.version, 17);
  assert.equal(found.source, "PATH");
});

test("a configured home that is too old or missing is an error naming it", async () => {
  const tooOld = findJava("/opt/jdk11", {}, async () => 'openjdk version "11.0.2"', () => true);
  await assert.rejects(tooOld, (e: Error) => e instanceof JavaProblem && /Java 11/.test(e.message)
    && /entityflow\.java\.home/.test(e.message));
  const missing = findJava(undefined, { JAVA_HOME: "/nowhere" }, async () => "", () => false);
  await assert.rejects(missing, (e: Error) => /JAVA_HOME points to \/nowhere/.test(e.message));
});

test("no Java at all says how to get one", async () => {
  await assert.rejects(findJava(undefined, { PATH: "" }, async () => "", () => false),
    (e: Error) => /no Java found/.test(e.message) && /JDK 17/.test(e.message));
  const onlyOld = findJava(undefined, { PATH: "/old" }, async () => 'java version "1.8.0"', () => true);
  await assert.rejects(onlyOld, (e: Error) => /no Java 17 or newer found/.test(e.message) && /Java 8/.test(e.message));
});
