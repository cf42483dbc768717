#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine: JDK 17, Maven, and the
# independent peers of the interoperability run (tshark, python3-scapy), plus iproute2 (ss)
# and procps (ps). Idempotent and quiet: a package is installed only when neither dpkg nor a
# probe of what it provides finds it; apt-get update runs only then.
# Run as root, or as a user with sudo.
set -euo pipefail

# package -> a probe that succeeds when what the tests use is already there
declare -A probes=(
    [openjdk-17-jdk-headless]='javac -version 2>&1 | grep -q "javac 17"'
    [maven]='command -v mvn'
    [tshark]='command -v tshark'
    [python3-scapy]='/usr/bin/python3 -c "import scapy.layers.mobileip"'
    [iproute2]='command -v ss'
    [procps]='command -v ps'
    # the test bed's shell client (tools/testbed/testbed.sh testbed_shell) and its key
    [openssh-client]='command -v ssh && command -v ssh-keygen'
    # the SNMP run (tools/snmp/run-snmp.sh): net-snmp's manager tools and trap receiver, smilint,
    # Debian's compiled MIP-MIB, and erlang-snmp, the package of Debian main that ships the SMI
    # base MIB modules (SNMPv2-SMI, -TC, -CONF) as text
    [snmp]='command -v snmpwalk'
    [snmptrapd]='command -v snmptrapd'
    [smitools]='command -v smilint'
    [python3-pysnmp4-mibs]='test -f /usr/lib/python3/dist-packages/pysnmp_mibs/MIP-MIB.py'
    [erlang-snmp]='ls /usr/lib/erlang/lib/snmp-*/mibs/SNMPv2-SMI.mib'
    [iputils-ping]='command -v ping'   # the data plane run pings through the tunnels
    # the test bed (tools/testbed/testbed.sh): VRRP of the redundancy group's multi-node tests
    [keepalived]='command -v keepalived'
    # the group's loss scenario (tools/group/run-group-proof.sh loss) drops packets with nftables
    [nftables]='command -v nft'
    # the MIMM advisor's real-time session source (tools/mimm/run-mimm-kamailio.sh): a real SIP server
    # (its dialog, xhttp and jsonrpcs modules are in the main package)
    [kamailio]='command -v kamailio || test -x /usr/sbin/kamailio'
    # the HTTP clients of run-mimm-alerts.sh (the alert endpoint) and run-mimm-kamailio.sh (JSON-RPC)
    [curl]='command -v curl'
)
snmp_packages=(snmp snmptrapd smitools python3-pysnmp4-mibs erlang-snmp)

missing=()
for package in openjdk-17-jdk-headless maven tshark python3-scapy iproute2 procps openssh-client iputils-ping keepalived nftables \
    kamailio; do
    if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        continue
    fi
    if bash -c "${probes[$package]}" >/dev/null 2>&1; then
        continue
    fi
    missing+=("$package")
done
for package in "${snmp_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' && continue
    bash -c "${probes[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

as_root=()
if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "install-test-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
fi

echo "install-test-deps: installing ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# tshark's package asks whether non-root users may capture: no (the interop run captures as root).
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${as_root[@]}" debconf-set-selections
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
