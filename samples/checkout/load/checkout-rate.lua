-- wrk script, open loop: POST /orders/checkout/{order_id} at a fixed rate, whatever the answers do.
-- Usage (from this directory): wrk -t2 -c2048 -d10s -s checkout-rate.lua http://127.0.0.1:8080 -- <n> <threads, as -t> <first> <rate/s>
-- Orders as in checkout.lua. Each thread hands out send times on its own schedule (rate / threads per second);
-- a connection that becomes free asks for the next time and waits for it (wrk's delay hook). Latency is
-- measured from the actual send, so it is an open-loop figure only while every send leaves on time: done()
-- reports the sends that found no free connection at their time ("late") and how late the worst one was.
-- Give enough connections (rate x latency, with room) and late stays 0.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } timespec_t;
int clock_gettime(int clock, timespec_t *now);
]]
local CLOCK_MONOTONIC = 1
local now_spec = ffi.new("timespec_t")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_spec)
  return tonumber(now_spec.tv_sec) * 1000 + tonumber(now_spec.tv_nsec) / 1e6
end

dofile("orders.lua")

function init(args)
  init_orders(args)
  interval = stride * 1000 / tonumber(args[4] or "1000") -- ms between this thread's sends
  late, worst_late = 0, 0
  next_send = nil
end

function delay()
  local now = now_ms()
  if next_send == nil then
    next_send = now
  end
  local slot = next_send
  next_send = next_send + interval
  if slot < now - 1 then
    late = late + 1
    if now - slot > worst_late then
      worst_late = now - slot
    end
    return 0
  end
  return math.max(0, math.floor(slot - now + 0.5))
end

function done(summary, latency, requests)
  local worst = 0
  for _, thread in ipairs(threads) do
    worst = math.max(worst, thread:get("worst_late"))
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("checkouts: %d ok (%.0f/s), %d refused, %d failed; p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; "
    .. "late sends %d (worst %.0f ms)\n",
    total("ok"), total("ok") / seconds, total("refused"), total("failed"),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    total("late"), worst))
end
