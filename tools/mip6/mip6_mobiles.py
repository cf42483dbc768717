#!/usr/bin/python3
"""Mobile IPv6 mobile nodes built with scapy's MIPv6 layers, for tools/mip6/run-mip6-ha.sh.

Every mobile node i (1..N) has the home address <home-prefix>::1:0 + i and a care-of address
2001:db8:a<k>::<i> in one of K access-network prefixes (k = 1 + (i - 1) mod K), all on this
namespace's interface. They talk to the home agent as RFC 6275 says: a Binding Update from the
care-of address with the Home Address destination option (§6.3, §11.7.1), flags A and H; the
Binding Acknowledgement comes back to the care-of address through a type 2 routing header (§6.4).
Each acknowledgement is checked: its Mobility Header checksum over the pseudo-header with the home
address as final destination, the routing header's home address, the status, the sequence number.

  register --ha A --iface I --nodes N --prefixes K --ledger F [--home-prefix P] [--lifetime-units U] [--flags MA]
      one Binding Update per mobile node; the ledger gets "home care-of sequence status" per node;
      with --flags MA a local Binding Update to the MAP at A (RFC 5380), the home prefix the MAP's
  answer --ha A --iface I --ledger F --silent-every M --seconds T --log F [--flags MA]
      listens for Binding Refresh Requests (§6.1.2) from A for T seconds at most (and stops 4 s after
      the last one); each mobile node whose number is not a multiple of M answers with a Binding
      Update of the next sequence number (§11.7.4; to a MAP, a local one), the others stay silent;
      logs "time home care-of" of every request
  traffic --ha A --iface I --ledger F --correspondent C [--count N]
      the first N mobile nodes of the ledger: an echo request from C (behind this link) to each home
      address must reach a registered one's care-of address tunnelled from A (IPv6 in IPv6, the
      inner packet whole) and never an unregistered one's (status not 0); each registered one
      answers through its reverse tunnel (outer care-of -> A, inner home -> C) and the inner reply
      must come back to C; "tunnelled X of Y, reverse X of Y, unbound not forwarded K of K, stray 0"
  esp-register --ha A --iface I --ledger F --sas F --esp-seq Q [--seq S] [--lifetime-units U] [--forge clear|icv]
      the mobile nodes of the home agent's etc/mip6-ipsec.conf F (RFC 4877, manual keys, AES-CBC with
      HMAC-SHA1-96): each sends its Binding Update under ESP (scapy's SecurityAssociation, ESP after
      the Home Address option, ESP sequence number Q) and decrypts its acknowledgement with the home
      agent's outbound SA (SPI, ICV, then the checks of register); the ledger as register's. --forge
      clear sends the update without ESP, icv with the ICV's last octet flipped: neither may be
      answered. Sending a sequence number Q again is a replay: not answered either
  check-bindings --ledger F --bindings F [--role R]
      mip6:bindings (or role R's part of it) holds exactly the ledger's acknowledged home addresses at
      their care-of addresses
  analyse --log F --rate R --spacing MS
      from "time home care-of" lines (tshark's capture): the rate (median gap), the gaps between two
      requests to one /64 (5th percentile at least 0.8 x the spacing, at most 2 % of them closer: on a
      loaded box the host's forwarding path holds packets now and then and releases them together),
      no two requests in a row to one /64 before the first retry while another /64 is still to be asked
      (the shuffle's order), and how
      shuffled the home addresses are (rising steps between 0.25 and 0.75)

The care-of addresses are not on the mobile nodes' host (its kernel has no MIPv6, CONFIG_IPV6_MIP6
off, and drops what is sent to them); the frames are read here from a packet socket, as a mobile
node's own MIPv6 stack would.
"""

import argparse
import ipaddress
import struct
import sys
import time

from scapy.all import AsyncSniffer, conf, get_if_hwaddr
from scapy.layers.inet6 import (HAO, ICMPv6EchoReply, ICMPv6EchoRequest, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
                                 MIP6MH_BA, MIP6MH_BRR, MIP6MH_BU)
from scapy.compat import raw
from scapy.layers.ipsec import ESP, SecurityAssociation
from scapy.layers.l2 import Ether
from scapy.utils import checksum

conf.verb = 0
# the packet sockets' receive buffer (capped by net.core.rmem_max): scapy's 64 KiB lose frames
# while Python is busy on a loaded box (a refresh request or an acknowledgement missed)
conf.bufsize = 1 << 22
SILENT = 99     # ledger status of a mobile node that stays silent after the restart: its entry must go


HOST_BASE = 0x10000   # home addresses <prefix>::1:0 + i, clear of the home agent's own ::1


def home_of(prefix, i):
    return str(ipaddress.IPv6Network(prefix)[HOST_BASE + i])


def number_of(home):
    return (int(ipaddress.IPv6Address(home)) & 0xffffffff) - HOST_BASE


def care_of(i, prefixes):
    return "2001:db8:a%x::%x" % (1 + (i - 1) % prefixes, i)


def prefix64(address):
    return ipaddress.IPv6Network(address + "/64", strict=False).network_address


def binding_update(ha, home, coa, seq, units, flags="HA"):
    return IPv6(src=coa, dst=ha) / IPv6ExtHdrDestOpt(options=[HAO(hoa=home)]) / MIP6MH_BU(
        seq=seq, flags=flags, mhtime=units)


def mh_checksum_ok(pkt, mh_layer, source, final_destination):
    """RFC 2460 §8.1 / RFC 6275 §6.1.1: the Mobility Header's checksum over the pseudo-header."""
    octets = bytes(mh_layer)
    pseudo = (ipaddress.IPv6Address(source).packed + ipaddress.IPv6Address(final_destination).packed
              + struct.pack("!IxxxB", len(octets), 135))
    return checksum(pseudo + octets) == 0


def read_home_agent_message(pkt, ha, kind):
    """(home, care-of, message) of a home agent's message to a mobile node, or None; raises on a bad one."""
    if IPv6 not in pkt or kind not in pkt or pkt[IPv6].src != ha:
        return None
    routing = pkt.getlayer(IPv6ExtHdrRouting)
    if routing is None or routing.type != 2 or len(routing.addresses) != 1 or routing.segleft != 1:
        raise ValueError("message to %s without a type 2 routing header: %r" % (pkt[IPv6].dst, pkt.summary()))
    home = routing.addresses[0]
    if not mh_checksum_ok(pkt, pkt[kind], ha, home):
        raise ValueError("bad Mobility Header checksum to %s" % home)
    return home, pkt[IPv6].dst, pkt[kind]


def esp_open(sa, pkt):
    """The packet with its ESP checked (SPI, ICV) and decrypted by scapy's SecurityAssociation, rebuilt
    as RFC 4303 §3.4.4.1 says: scapy's own decrypt() cannot be used when a routing header comes before
    ESP (it parses the payload by the IPv6 header's next header, here the routing header's)."""
    pkt = pkt[IPv6].copy()   # without the link header, and the sniffed frame left as it was
    esp = pkt[ESP]
    sa.check_spi(pkt)
    sa.auth_algo.verify(esp, sa.auth_key)
    plain = sa.crypt_algo.decrypt(sa, esp, sa.crypt_key, sa.crypt_algo.icv_size or sa.auth_algo.icv_size,
                                  esn_en=False, esn=0)
    esp.underlayer.nh = plain.nh
    esp.underlayer.remove_payload()
    whole = bytearray(raw(pkt) + plain.data)
    struct.pack_into("!H", whole, 4, len(whole) - 40)
    return IPv6(bytes(whole))


class Link:
    """The mobile nodes' side of the link: frames to the home agent's next hop, acknowledgements read raw."""

    def __init__(self, iface, next_hop_mac):
        self.socket = conf.L2socket(iface=iface)
        self.mac = get_if_hwaddr(iface)
        self.next_hop_mac = next_hop_mac

    def send(self, packet):
        self.socket.send(Ether(src=self.mac, dst=self.next_hop_mac) / packet)


def load_ledger(path):
    ledger = {}
    with open(path) as f:
        for line in f:
            home, coa, seq, status = line.split()
            ledger[home] = [coa, int(seq), int(status)]
    return ledger


def save_ledger(path, ledger):
    with open(path, "w") as f:
        for home, (coa, seq, status) in ledger.items():
            f.write("%s %s %d %d\n" % (home, coa, seq, status))


def ack_reader(ha, expected, acks, problems):
    """A sniffer callback keeping the Binding Acknowledgement of each expected home address."""

    def on_packet(pkt):
        try:
            got = read_home_agent_message(pkt, ha, MIP6MH_BA)
        except ValueError as e:
            problems.append(str(e))
            return
        if got is not None and got[0] in expected:
            acks[got[0]] = (got[1], got[2].status, got[2].seq, got[2].mhtime)

    return on_packet


def summarise(args, nodes, acks, problems):
    """Checks each acknowledgement against its update, writes the ledger, prints the summary line."""
    ledger = {}
    refused = wrong = 0
    for home, (coa, seq) in nodes.items():
        if home not in acks:
            continue
        to, status, ack_seq, units = acks[home]
        if to != coa or ack_seq != seq or (status == 0 and units != min(args.lifetime_units, args.max_units)):
            wrong += 1
            problems.append("%s: acknowledgement to %s seq %d units %d" % (home, to, ack_seq, units))
        if status != 0:
            refused += 1
        ledger[home] = [coa, seq, status]
    save_ledger(args.ledger, ledger)
    for problem in problems[:10]:
        print("PROBLEM", problem)
    print("acknowledged %d, refused %d, unanswered %d, wrong %d, bad %d"
          % (len(acks) - refused, refused, len(nodes) - len(acks), wrong, len(problems)))
    return 0 if len(acks) == len(nodes) and refused == 0 and not problems else 1


def register(args):
    link = Link(args.iface, args.next_hop_mac)
    nodes = {home_of(args.home_prefix, i): (care_of(i, args.prefixes), args.seq) for i in range(1, args.nodes + 1)}
    problems = []
    acks = {}
    # one packet socket for the whole exchange, open before the first update leaves
    sniffer = AsyncSniffer(iface=args.iface, prn=ack_reader(args.ha, set(nodes), acks, problems), store=False,
                           filter="ip6 src %s" % args.ha)
    sniffer.start()
    time.sleep(0.5)
    for home, (coa, seq) in nodes.items():
        link.send(binding_update(args.ha, home, coa, seq, args.lifetime_units, args.flags))
        time.sleep(args.gap)
    deadline = time.time() + 30
    while len(acks) < len(nodes) and time.time() < deadline:
        time.sleep(0.1)
    sniffer.stop()
    return summarise(args, nodes, acks, problems)


def esp_associations(path):
    """home -> (SA the mobile node sends on, SA it receives on), from the home agent's file (its inbound is ours out)."""
    sas = {}
    with open(path) as f:
        for line in f:
            fields = line.split("#")[0].split()
            if not fields:
                continue
            home, spi_in, spi_out, suite, in_cipher, in_auth, out_cipher, out_auth = fields
            assert suite == "aes-cbc/hmac-sha1-96", suite

            def sa(spi, cipher, auth):
                return SecurityAssociation(ESP, spi=int(spi, 0), crypt_algo="AES-CBC", crypt_key=bytes.fromhex(cipher),
                                           auth_algo="HMAC-SHA1-96", auth_key=bytes.fromhex(auth))
            sas[str(ipaddress.IPv6Address(home))] = (sa(spi_in, in_cipher, in_auth), sa(spi_out, out_cipher, out_auth))
    return sas


def esp_register(args):
    link = Link(args.iface, args.next_hop_mac)
    sas = esp_associations(args.sas)
    by_spi = {receive.spi: home for home, (_, receive) in sas.items()}
    nodes = {home: (care_of(number_of(home), args.prefixes), args.seq) for home in sas}
    problems = []
    acks = {}

    def on_packet(pkt):
        if ESP not in pkt or pkt[IPv6].src != args.ha:
            return
        home = by_spi.get(pkt[ESP].spi)
        if home is None:
            problems.append("ESP with SPI %#x to %s: not ours" % (pkt[ESP].spi, pkt[IPv6].dst))
            return
        try:
            got = read_home_agent_message(esp_open(sas[home][1], pkt), args.ha, MIP6MH_BA)
        except Exception as e:   # scapy raises IPSecIntegrityError for a bad ICV
            problems.append("%s: %s" % (home, e))
            return
        if got is None or got[0] != home:
            problems.append("%s: the ESP held no acknowledgement for it" % home)
            return
        acks[home] = (got[1], got[2].status, got[2].seq, got[2].mhtime)

    sniffer = AsyncSniffer(iface=args.iface, prn=on_packet, store=False, filter="ip6 src %s" % args.ha)
    sniffer.start()
    time.sleep(0.5)
    for home, (coa, seq) in nodes.items():
        update = IPv6(raw(binding_update(args.ha, home, coa, seq, args.lifetime_units)))   # checksum on the plain packet
        if args.forge == "clear":
            link.send(update)
            continue
        protected = bytearray(raw(sas[home][0].encrypt(update, seq_num=args.esp_seq)))
        if args.forge == "icv":
            protected[-1] ^= 0x01
        link.send(IPv6(bytes(protected)))
    deadline = time.time() + (3 if args.forge or args.expect_silence else 30)
    while len(acks) < len(nodes) and time.time() < deadline:
        time.sleep(0.1)
    sniffer.stop()
    return summarise(args, nodes, acks, problems)


def answer(args):
    link = Link(args.iface, args.next_hop_mac)
    ledger = load_ledger(args.ledger)
    numbers = {home: number_of(home) for home in ledger}
    requests = []
    answered = {}
    acks = {}
    problems = []
    last = [time.time()]
    started = time.time()

    def on_packet(pkt):
        try:
            brr = read_home_agent_message(pkt, args.ha, MIP6MH_BRR)
            ba = read_home_agent_message(pkt, args.ha, MIP6MH_BA)
        except ValueError as e:
            problems.append(str(e))
            return
        if ba is not None:
            acks[ba[0]] = ba[2].status
            return
        if brr is None:
            return
        home, coa, _ = brr
        last[0] = time.time()
        requests.append((pkt.time, home, coa))
        if len(requests) % 500 == 1:
            print("refresh request %d (to %s) after %.1f s" % (len(requests), home, time.time() - started), flush=True)
        if home not in ledger:
            return
        if numbers[home] % args.silent_every == 0:
            ledger[home][2] = SILENT
            return
        coa_then, seq, _ = ledger[home]
        seq = (seq + 1) & 0xffff
        ledger[home] = [coa, seq, -1]
        answered[home] = seq
        link.send(binding_update(args.ha, home, coa, seq, args.lifetime_units, args.flags))

    # only the anchor's packets reach Python (a kernel filter): on a loaded box a sniffer that reads
    # the whole link falls behind and its socket drops requests (seen at 100 requests/s with two
    # answering processes, one for the home agent and one for the MAP)
    sniffer = AsyncSniffer(iface=args.iface, prn=on_packet, store=False, filter="ip6 src %s" % args.ha)
    sniffer.start()
    time.sleep(0.5)   # the sniffer's packet socket is open
    print("listening on %s for the refresh requests of %d mobile nodes" % (args.iface, len(ledger)), flush=True)
    while time.time() - started < args.seconds and (not requests or time.time() - last[0] < 4):
        time.sleep(0.2)
    time.sleep(1.0)   # the last acknowledgements
    sniffer.stop()
    for home, status in acks.items():
        if home in ledger:
            ledger[home][2] = status
    save_ledger(args.ledger, ledger)
    with open(args.log, "w") as f:
        for t, home, coa in requests:
            f.write("%.6f %s %s\n" % (t, home, coa))
    accepted = sum(1 for home in answered if acks.get(home) == 0)
    for problem in problems[:10]:
        print("PROBLEM", problem)
    print("refresh requests %d (distinct %d), answered %d, acknowledged %d, bad %d"
          % (len(requests), len({r[1] for r in requests}), len(answered), accepted, len(problems)))
    return 0 if not problems and accepted == len(answered) else 1


def traffic(args):
    """Data through the anchor's tunnels (RFC 2473; RFC 6275 §10.4.1, §10.4.5; RFC 5380 §6.2)."""
    link = Link(args.iface, args.next_hop_mac)
    ledger = load_ledger(args.ledger)
    chosen = sorted(ledger.items(), key=lambda item: number_of(item[0]))[:args.count]
    bound = {home: coa for home, (coa, _, status) in chosen if status == 0}
    unbound = {home for home, (_, _, status) in chosen if status != 0}
    tunnelled, reverse, stray, problems = set(), set(), [], []

    def on_packet(pkt):
        if Ether not in pkt or pkt[Ether].src != args.next_hop_mac or IPv6 not in pkt:
            return
        outer = pkt[IPv6]
        if outer.src == args.ha and outer.nh == 41 and isinstance(outer.payload, IPv6):
            inner = outer.payload
            if ICMPv6EchoRequest not in inner or inner.src != args.correspondent:
                return
            if inner.dst in bound and outer.dst == bound[inner.dst] and inner[ICMPv6EchoRequest].id == number_of(inner.dst):
                tunnelled.add(inner.dst)
            else:
                stray.append("%s tunnelled to %s" % (inner.dst, outer.dst))
        elif outer.dst == args.correspondent and ICMPv6EchoReply in outer and outer.src in bound:
            if outer[ICMPv6EchoReply].id == number_of(outer.src):
                reverse.add(outer.src)

    sniffer = AsyncSniffer(iface=args.iface, prn=on_packet, store=False)
    sniffer.start()
    time.sleep(0.5)
    for home, (coa, _, _) in chosen:
        link.send(IPv6(src=args.correspondent, dst=home) / ICMPv6EchoRequest(id=number_of(home), seq=1))
        time.sleep(args.gap)
    deadline = time.time() + 10
    while len(tunnelled) < len(bound) and time.time() < deadline:
        time.sleep(0.1)
    # each mobile answers through its reverse tunnel: outer care-of -> anchor, inner home -> correspondent
    for home, coa in bound.items():
        link.send(IPv6(src=coa, dst=args.ha) / IPv6(src=home, dst=args.correspondent)
                  / ICMPv6EchoReply(id=number_of(home), seq=1))
        time.sleep(args.gap)
    deadline = time.time() + 10
    while len(reverse) < len(bound) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)   # what comes late for the unbound ones
    sniffer.stop()
    for line in stray[:5]:
        print("STRAY", line)
    print("tunnelled %d of %d, reverse %d of %d, unbound not forwarded %d of %d, stray %d"
          % (len(tunnelled), len(bound), len(reverse), len(bound), len(unbound), len(unbound), len(stray)))
    return 0 if len(tunnelled) == len(bound) and len(reverse) == len(bound) and not stray else 1


def analyse(args):
    """Reads "time home care-of" lines (tshark) and checks the pacing and the shuffle."""
    rows = []
    with open(args.log) as f:
        for line in f:
            t, home, coa = line.split()[:3]
            rows.append((float(t), home, coa))
    rows.sort()
    n = len(rows)
    if n < 2:
        print("too few requests: %d" % n)
        return 1
    first = {}
    for t, home, coa in rows:
        first.setdefault(home, (t, coa))
    # the pace while requests flow: the median gap (the run ends with retries that wait for their timers)
    gaps = sorted((b[0] - a[0]) * 1000 for a, b in zip(rows, rows[1:]))
    median = gaps[len(gaps) // 2]
    rate = 1000 / median if median > 0 else float("inf")
    last_by_prefix = {}
    prefix_gaps = []
    neighbours = 0
    for k, (t, home, coa) in enumerate(rows):
        p = prefix64(coa)
        if p in last_by_prefix:
            prefix_gaps.append((t - last_by_prefix[p]) * 1000)
        last_by_prefix[p] = t
        if k > 0 and prefix64(rows[k - 1][2]) == p:
            neighbours += 1
    # the shuffle's own order: the requests before the first retry (later, retries fill slots between
    # first requests, and two first requests to one /64 may then follow each other, spaced, legitimately)
    seen = set()
    wave = []
    for t, home, coa in rows:
        if home in seen:
            break
        seen.add(home)
        wave.append((t, home, coa))
    # two in a row to one /64 are the pacer's choice only while another prefix is still to be asked (the
    # look-ahead can leave the last few of one prefix side by side at the end)
    firsts = sorted(first.values())
    others_left = [False] * len(firsts)   # others_left[k]: firsts[k:] go to more than one /64
    for k in range(len(firsts) - 2, -1, -1):
        others_left[k] = others_left[k + 1] or prefix64(firsts[k][1]) != prefix64(firsts[k + 1][1])
    first_neighbours = sum(1 for k, (a, b) in enumerate(zip(wave, wave[1:]))
                           if prefix64(a[2]) == prefix64(b[2]) and others_left[k + 1])
    # how shuffled: of the first requests in time order, the share of steps that go up in home address order
    order = [int(ipaddress.IPv6Address(home)) for home in sorted(first, key=lambda h: first[h][0])]
    rising = sum(1 for a, b in zip(order, order[1:]) if b > a) / max(1, len(order) - 1)
    prefix_gaps.sort()
    # the host's forwarding path can hold packets a while on a loaded box and release them together, so
    # the spacing is judged on the 5th percentile of the gaps to one /64, the bunched pairs are counted
    p05 = prefix_gaps[len(prefix_gaps) * 5 // 100] if prefix_gaps else float("inf")
    bunched = sum(1 for g in prefix_gaps if g < 0.8 * args.spacing)
    allowed = max(1, n // 50)
    print("requests %d to %d mobile nodes in %.2f s, rate %.1f/s from the median gap (configured %.1f), gaps "
          "p10 %.1f ms p90 %.1f ms (jitter); gaps to one /64: least %.1f ms, p05 %.1f ms (configured %d), %d closer "
          "than 0.8 x; neighbours to one /64 %d, %d among the %d before the first retry; rising steps %.2f"
          % (n, len(first), rows[-1][0] - rows[0][0], rate, args.rate, gaps[len(gaps) // 10], gaps[len(gaps) * 9 // 10],
             prefix_gaps[0] if prefix_gaps else float("inf"), p05, args.spacing, bunched, neighbours, first_neighbours,
             len(wave), rising))
    ok = (abs(rate - args.rate) <= 0.25 * args.rate and p05 >= 0.8 * args.spacing and bunched <= allowed
          and first_neighbours == 0 and 0.25 <= rising <= 0.75)
    return 0 if ok else 1


def check_bindings(args):
    """Compares mip6:bindings with the ledger: every home address acknowledged with 0 at its care-of address,
    nothing else (a silent one deleted)."""
    ledger = load_ledger(args.ledger)
    expected = {home: coa for home, (coa, _, status) in ledger.items() if status == 0}
    held = {}
    section = None   # mip6:bindings prints "<role> binding cache:" before each role's entries
    with open(args.bindings) as f:
        for line in f:
            if line.rstrip().endswith(" binding cache:"):
                section = line.rstrip()[:-len(" binding cache:")]
                continue
            if args.role is not None and section != args.role:
                continue
            words = line.split()
            if len(words) >= 2 and ":" in words[0] and ":" in words[1]:
                try:
                    held[str(ipaddress.IPv6Address(words[0]))] = str(ipaddress.IPv6Address(words[1]))
                except ValueError:
                    continue
    missing = [home for home in expected if home not in held]
    extra = [home for home in held if home not in expected]
    wrong = [home for home in expected if home in held and held[home] != expected[home]]
    print("bindings %d, expected %d, missing %d, extra %d, wrong care-of %d%s" % (
        len(held), len(expected), len(missing), len(extra), len(wrong),
        "".join(" " + h for h in (missing + extra + wrong)[:5])))
    return 0 if not missing and not extra and not wrong else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--ha", default="2001:db8:100::1")
    common.add_argument("--iface", default="access")
    common.add_argument("--next-hop-mac", required=True, help="the home agent's next hop on the link (its router)")
    common.add_argument("--ledger", required=True)
    common.add_argument("--home-prefix", default="2001:db8:100::/64")
    common.add_argument("--lifetime-units", type=int, default=150)
    common.add_argument("--flags", default="HA", help="the Binding Updates' flags: HA a home registration, MA a local"
                        " Binding Update to a MAP (RFC 5380 §4.1: the home prefix is then the MAP's, the home address"
                        " option carries the regional care-of address)")
    r = sub.add_parser("register", parents=[common])
    r.add_argument("--nodes", type=int, default=100)
    r.add_argument("--prefixes", type=int, default=8)
    r.add_argument("--seq", type=int, default=1)
    r.add_argument("--gap", type=float, default=0.002, help="seconds between two updates")
    r.add_argument("--max-units", type=int, default=900, help="the home agent's maximum lifetime, 4 s units")
    a = sub.add_parser("answer", parents=[common])
    a.add_argument("--silent-every", type=int, default=4)
    a.add_argument("--seconds", type=float, default=60)
    a.add_argument("--log", required=True)
    t = sub.add_parser("traffic", parents=[common])
    t.add_argument("--correspondent", required=True, help="the echo requests' source, routed to this link")
    t.add_argument("--count", type=int, default=20, help="the first N mobile nodes of the ledger")
    t.add_argument("--gap", type=float, default=0.005)
    e = sub.add_parser("esp-register", parents=[common])
    e.add_argument("--sas", required=True, help="the home agent's etc/mip6-ipsec.conf")
    e.add_argument("--esp-seq", type=int, required=True, help="the ESP sequence number of every update")
    e.add_argument("--seq", type=int, default=1)
    e.add_argument("--prefixes", type=int, default=8)
    e.add_argument("--max-units", type=int, default=900, help="the home agent's maximum lifetime, 4 s units")
    e.add_argument("--forge", choices=["clear", "icv"], help="send the update in the clear, or with a broken ICV")
    e.add_argument("--expect-silence", action="store_true", help="wait 3 s only: no answer is expected (a replay)")
    c = sub.add_parser("check-bindings")
    c.add_argument("--ledger", required=True)
    c.add_argument("--bindings", required=True)
    c.add_argument("--role", help="only this role's binding cache (e.g. MAP); default: every role's")
    y = sub.add_parser("analyse")
    y.add_argument("--log", required=True)
    y.add_argument("--rate", type=float, required=True)
    y.add_argument("--spacing", type=int, required=True)
    args = parser.parse_args()
    return {"register": register, "answer": answer, "traffic": traffic, "analyse": analyse,
            "check-bindings": check_bindings, "esp-register": esp_register}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
