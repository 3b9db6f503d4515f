#!/usr/bin/env bash
# One call at a time through HTTP at idle, as docs/benchmarks.md measures it: starts `entityflow run samples/shop`
# (embedded engine, committed responses, fresh state directory), then for each kind of call sends N requests with
# curl one after another and prints p50/p99 of the last N*2/3 (the first third warms up).
# Usage (from the repository root, after ./mvnw install -DskipTests): samples/shop/load/idle-calls.sh [N=300]
# JAR=<path> runs another build of the CLI. Needs curl and python3.
set -euo pipefail
n=${1:-300}
port=${PORT:-18090}
root=$(cd "$(dirname "$0")/../../.." && pwd)
state=$(mktemp -d)
java -jar "${JAR:-$root/cli/target/entityflow-cli-all.jar}" run "$root/samples/shop" --port "$port" --inspector-port -1 \
    --state-dir "$state/state" > "$state/run.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 120); do grep -aq "gateway:" "$state/run.log" && break; sleep 1; done
grep -aq "gateway:" "$state/run.log" || { cat "$state/run.log"; echo "the server did not start" >&2; exit 1; }
base=http://127.0.0.1:$port
curl -sf -o /dev/null -XPOST "$base/entities/Item" -d '{"args":["apple",1]}'
curl -sf -o /dev/null -XPOST "$base/entities/Item/apple/updateStock" -d '{"args":[1000000]}'
# kind, method, path, body
calls=(
  "read (GET state)|GET|/entities/Item/apple|"
  "@ReadOnly call (getStock)|POST|/entities/Item/apple/getStock|{\"args\":[]}"
  "write (updateStock)|POST|/entities/Item/apple/updateStock|{\"args\":[-1]}"
)
for call in "${calls[@]}"; do
  IFS='|' read -r kind method path body <<< "$call"
  for _ in $(seq "$n"); do
    if [ "$method" = GET ]; then
      curl -sf -o /dev/null -w "%{time_total}\n" "$base$path"
    else
      curl -sf -o /dev/null -w "%{time_total}\n" -XPOST "$base$path" -d "$body"
    fi
  done > "$state/times"
  python3 - "$kind" "$n" "$state/times" <<'PY'
import sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
times = sorted(float(t) * 1000 for t in open(path).read().split()[n // 3:])
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"{kind}: p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms ({len(times)} counted)")
PY
done
