#!/usr/bin/env bash
# Checkouts through HTTP with wrk, as docs/benchmarks.md measures them: starts `entityflow run samples/checkout`
# (embedded engine, fresh state directory), creates items, users and orders with the course's batch_init
# routes, warms up, measures, then audits that stock and money were conserved (audit.py).
# Usage (from the repository root, after ./mvnw install -DskipTests):
#   samples/checkout/load/wrk-checkouts.sh [connections=2048] [measure seconds=10] [extra `entityflow run` flags...]
# With RATE=<checkouts/s> in the environment the measured phase is an open loop at that rate (checkout-rate.lua)
# instead of a closed loop over the connections. WARMUP=<seconds> (default 25), WARMUP_ORDERS (100000) and ORDERS
# (250000, all created by one batch_init, which must finish within the gateway's 30 s: up to ~350000 here) set the
# warm-up: the JIT still compiles for a minute and more after start, so latency figures want a longer one, e.g.
# WARMUP=45 WARMUP_ORDERS=190000 ORDERS=350000 (docs/benchmarks.md, "Fourth session"). WARMUP_ROUNDS=<n> (default 1)
# repeats the warm-up n times, each later round over WARMUP_ORDERS fresh orders made just before it (batch_init's
# ?first=): on 2 cores the JIT still takes a third of a core 100 s after start (docs/benchmarks.md, "Ninth session").
# JAR=<path> runs another build of the CLI (A/B comparisons); THREADS=1 prints the server's CPU per thread group
# over the measured phase (thread-cpu.py). Needs wrk (Debian package) and python3.
set -euo pipefail
connections=${1:-2048}
seconds=${2:-10}
shift $(( $# > 2 ? 2 : $# ))
port=${PORT:-18080}
items=100000 users=100000 stock=1000000 money=1000000
warmup_seconds=${WARMUP:-25} warmup_orders=${WARMUP_ORDERS:-100000} orders=${ORDERS:-250000} rounds=${WARMUP_ROUNDS:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
state=$(mktemp -d)
log="$state/run.log"
java -jar "${JAR:-$root/cli/target/entityflow-cli-all.jar}" run "$root/samples/checkout" --port "$port" --inspector-port -1 \
    --state-dir "$state/state" "$@" > "$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 120); do grep -aq "gateway:" "$log" && break; sleep 1; done
grep -aq "gateway:" "$log" || { cat "$log"; echo "the server did not start" >&2; exit 1; }
base=http://127.0.0.1:$port
for route in "stock/batch_init/$items/$stock/1" "payment/batch_init/$users/$money" "orders/batch_init/$orders/$items/$users/1"; do
    curl -sf -o /dev/null -w "POST /$route: %{http_code} in %{time_total} s\n" -X POST "$base/$route"
done
cd "$here"
: > "$state/warmup"
for round in $(seq "$rounds"); do
    first=$(( round == 1 ? 0 : orders + (round - 2) * warmup_orders ))
    if [ "$round" -gt 1 ]; then
        curl -sf -o /dev/null -w "POST /orders/batch_init/$warmup_orders/$items/$users/1?first=$first: %{http_code} in %{time_total} s\n" \
            -X POST "$base/orders/batch_init/$warmup_orders/$items/$users/1?first=$first"
    fi
    echo "warm-up $round/$rounds ($warmup_seconds s, orders $first..$((first + warmup_orders - 1))):"
    wrk -t2 -c"$connections" -d"${warmup_seconds}s" -s checkout.lua "$base" -- "$warmup_orders" 2 "$first" | tail -1 | tee -a "$state/warmup"
done
echo "measured ($seconds s, $connections connections):"
# The server's CPU over the measured phase, per checkout: steadier than throughput when comparing two builds on a
# box whose run-to-run spread is large (docs/benchmarks.md, "Eleventh session").
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
cpu_before=$(server_cpu_ticks)
python3 "$here/thread-cpu.py" snapshot "$server" > "$state/threads-before"
if [ -n "${RATE:-}" ]; then
    echo "(open loop at $RATE/s)"
    wrk -t2 -c"$connections" -d"${seconds}s" -s checkout-rate.lua "$base" -- $((orders - warmup_orders)) 2 "$warmup_orders" "$RATE" \
        | tail -1 | tee "$state/measured"
else
    wrk -t2 -c"$connections" -d"${seconds}s" -s checkout.lua "$base" -- $((orders - warmup_orders)) 2 "$warmup_orders" \
        | tail -1 | tee "$state/measured"
fi
cpu_after=$(server_cpu_ticks)
python3 "$here/thread-cpu.py" snapshot "$server" > "$state/threads-after"
measured_checkouts=$(grep -o '^checkouts: [0-9]*' "$state/measured" | grep -o '[0-9]*')
awk -v ticks=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" -v n="$measured_checkouts" -v s="$seconds" \
    'BEGIN { if (n > 0) printf "server CPU: %.1f cores, %.0f us per checkout\n", ticks / hz / s, ticks / hz * 1e6 / n }'
[ -n "${THREADS:-}" ] && python3 "$here/thread-cpu.py" diff "$state/threads-before" "$state/threads-after" "$seconds"
acknowledged=$(( $(grep -o '^checkouts: [0-9]*' "$state/warmup" | grep -o '[0-9]*' | paste -sd+) + $(grep -o '^checkouts: [0-9]*' "$state/measured" | grep -o '[0-9]*') ))
sleep 3 # checkouts still in flight when wrk stopped settle
python3 audit.py "$base" "$items" "$users" "$stock" "$money" "$acknowledged"
