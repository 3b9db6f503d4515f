-- Shared by checkout.lua and checkout-rate.lua (loaded with dofile: run wrk from this directory).
-- Thread t of T takes orders first+t, first+t+T, ...; when its share runs out it wraps around, and those
-- repeated checkouts (of paid orders) are refused by the service: the totals report them apart.
threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init_orders(args)
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

-- the sum over all threads of a per-thread counter
function total(name)
  local sum = 0
  for _, thread in ipairs(threads) do
    sum = sum + thread:get(name)
  end
  return sum
end
