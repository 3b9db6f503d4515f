#!/usr/bin/env python3
"""CPU of a process's threads over a window, grouped by thread name (digits dropped), in % of one core.

    thread-cpu.py snapshot PID > before      # at the start of the window
    thread-cpu.py snapshot PID > after       # at its end
    thread-cpu.py diff before after SECONDS  # one line per group, busiest first

Linux keeps the first 15 characters of a thread's name, so Flink's task threads show as e.g. "Source: request".
"""
import os
import re
import sys


def snapshot(pid):
    hz = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except FileNotFoundError:
            continue  # the thread ended between the listing and the read
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        seconds = (int(fields[11]) + int(fields[12])) / hz  # utime, stime
        print(f"{tid}\t{seconds}\t{name}")


def read(path):
    threads = {}
    with open(path) as f:
        for line in f:
            tid, seconds, name = line.rstrip("\n").split("\t", 2)
            threads[tid] = (float(seconds), name)
    return threads


def diff(before_path, after_path, window):
    before, after = read(before_path), read(after_path)
    groups = {}
    for tid, (seconds, name) in after.items():
        used = seconds - before.get(tid, (0.0, name))[0]
        group = re.sub(r"\d+", "#", name).strip()
        groups[group] = groups.get(group, 0.0) + used
    total = sum(groups.values())
    print(f"{'all threads':<24} {100 * total / window:6.1f}")
    for group, used in sorted(groups.items(), key=lambda g: -g[1]):
        if used > 0:
            print(f"{group:<24} {100 * used / window:6.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["snapshot"] and len(sys.argv) == 3:
        snapshot(sys.argv[2])
    elif sys.argv[1:2] == ["diff"] and len(sys.argv) == 5:
        diff(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        sys.exit(__doc__)
