#!/usr/bin/env python3
"""Checks, after a checkout load, that stock and money were conserved: reads every item's stock and every
user's credit once through the WDM API (GET /stock/find/{id}, GET /payment/find_user/{id}; ids 0..n-1 as
batch_init makes them) and compares what left the stock with what left the credit (batch_init orders hold
two items at price 1: two units and two credits per paid order).

Usage: audit.py <base url> <items> <users> <starting stock> <starting money> [acknowledged checkouts]
With the number of checkouts answered 200 (e.g. summed from wrk's checkout.lua output) it also checks that
none of them was lost: at least two units per acknowledged checkout left the stock.
"""
import http.client
import json
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

CONNECTIONS = 128
local = threading.local()


def get(base, path):
    if not hasattr(local, "conn"):
        url = urllib.parse.urlparse(base)
        local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    local.conn.request("GET", path)
    response = local.conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
    return json.loads(body)


def total(base, paths, field):
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        return sum(pool.map(lambda p: int(get(base, p)[field]), paths, chunksize=64))


def main():
    base, items, users, stock, money = sys.argv[1], *map(int, sys.argv[2:6])
    acknowledged = int(sys.argv[6]) if len(sys.argv) > 6 else None
    stock_taken = items * stock - total(base, [f"/stock/find/{i}" for i in range(items)], "stock")
    credit_taken = users * money - total(base, [f"/payment/find_user/{u}" for u in range(users)], "credit")
    verdict = "conserved" if stock_taken == credit_taken else "NOT CONSERVED"
    if acknowledged is not None and stock_taken < 2 * acknowledged:
        verdict += f"; LOST: {acknowledged} acknowledged checkouts need {2 * acknowledged} units"
    print(f"audit: {items} items, {users} users read; stock taken {stock_taken}, credit taken {credit_taken}: {verdict}")
    sys.exit(0 if verdict == "conserved" else 1)


if __name__ == "__main__":
    main()
