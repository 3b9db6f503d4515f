-- wrk script: POST /orders/checkout/{order_id} over orders created beforehand with
-- POST /orders/batch_init/{n}/{n_items}/{n_users}/{item_price} (ids 0..n-1), each order checked out once.
-- Usage: wrk -t2 -c256 -d20s -s checkout.lua http://127.0.0.1:8080 -- <n> <threads, as -t> [first]
-- Thread t of T takes orders first+t, first+t+T, ...; when its share runs out it wraps around, and those
-- repeated checkouts (of paid orders) are refused by the service: done() reports them apart.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  orders = tonumber(args[1] or "100000")
  stride = tonumber(args[2] or "1")
  first = tonumber(args[3] or "0")
  nextOrder = id
  ok, refused, failed = 0, 0, 0
end

function request()
  local order = first + (nextOrder % orders)
  nextOrder = nextOrder + stride
  return wrk.format("POST", "/orders/checkout/" .. order)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status >= 400 and status < 500 then
    refused = refused + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_refused, total_failed = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_refused = total_refused + thread:get("refused")
    total_failed = total_failed + thread:get("failed")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("checkouts: %d ok (%.0f/s), %d refused, %d failed; p50 %.1f ms, p99 %.1f ms\n",
    total_ok, total_ok / seconds, total_refused, total_failed,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
