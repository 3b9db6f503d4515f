-- wrk script: POST /orders/checkout/{order_id} over orders created beforehand with
-- POST /orders/batch_init/{n}/{n_items}/{n_users}/{item_price} (ids 0..n-1), each order checked out once.
-- Usage (from this directory): wrk -t2 -c256 -d20s -s checkout.lua http://127.0.0.1:8080 -- <n> <threads, as -t> [first]
dofile("orders.lua")

function init(args)
  init_orders(args)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("checkouts: %d ok (%.0f/s), %d refused, %d failed; p50 %.1f ms, p99 %.1f ms\n",
    total("ok"), total("ok") / seconds, total("refused"), total("failed"),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
