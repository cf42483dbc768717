#!/usr/bin/python3
"""Mobile IPv6 mobile nodes doing route optimization with a correspondent node, built with scapy's
MIPv6 layers, for tools/mip6/run-mip6-cn.sh. Addresses as in mip6_mobiles.py (home <prefix>::1:0 + i,
care-of 2001:db8:a<k>::<i>).

Each mobile node runs return routability as RFC 6275 §5.2 and §11.6 say: a Home Test Init from its
home address and a Care-of Test Init from its care-of address (random 64-bit cookies); the Home Test
and Care-of Test must echo the cookies and have their Mobility Header checksums right; then
  Kbm = SHA1 (home keygen token | care-of keygen token)                          (§5.2.5)
and a Binding Update from the care-of address with the Home Address option, flag A, the Nonce Indices
of the two tests and Binding Authorization Data (§6.2.7), whose authenticator is
  First (96, HMAC_SHA1 (Kbm, care-of address | correspondent | MH Data))
computed here with Python's hmac over scapy's octets. The Binding Acknowledgement must come to the
care-of address through a type 2 routing header, with its checksum over the home address, and, but
for 136-138, with Binding Authorization Data that verifies with the same Kbm (§9.5.4).

The Home Test goes straight to the home address (there is no home agent tunnel in this test: the
correspondent's namespace routes the home prefix to the mobile nodes' link).

  register --cn A --nodes N --prefixes K --ledger F --keys F [--seq S] [--corrupt]
      return routability and one Binding Update per node; ledger "home care-of seq status"; the keys
      file keeps each node's nonce indices and tokens (for 'stale'); --corrupt flips one authenticator
      bit: the update must be dropped without an answer
  stale --cn A --keys F --mode both|home|careof --ledger F
      one Binding Update per node in the keys file with the old nonce indices of both tests, of the
      home test only (a new care-of test), or of the care-of test only: after the correspondent's
      restart it no longer knows them, and must refuse with 138, 136 or 137
  echo --cn A --ledger F [--count N]
      Echo Requests on the optimized route (care-of source, Home Address option) from N registered
      nodes: each reply must come through a type 2 routing header, checksummed over the home address;
      one request with an unbound home address must get a Binding Error, status 1 (§9.3.3)
  answer --cn A --ledger F --silent-every M --seconds T --log F [--shards S]
      listens for the correspondent's Binding Refresh Requests (§6.1.2) for T seconds at most (and 6 s
      after the last); each node whose number is not a multiple of M runs return routability again
      and answers with a Binding Update of the next sequence number (§11.7.4), the others stay silent;
      S processes (a power of two) share the nodes by their number's last bits
"""

import argparse
import ctypes
import hashlib
import hmac
import ipaddress
import os
import pickle
import socket
import struct
import sys
import time

from scapy.all import AsyncSniffer, conf, raw
from scapy.layers.inet6 import (HAO, ICMPv6EchoReply, ICMPv6EchoRequest, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
                                MIP6MH_BA, MIP6MH_BE, MIP6MH_BRR, MIP6MH_BU, MIP6MH_CoT, MIP6MH_CoTI, MIP6MH_HoT,
                                MIP6MH_HoTI, MIP6OptBindingAuthData, MIP6OptNonceIndices)
from scapy.utils import checksum

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mip6_mobiles import SILENT, Link, care_of, home_of, load_ledger, mh_checksum_ok, number_of, save_ledger  # noqa: E402

AUTHENTICATOR = 12
SO_ATTACH_FILTER = 26
RETRY_SECONDS = 2.0   # a test or acknowledgement not back by then: return routability again (§11.8)


def addr(address):
    return ipaddress.IPv6Address(address).packed


def authenticator(kbm, coa, cn, mh):
    """§6.2.7 over the Mobility Header octets up to the authenticator, with the Checksum taken as zero."""
    data = bytearray(mh[:-AUTHENTICATOR])
    data[4:6] = b"\x00\x00"
    return hmac.new(kbm, addr(coa) + addr(cn) + bytes(data), hashlib.sha1).digest()[:AUTHENTICATOR]


def authorized_update(cn, home, coa, seq, units, hni, coni, kbm, corrupt=False):
    """A Binding Update to the correspondent with Nonce Indices and Binding Authorization Data (§6.1.7)."""
    def build(value):
        return (IPv6(src=coa, dst=cn) / IPv6ExtHdrDestOpt(options=[HAO(hoa=home)])
                / MIP6MH_BU(seq=seq, flags="A", mhtime=units,
                            options=[MIP6OptNonceIndices(olen=4, hni=hni, coni=coni),   # scapy's default olen is 16
                                     MIP6OptBindingAuthData(olen=12, authenticator=value)]))
    mac = authenticator(kbm, coa, cn, raw(IPv6(raw(build(0)))[MIP6MH_BU]))
    value = int.from_bytes(mac, "big") ^ (1 if corrupt else 0)
    return build(value)


class Mobiles:
    """The mobile nodes' return routability and Binding Updates with one correspondent, on one link."""

    def __init__(self, link, cn, units, on_refresh=None):
        self.link = link
        self.cn = cn
        self.units = units
        self.on_refresh = on_refresh
        self.nodes = {}        # home -> state
        self.by_coa = {}
        self.acks = {}         # home -> (status, seq, units, authenticated)
        self.problems = []
        self.retries = 0

    def in_flight(self, home):
        """Whether the node's return routability or update is under way (not acknowledged, not overdue)."""
        state = self.nodes.get(home)
        return state is not None and home not in self.acks and time.time() - state["at"] <= RETRY_SECONDS

    def retry_unanswered(self, homes):
        """§11.8: a mobile node whose Home Test, Care-of Test or acknowledgement is overdue runs return
        routability again with new cookies and the next sequence number (on a loaded box frames get lost)."""
        for home in homes:
            state = self.nodes.get(home)
            if state and home not in self.acks and time.time() - state["at"] > RETRY_SECONDS \
                    and not state["corrupt"] and not state["keep"]:
                self.retries += 1
                self.start(home, state["coa"], (state["seq"] + 1) & 0xffff)

    def start(self, home, coa, seq, corrupt=False, keep=None):
        """Runs return routability for the tests not kept ({"home": (hni, token)} and/or {"careof": ...})
        and sends the Binding Update once both tokens are there."""
        keep = keep or {}
        kbms = self.nodes[home]["kbms"] if home in self.nodes else {}
        state = {"coa": coa, "seq": seq, "corrupt": corrupt, "home_cookie": os.urandom(8), "keep": bool(keep),
                 "coa_cookie": os.urandom(8), "home": keep.get("home"), "careof": keep.get("careof"), "sent": False,
                 "at": time.time(), "kbms": kbms}
        self.nodes[home] = state
        self.by_coa[coa] = home
        if state["home"] is None:
            self.link.send(IPv6(src=home, dst=self.cn) / MIP6MH_HoTI(cookie=state["home_cookie"]))
        if state["careof"] is None:
            self.link.send(IPv6(src=coa, dst=self.cn) / MIP6MH_CoTI(cookie=state["coa_cookie"]))
        self._maybe_update(home)

    def _maybe_update(self, home):
        state = self.nodes[home]
        if state["sent"] or state["home"] is None or state["careof"] is None:
            return
        (hni, home_token), (coni, coa_token) = state["home"], state["careof"]
        state["kbm"] = hashlib.sha1(home_token + coa_token).digest()
        state["kbms"][state["seq"]] = state["kbm"]   # an acknowledgement is checked with its own update's Kbm
        state["sent"] = True
        self.link.send(authorized_update(self.cn, home, state["coa"], state["seq"], self.units, hni, coni,
                                         state["kbm"], state["corrupt"]))

    def on_packet(self, pkt):
        try:
            self._read(pkt)
        except (ValueError, KeyError, IndexError) as e:
            self.problems.append("%s: %s" % (type(e).__name__, e))

    def _read(self, pkt):
        if IPv6 not in pkt or pkt[IPv6].src != self.cn:
            return
        dst = pkt[IPv6].dst
        if MIP6MH_HoT in pkt and dst in self.nodes:
            state = self.nodes[dst]
            if not mh_checksum_ok(pkt, pkt[MIP6MH_HoT], self.cn, dst):
                raise ValueError("bad Home Test checksum to %s" % dst)
            if pkt[MIP6MH_HoT].cookie != state["home_cookie"]:
                return   # an earlier run's test
            state["home"] = (pkt[MIP6MH_HoT].index, bytes(pkt[MIP6MH_HoT].token))
            self._maybe_update(dst)
        elif MIP6MH_CoT in pkt and dst in self.by_coa:
            home = self.by_coa[dst]
            state = self.nodes[home]
            if not mh_checksum_ok(pkt, pkt[MIP6MH_CoT], self.cn, dst):
                raise ValueError("bad Care-of Test checksum to %s" % dst)
            if pkt[MIP6MH_CoT].cookie != state["coa_cookie"]:
                return
            state["careof"] = (pkt[MIP6MH_CoT].index, bytes(pkt[MIP6MH_CoT].token))
            self._maybe_update(home)
        elif MIP6MH_BA in pkt or MIP6MH_BRR in pkt:
            routing = pkt.getlayer(IPv6ExtHdrRouting)
            if routing is None or routing.type != 2 or len(routing.addresses) != 1 or routing.segleft != 1:
                raise ValueError("message to %s without a type 2 routing header" % dst)
            home = routing.addresses[0]
            layer = pkt[MIP6MH_BA] if MIP6MH_BA in pkt else pkt[MIP6MH_BRR]
            if not mh_checksum_ok(pkt, layer, self.cn, home):
                raise ValueError("bad Mobility Header checksum to %s" % home)
            if MIP6MH_BRR in pkt:
                if self.on_refresh:
                    self.on_refresh(pkt.time, home, dst)
                return
            self._acknowledged(home, dst, pkt[MIP6MH_BA])

    def _acknowledged(self, home, coa, ba):
        state = self.nodes.get(home)
        if state is None or (ba.status < 128 and ba.seq not in state["kbms"]):
            return   # not to one of our updates
        mh = raw(ba)
        has_auth = len(mh) >= 14 + 12 and mh[-14] == 5 and mh[-13] == AUTHENTICATOR
        if ba.status in (136, 137, 138):
            authenticated = not has_auth      # §9.5.4: no Kbm for expired nonces, no authenticator
        else:
            kbm = state["kbms"].get(ba.seq)
            authenticated = has_auth and kbm is not None and hmac.compare_digest(
                authenticator(kbm, coa, self.cn, mh), mh[-AUTHENTICATOR:])
        if coa != state["coa"] or ba.seq not in state["kbms"] or not authenticated:
            self.problems.append("%s: acknowledgement to %s seq %d status %d, authenticator %s" % (
                home, coa, ba.seq, ba.status, "right" if authenticated else "WRONG"))
        self.acks[home] = (ba.status, ba.seq, ba.mhtime, authenticated)


def only_from(sock, source, shard=0, shards=1):
    """A classic BPF program on the packet socket: IPv6 frames from source only, so that Python sees the
    correspondent's messages and not the mobile nodes' own frames nor the kernel's ICMPv6 (there is no
    tcpdump here for scapy to compile a filter string with); with shards (a power of two) > 1, only
    those whose destination's last octet is shard modulo shards: a node's home and care-of addresses
    end in its number, so each shard process reads the frames of its own nodes only."""
    words = struct.unpack("!4I", addr(source))
    tail = [] if shards == 1 else [(0x30, 0, 0, 14 + 24 + 15),          # ldb [last octet of the destination]
                                   (0x54, 0, 0, shards - 1), (0x15, 0, 1, shard)]   # and #mask; jeq #shard
    program = [(0x28, 0, 0, 12), (0x15, 0, 9 + len(tail), 0x86dd)]     # ldh [12]; jeq #ETH_P_IPV6
    for k, word in enumerate(words):                                   # ld [22 + 4k]; jeq #word
        program += [(0x20, 0, 0, 22 + 4 * k), (0x15, 0, 7 - 2 * k + len(tail), word)]
    program += tail + [(0x06, 0, 0, 0x40000), (0x06, 0, 0, 0)]         # ret accept; ret drop
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *op) for op in program))
    sock.ins.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER,
                        struct.pack("HL", len(program), ctypes.addressof(code)))
    sock.filter_code = code   # the kernel copied it; kept for the socket's life all the same


def sniffing(args, mobiles, shard=0, shards=1):
    sock = conf.L2listen(iface=args.iface)
    only_from(sock, args.cn, shard, shards)
    sniffer = AsyncSniffer(opened_socket=sock, prn=mobiles.on_packet, store=False)
    sniffer.start()
    time.sleep(0.5)   # the packet socket is open
    return sniffer


def wait_for(mobiles, homes, seconds, retry=True):
    deadline = time.time() + seconds
    while time.time() < deadline and any(h not in mobiles.acks for h in homes):
        time.sleep(0.1)
        if retry:
            mobiles.retry_unanswered(list(homes))


def summary(mobiles, homes, expected_status):
    got = [h for h in homes if h in mobiles.acks]
    matching = sum(1 for h in got if mobiles.acks[h][0] == expected_status)
    for problem in mobiles.problems[:10]:
        print("PROBLEM", problem)
    print("acknowledged %d with %d, other %d, unanswered %d, bad %d (retries %d)" % (
        matching, expected_status, len(got) - matching, len(homes) - len(got), len(mobiles.problems),
        mobiles.retries))
    return 0 if matching == len(homes) and not mobiles.problems else 1


def save_keys(path, mobiles):
    with open(path, "w") as f:
        for home, state in mobiles.nodes.items():
            if state["home"] and state["careof"]:
                f.write("%s %s %d %d %s %d %s\n" % (home, state["coa"], state["seq"], state["home"][0],
                                                   state["home"][1].hex(), state["careof"][0],
                                                   state["careof"][1].hex()))


def register(args):
    mobiles = Mobiles(Link(args.iface, args.next_hop_mac), args.cn, args.lifetime_units)
    homes = [home_of(args.home_prefix, i) for i in range(args.first, args.first + args.nodes)]
    sniffer = sniffing(args, mobiles)
    for k, home in enumerate(homes):
        mobiles.start(home, care_of(args.first + k, args.prefixes), args.seq, corrupt=args.corrupt)
        time.sleep(args.gap)
    wait_for(mobiles, homes, 4 if args.corrupt else 30, retry=not args.corrupt)
    sniffer.stop()
    save_keys(args.keys, mobiles)
    save_ledger(args.ledger, {h: [mobiles.nodes[h]["coa"], mobiles.nodes[h]["seq"], mobiles.acks[h][0]]
                              for h in homes if h in mobiles.acks})
    if args.corrupt:
        for problem in mobiles.problems[:10]:
            print("PROBLEM", problem)
        print("answered %d (none expected: a wrong authenticator is dropped silently), bad %d"
              % (len(mobiles.acks), len(mobiles.problems)))
        return 0 if not mobiles.acks and not mobiles.problems else 1
    return summary(mobiles, homes, 0)


def stale(args):
    """Binding Updates with nonce indices from before the correspondent's restart (§5.2.7, §9.5.1)."""
    mobiles = Mobiles(Link(args.iface, args.next_hop_mac), args.cn, args.lifetime_units)
    expected = {"both": 138, "home": 136, "careof": 137}[args.mode]
    homes = []
    sniffer = sniffing(args, mobiles)
    with open(args.keys) as f:
        for line in f:
            home, coa, seq, hni, home_token, coni, coa_token = line.split()
            keep = {}
            if args.mode in ("both", "home"):
                keep["home"] = (int(hni), bytes.fromhex(home_token))
            if args.mode in ("both", "careof"):
                keep["careof"] = (int(coni), bytes.fromhex(coa_token))
            mobiles.start(home, coa, (int(seq) + args.seq_step) & 0xffff, keep=keep)
            homes.append(home)
    wait_for(mobiles, homes, 10, retry=False)
    sniffer.stop()
    save_ledger(args.ledger, {h: [mobiles.nodes[h]["coa"], mobiles.nodes[h]["seq"], mobiles.acks[h][0]]
                              for h in homes if h in mobiles.acks})
    return summary(mobiles, homes, expected)


def answer(args):
    """The refresh requests answered by args.shards processes (a power of two), each for the nodes whose
    number is its shard modulo shards (a return routability in Python is ~30 a second per process); the
    results merged as one."""
    if args.shards == 1:
        return report(args, answer_shard(args, 0, 1, lambda: listening(args, None)))
    if args.shards & (args.shards - 1) or args.shards > 256:
        raise SystemExit("--shards must be a power of two up to 256")
    children = []
    for shard in range(args.shards):
        pid = os.fork()
        if pid == 0:
            outcome = answer_shard(args, shard, args.shards, lambda: open(part(args, shard, "ready"), "w").close())
            with open(part(args, shard, "outcome"), "wb") as f:
                pickle.dump(outcome, f)
            os._exit(0)
        children.append(pid)
    deadline = time.time() + 60
    while time.time() < deadline and not all(os.path.exists(part(args, k, "ready")) for k in range(args.shards)):
        time.sleep(0.2)
    listening(args, args.shards)
    merged = {"requests": [], "ledger": {}, "answered": 0, "accepted": 0, "problems": []}
    for shard, pid in enumerate(children):
        os.waitpid(pid, 0)
        with open(part(args, shard, "outcome"), "rb") as f:
            outcome = pickle.load(f)
        for key in ("requests", "problems"):
            merged[key] += outcome[key]
        merged["ledger"].update(outcome["ledger"])
        merged["answered"] += outcome["answered"]
        merged["accepted"] += outcome["accepted"]
        for suffix in ("ready", "outcome"):
            os.remove(part(args, shard, suffix))
    merged["requests"].sort()
    ledger = load_ledger(args.ledger)
    ledger.update(merged["ledger"])
    merged["ledger"] = ledger
    return report(args, merged)


def part(args, shard, suffix):
    return "%s.shard%d.%s" % (args.log, shard, suffix)


def listening(args, shards):
    print("listening on %s for the refresh requests of %d mobile nodes%s" % (
        args.iface, len(load_ledger(args.ledger)), "" if shards is None else " (%d processes)" % shards), flush=True)


def answer_shard(args, shard, shards, ready):
    """Answers the refresh requests to the nodes of one shard until 6 s after the last one."""
    ledger = {home: entry for home, entry in load_ledger(args.ledger).items() if number_of(home) % shards == shard}
    requests = []
    answered = set()
    last = [time.time()]
    started = time.time()
    link = Link(args.iface, args.next_hop_mac)

    def on_refresh(when, home, coa):
        last[0] = time.time()
        requests.append((when, home, coa))
        if len(requests) % 500 == 1:
            print("refresh request %d (to %s) after %.1f s%s" % (len(requests), home, time.time() - started,
                  "" if shards == 1 else ", shard %d" % shard), flush=True)
        if home not in ledger:
            return
        if number_of(home) % args.silent_every == 0:
            ledger[home][2] = SILENT
            return
        if mobiles.in_flight(home):
            return   # a retry of the request while the answer is on its way: the answer stands
        mobiles.acks.pop(home, None)
        seq = (ledger[home][1] + 1) & 0xffff
        ledger[home] = [coa, seq, -1]
        answered.add(home)
        mobiles.start(home, coa, seq)   # §11.7.4: return routability again, then the update

    mobiles = Mobiles(link, args.cn, args.lifetime_units, on_refresh)
    sniffer = sniffing(args, mobiles, shard, shards)
    ready()
    while time.time() - started < args.seconds and (not requests or time.time() - last[0] < 6):
        time.sleep(0.2)
    # a lost frame is the correspondent's to notice: it asks again (its timer), the node answers again
    wait_for(mobiles, answered, 3, retry=False)
    sniffer.stop()
    for home, (status, _, _, _) in mobiles.acks.items():
        if home in ledger:
            ledger[home][2] = status
    return {"requests": requests, "ledger": ledger, "answered": len(answered), "problems": mobiles.problems,
            "accepted": sum(1 for home in answered if mobiles.acks.get(home, (None,))[0] == 0)}


def report(args, outcome):
    """The ledger and the requests' log written, one summary line."""
    if args.shards == 1:
        merged = load_ledger(args.ledger)
        merged.update(outcome["ledger"])
        outcome["ledger"] = merged
    save_ledger(args.ledger, outcome["ledger"])
    with open(args.log, "w") as f:
        for t, home, coa in outcome["requests"]:
            f.write("%.6f %s %s\n" % (t, home, coa))
    for problem in outcome["problems"][:10]:
        print("PROBLEM", problem)
    requests = outcome["requests"]
    print("refresh requests %d (distinct %d), answered %d, acknowledged %d, bad %d"
          % (len(requests), len({r[1] for r in requests}), outcome["answered"], outcome["accepted"],
             len(outcome["problems"])))
    return 0 if not outcome["problems"] and outcome["accepted"] == outcome["answered"] else 1


def icmpv6_checksum_ok(layer, source, final_destination):
    """RFC 4443 §2.3: the checksum over the pseudo-header with the final destination (the home address)."""
    octets = bytes(layer)
    pseudo = (addr(source) + addr(final_destination) + struct.pack("!IxxxB", len(octets), 58))
    return checksum(pseudo + octets) == 0


def echo(args):
    """Echo on the optimized route (RFC 6275 §9.3): each registered node of the ledger (the first
    --count) sends an Echo Request from its care-of address with the Home Address option; the reply must
    come to the care-of address through a type 2 routing header holding the home address, with the
    request's identifier, sequence number and data and its checksum over the home address. Then one
    request with the option of a home address the correspondent has no binding for: a Binding Error
    with status 1 naming that address must come back to the source (§9.3.3)."""
    link = Link(args.iface, args.next_hop_mac)
    ledger = load_ledger(args.ledger)
    chosen = [(home, coa) for home, (coa, _, status) in sorted(ledger.items(), key=lambda i: number_of(i[0]))
              if status == 0][:args.count]
    unbound_home = home_of(args.home_prefix, 0xfff0)
    replies, errors, problems = set(), [], []
    data = b"route optimized"

    class Reader:
        def on_packet(self, pkt):
            if ICMPv6EchoReply in pkt:
                routing = pkt.getlayer(IPv6ExtHdrRouting)
                if routing is None or routing.type != 2 or len(routing.addresses) != 1:
                    problems.append("echo reply to %s without a type 2 routing header" % pkt[IPv6].dst)
                    return
                home = routing.addresses[0]
                reply = pkt[ICMPv6EchoReply]
                if (ledger.get(home, [None])[0] != pkt[IPv6].dst or reply.id != number_of(home)
                        or reply.seq != 1 or bytes(reply.data) != data):
                    problems.append("echo reply for %s to %s id %d" % (home, pkt[IPv6].dst, reply.id))
                elif not icmpv6_checksum_ok(reply, args.cn, home):
                    problems.append("bad echo reply checksum for %s" % home)
                else:
                    replies.add(home)
            elif MIP6MH_BE in pkt:
                errors.append((pkt[IPv6].dst, pkt[MIP6MH_BE].status, pkt[MIP6MH_BE].ha))

    sniffer = sniffing(args, Reader())
    for home, coa in chosen:
        link.send(IPv6(src=coa, dst=args.cn) / IPv6ExtHdrDestOpt(options=[HAO(hoa=home)])
                  / ICMPv6EchoRequest(id=number_of(home), seq=1, data=data))
        time.sleep(0.005)
    stranger_coa = chosen[0][1] if chosen else care_of(1, 1)
    link.send(IPv6(src=stranger_coa, dst=args.cn) / IPv6ExtHdrDestOpt(options=[HAO(hoa=unbound_home)])
              / ICMPv6EchoRequest(id=1, seq=1, data=data))
    deadline = time.time() + 10
    while (len(replies) < len(chosen) or not errors) and time.time() < deadline:
        time.sleep(0.1)
    sniffer.stop()
    right_error = sum(1 for to, status, home in errors if to == stranger_coa and status == 1 and home == unbound_home)
    for problem in problems[:10]:
        print("PROBLEM", problem)
    print("answered %d of %d on the optimized route, binding error %d of 1, bad %d"
          % (len(replies), len(chosen), right_error, len(problems)))
    return 0 if len(replies) == len(chosen) and right_error == 1 and not problems else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--cn", default="2001:db8:300::1")
    common.add_argument("--iface", default="access")
    common.add_argument("--next-hop-mac", required=True, help="the correspondent's next hop on the link")
    common.add_argument("--ledger", required=True)
    common.add_argument("--home-prefix", default="2001:db8:100::/64")
    common.add_argument("--lifetime-units", type=int, default=100)
    r = sub.add_parser("register", parents=[common])
    r.add_argument("--keys", required=True)
    r.add_argument("--nodes", type=int, default=50)
    r.add_argument("--first", type=int, default=1)
    r.add_argument("--prefixes", type=int, default=8)
    r.add_argument("--seq", type=int, default=1)
    r.add_argument("--gap", type=float, default=0.01)
    r.add_argument("--corrupt", action="store_true")
    s = sub.add_parser("stale", parents=[common])
    s.add_argument("--keys", required=True)
    s.add_argument("--mode", choices=("both", "home", "careof"), required=True)
    s.add_argument("--seq-step", type=int, default=100)
    a = sub.add_parser("answer", parents=[common])
    a.add_argument("--silent-every", type=int, default=4)
    a.add_argument("--seconds", type=float, default=60)
    a.add_argument("--log", required=True)
    a.add_argument("--shards", type=int, default=1, help="processes answering, each for 1/shards of the nodes")
    e = sub.add_parser("echo", parents=[common])
    e.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    return {"register": register, "stale": stale, "answer": answer, "echo": echo}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
