#!/usr/bin/python3
"""ESP vectors built by scapy (an implementation independent of ours) for EspScapyVectorTest in
bundles/mip6: RFC 4877 transport-mode ESP, AES-CBC-128 with HMAC-SHA1-96 (RFC 3602, RFC 2404),
between a mobile node and its home agent, with fixed keys and IVs so that the output is stable.

  /usr/bin/python3 tools/mip6/mip6_esp_vectors.py

Prints the Java constants the test holds (paste them over the old ones):
  BU_SEQ_1, BU_SEQ_2  the mobile node's Binding Update, IPv6 | Destination Options (Home Address
                      option) | ESP | Mobility Header, as scapy's SecurityAssociation.encrypt places
                      ESP (after the Destination Options header), sequence numbers 1 and 2
  BU_OTHER_HOME       a Binding Update under the same SA whose Home Address option names another home
  BA_SEQ_1            the home agent's Binding Acknowledgement (status 0, sequence 7, lifetime 100
                      units, K clear) under the home agent's outbound SA with IV BA_IV: IPv6 | type 2 routing
                      header | ESP | Mobility Header; the test checks that ours is these octets
  BA_PLAIN            that acknowledgement before ESP
  BU_PLAIN            the Binding Update in the clear (no ESP)
  BU_PLAIN_UNKEYED    a Binding Update in the clear from a home address without an SA
"""

from scapy.compat import raw
from scapy.layers.inet6 import HAO, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, MIP6MH_BA, MIP6MH_BU
from scapy.layers.ipsec import ESP, SecurityAssociation

from mip6_mobiles import esp_open

HOME = "2001:db8:100::10"
OTHER_HOME = "2001:db8:100::11"
CARE_OF = "2001:db8:2::20"
HOME_AGENT = "2001:db8:100::1"
MN_TO_HA_SPI, HA_TO_MN_SPI = 0x1001, 0x2001
MN_TO_HA_CIPHER, MN_TO_HA_AUTH = bytes(range(0x00, 0x10)), bytes(range(0x20, 0x34))
HA_TO_MN_CIPHER, HA_TO_MN_AUTH = bytes(range(0x40, 0x50)), bytes(range(0x60, 0x74))
BU_IV = bytes(range(0x80, 0x90))
BA_IV = bytes(range(0x90, 0xa0))


def sa(spi, cipher, auth, seq):
    return SecurityAssociation(ESP, spi=spi, seq_num=seq, crypt_algo="AES-CBC", crypt_key=cipher,
                               auth_algo="HMAC-SHA1-96", auth_key=auth)


def update(home):
    # A and H set (home registration, acknowledge), sequence 7, lifetime 100 units of 4 s
    return IPv6(src=CARE_OF, dst=HOME_AGENT) / IPv6ExtHdrDestOpt(options=[HAO(hoa=home)]) / MIP6MH_BU(
        seq=7, flags="AH", mhtime=100)


def main():
    constants = {}
    for name, seq, home in (("BU_SEQ_1", 1, HOME), ("BU_SEQ_2", 2, HOME), ("BU_OTHER_HOME", 3, OTHER_HOME)):
        packet = IPv6(raw(update(home)))   # checksum computed on the plain packet, as a mobile node does
        constants[name] = raw(sa(MN_TO_HA_SPI, MN_TO_HA_CIPHER, MN_TO_HA_AUTH, seq).encrypt(packet, iv=BU_IV))
    ack = IPv6(raw(IPv6(src=HOME_AGENT, dst=CARE_OF) / IPv6ExtHdrRouting(type=2, segleft=1, addresses=[HOME])
                   / MIP6MH_BA(status=0, flags=0, seq=7, mhtime=100)))   # K clear: no IKE (RFC 6275 §6.1.8)
    constants["BA_SEQ_1"] = raw(sa(HA_TO_MN_SPI, HA_TO_MN_CIPHER, HA_TO_MN_AUTH, 1).encrypt(ack, iv=BA_IV))
    constants["BA_PLAIN"] = raw(ack)
    # the mobile node's side: scapy's SA checks and decrypts the acknowledgement
    opened = esp_open(sa(HA_TO_MN_SPI, HA_TO_MN_CIPHER, HA_TO_MN_AUTH, 1), IPv6(constants["BA_SEQ_1"]))
    assert raw(opened) == raw(ack) and opened[MIP6MH_BA].seq == 7 and opened[IPv6ExtHdrRouting].addresses == [HOME]
    constants["BU_PLAIN"] = raw(update(HOME))
    constants["BU_PLAIN_UNKEYED"] = raw(update(OTHER_HOME))
    for name, octets in constants.items():
        print('    static final String %s = "%s";' % (name, octets.hex()))


if __name__ == "__main__":
    main()
