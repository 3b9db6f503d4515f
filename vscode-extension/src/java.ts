// Finding a Java 17+ to run entityflow with, the way vscode-java does: the setting, then JAVA_HOME, then
// the PATH. Free of the vscode API so it can be unit-tested; the extension passes in what it reads.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const MINIMUM_JAVA = 17;

/** Where a java executable may be, in the order they are tried, with where each came from. */
export interface JavaCandidate {
  executable: string;
  source: "setting entityflow.java.home" | "JAVA_HOME" | "PATH";
}

export interface JavaFound {
  executable: string;
  version: number;
  source: JavaCandidate["source"];
}

/** Thrown with a message a user can act on: what was tried and what to do. */
export class JavaProblem extends Error {}

const EXE = process.platform === "win32" ? "java.exe" : "java";

export function candidates(settingHome: string | undefined, env: NodeJS.ProcessEnv): JavaCandidate[] {
  const found: JavaCandidate[] = [];
  if (settingHome && settingHome.trim() !== "") {
    found.push({ executable: path.join(settingHome.trim(), "bin", EXE), source: "setting entityflow.java.home" });
  }
  if (env.JAVA_HOME && env.JAVA_HOME.trim() !== "") {
    found.push({ executable: path.join(env.JAVA_HOME.trim(), "bin", EXE), source: "JAVA_HOME" });
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir.trim() !== "") {
      found.push({ executable: path.join(dir, EXE), source: "PATH" });
    }
  }
  return found;
}

/**
 * The feature version in `java -version` output: `openjdk version "17.0.9"` → 17, `"1.8.0_392"` → 8,
 * `"21-ea"` → 21; undefined when the output is not a JVM's.
 */
export function parseJavaVersion(output: string): number | undefined {
  const match = /version "([^"]+)"/.exec(output);
  if (!match) {
    return undefined;
  }
  const parts = match[1].split(/[.\-+_]/);
  const first = Number.parseInt(parts[0], 10);
  if (Number.isNaN(first)) {
    return undefined;
  }
  return first === 1 && parts.length > 1 ? Number.parseInt(parts[1], 10) : first;
}

export type VersionProbe = (executable: string) => Promise<string>;

/** Runs `java -version` (it prints on stderr). */
export const probeVersion: VersionProbe = (executable) =>
  new Promise((resolve, reject) => {
    execFile(executable, ["-version"], { timeout: 10000 }, (error, stdout, stderr) => {
      if (error && !stderr) {
        reject(error);
      } else {
        resolve(`${stderr}${stdout}`);
      }
    });
  });

/**
 * The first candidate that exists and is Java 17 or newer. A configured home that is missing or too old
 * is an error of its own (the user asked for it); the others are skipped.
 */
export async function findJava(
  settingHome: string | undefined,
  env: NodeJS.ProcessEnv,
  probe: VersionProbe = probeVersion,
  exists: (file: string) => boolean = fs.existsSync,
): Promise<JavaFound> {
  const tooOld: string[] = [];
  for (const candidate of candidates(settingHome, env)) {
    const configured = candidate.source !== "PATH";
    if (!exists(candidate.executable)) {
      if (configured) {
        throw new JavaProblem(`entityflow: ${candidate.source} points to ${path.dirname(path.dirname(candidate.executable))}, `
          + `which has no ${path.join("bin", EXE)}. Set entityflow.java.home to a JDK ${MINIMUM_JAVA} or newer.`);
      }
      continue;
    }
    let version: number | undefined;
    try {
      version = parseJavaVersion(await probe(candidate.executable));
    } catch {
      version = undefined;
    }
    if (version !== undefined && version >= MINIMUM_JAVA) {
      return { executable: candidate.executable, version, source: candidate.source };
    }
    const what = `${candidate.executable} (${candidate.source}) is ${version === undefined ? "not a working Java" : `Java ${version}`}`;
    if (configured) {
      throw new JavaProblem(`entityflow: ${what}; entityflow needs Java ${MINIMUM_JAVA} or newer. `
        + "Set entityflow.java.home to a newer JDK.");
    }
    tooOld.push(what);
  }
  throw new JavaProblem(tooOld.length > 0
    ? `entityflow: no Java ${MINIMUM_JAVA} or newer found: ${tooOld.join("; ")}. Install one or set entityflow.java.home.`
    : `entityflow: no Java found (entityflow.java.home and JAVA_HOME are not set, and there is no java on the PATH). `
      + `Install a JDK ${MINIMUM_JAVA} or newer, or set entityflow.java.home.`);
}
