"""Addresses a webhook must never reach (issue 14, item 6), as data: test_ssrf.py refuses each at
registration (as a literal URL and as a name that resolves to it) and at delivery (a name that
resolved to a public address at registration and answers with this one later). A new trick is one
more entry here."""

from __future__ import annotations

# (case, address)
INTERNAL_ADDRESSES: list[tuple[str, str]] = [
    ("loopback", "127.0.0.1"),
    ("loopback_other", "127.1.2.3"),
    ("unspecified", "0.0.0.0"),  # noqa: S104 - an address to refuse, not to bind
    ("this_network", "0.1.2.3"),
    ("private_10", "10.0.0.1"),
    ("private_172", "172.16.0.1"),
    ("private_192", "192.168.1.1"),
    ("link_local_metadata", "169.254.169.254"),
    ("shared_cgnat", "100.64.0.1"),
    ("shared_alibaba_metadata", "100.100.100.200"),
    ("ietf_protocol_assignments", "192.0.0.1"),
    ("documentation", "192.0.2.1"),
    ("benchmarking", "198.18.0.1"),
    ("multicast", "224.0.0.1"),
    ("reserved", "240.0.0.1"),
    ("broadcast", "255.255.255.255"),
    ("ipv6_loopback", "::1"),
    ("ipv6_unspecified", "::"),
    ("ipv6_link_local", "fe80::1"),
    ("ipv6_unique_local", "fc00::1"),
    ("aws_ipv6_metadata", "fd00:ec2::254"),
    ("ipv6_multicast_global", "ff0e::1"),
    ("ipv6_documentation", "2001:db8::1"),
    ("ipv4_mapped_loopback", "::ffff:127.0.0.1"),
    ("ipv4_mapped_metadata", "::ffff:169.254.169.254"),
    ("ipv4_compatible_loopback", "::127.0.0.1"),
    ("6to4_loopback", "2002:7f00:1::1"),
    ("6to4_link_local", "2002:a9fe:a9fe::1"),
    ("6to4_private", "2002:a00:1::1"),
    ("nat64_loopback", "64:ff9b::7f00:1"),
    ("nat64_metadata", "64:ff9b::a9fe:a9fe"),
    ("nat64_local_use", "64:ff9b:1::a00:1"),
    ("teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2"),
]

# Spellings of loopback that inet_aton accepts: refused because the resolved address is checked.
LOOPBACK_SPELLINGS: list[tuple[str, str]] = [
    ("decimal", "http://2130706433/x"),
    ("octal", "http://0177.0.0.1/x"),
    ("hex", "http://0x7f.0.0.1/x"),
    ("short", "http://127.1/x"),
    ("localhost", "http://localhost/x"),
]

PUBLIC = "93.184.215.14"
