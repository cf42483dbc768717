#!/usr/bin/python3
"""For measure-forwarding.sh: watches an interface's rx_packets every 5 ms until it has moved and
then stood still for a second (at most TIMEOUT s), and prints the packets that arrived and the
seconds between the first and the last sample that saw new ones: the receiver's own view of the
rate, independent of how long the sender took."""
import sys
import time

path = "/sys/class/net/%s/statistics/rx_packets" % sys.argv[1]
timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 30


def read():
    with open(path) as f:
        return int(f.read())


start_count = last = read()
first_time = last_time = None
deadline = time.monotonic() + timeout
print("ready", flush=True)
while time.monotonic() < deadline:
    time.sleep(0.005)
    now, count = time.monotonic(), read()
    if count != last:
        first_time = first_time or now
        last_time, last = now, count
    elif last_time and now - last_time > 1:
        break
window = (last_time - first_time) if first_time and last_time and last_time > first_time else 0
print("%d %.6f" % (last - start_count, window), flush=True)
