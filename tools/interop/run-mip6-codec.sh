#!/usr/bin/env bash
# tshark judges the Mobile IPv6 encoder (issue 14, docs/mip6.md): a pcap of IPv6 packets carrying
# what our MobilityHeaderCodec, DestinationOptionsCodec and Type2RoutingHeaderCodec write (every
# MH type, every mobility option, a Home Address option, a type 2 routing header, a Binding
# Update signed with Binding Authorization Data), decoded by tshark: each packet must be the
# expected MH type with no malformed packet and no expert info of warning or above, and its
# checksum must verify (mip6_pcap_check.py does that itself: tshark 4.0 does not check it); then
# two packets made wrong on purpose must be caught.
#
#   bash tools/interop/run-mip6-codec.sh          # after mvn -B verify (uses bundles/mip-codec/target)
#
# Environment: MVN_ARGS (e.g. "-o -Dmaven.repo.local=/path/repo") for the classpath look-up;
# KEEP_WORKDIR=1 keeps the capture and tshark's -V text. Prints PASS/FAIL lines and last exactly
# one line "N passed, N failed"; exits non-zero on any failure. A few seconds; no network.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
module="$root/bundles/mip-codec"
read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn=(mvn -B -q "${mvn_args[@]}" -f "$root/pom.xml" -pl bundles/mip-codec)
work=$(mktemp -d "${TMPDIR:-/tmp}/mip6-codec.XXXXXX")
cleanup() { if [[ "${KEEP_WORKDIR:-0}" != 1 ]]; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT

if [[ ! -f "$module/target/test-classes/net/homeagent/mip/codec/mip6/Mip6PcapWriter.class" ]]; then
    "${mvn[@]}" test-compile
fi
"${mvn[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$work/classpath")" \
    net.homeagent.mip.codec.mip6.Mip6PcapWriter "$work/mip6.pcap"

tshark -n -r "$work/mip6.pcap" -V >"$work/tshark-V.txt" 2>"$work/tshark.err"
echo "tshark -V: $(grep -c '^Frame ' "$work/tshark-V.txt") frames dissected ($work/tshark-V.txt)"
/usr/bin/python3 "$here/mip6_pcap_check.py" --pcap "$work/mip6.pcap" --expected "$work/mip6.pcap.expected" --control
