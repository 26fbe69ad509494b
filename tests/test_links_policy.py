"""Links are http or https, written plainly: every other scheme and every disguise is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core.ids import check_url
from litcat.core.loader import load_catalog

ACCEPTED = [
    "https://example.org",
    "http://example.org/a/b?c=d&e=f#g",
    "https://example.org:8443/path",
    "https://93.184.216.34/x",
    "https://[2606:4700:4700::1111]/x",
    "https://example.org:65535/x",
    "https://example.org./x",
    "https://a-b.example.org/x",
    "https://example.org/it's-fine",
    "https://example.org/a%20b",
    "https://bücher.example/straße",
    "https://example.org/&#x22;",  # text, not an entity: the page escapes the ampersand
]

REFUSED = {
    "javascript:alert(1)": "only http:// and https://",
    "JAVASCRIPT:alert(1)": "only http:// and https://",
    "JavaScript:alert(1)": "only http:// and https://",
    " javascript:alert(1)": "start or end with spaces",
    "java\tscript:alert(1)": "invisible characters (U+0009)",
    "java\nscript:alert(1)": "invisible characters (U+000A)",
    "java\x00script:alert(1)": "invisible characters (U+0000)",
    "javascript&#58;alert(1)": "only http:// and https://",
    "&#106;avascript:alert(1)": "only http:// and https://",
    "javascript%3Aalert(1)": "only http:// and https://",
    "data:text/html,<script>alert(1)</script>": "may not hold '<'",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==": "only http:// and https://",
    "vbscript:msgbox(1)": "only http:// and https://",
    "file:///etc/passwd": "only http:// and https://",
    "ftp://example.org/x": "only http:// and https://",
    "//evil.example/x": "only http:// and https://",
    "\\\\evil.example\\x": "may not hold '\\\\'",
    "https:evil.example": "only http:// and https://",
    "https:/evil.example": "only http:// and https://",
    "https://": "is not a valid link",
    "https:///path": "is not a valid link",
    "https://:80/": "is not a valid link",
    "https://a..b/": "is not a valid link",
    " https://example.org": "start or end with spaces",
    "https://example.org ": "start or end with spaces",
    "https://exa mple.org": "invisible characters (U+0020)",
    "https://example.org/\u00a0x": "invisible characters (U+00A0)",
    "https://example.org/\u200b": "invisible characters (U+200B)",
    "https://example.org/\u202e": "invisible characters (U+202E)",
    "https://example.org/\u2028x": "invisible characters (U+2028)",
    "https://example.org/\x9b": "invisible characters (U+009B)",
    "HTTPS://EXAMPLE.ORG/": "scheme in lowercase",
    "Https://example.org/": "scheme in lowercase",
    "https://trusted.example@evil.example/": "user before its host",
    "https://trusted.example:pw@evil.example/": "user before its host",
    "https://evil.example\\.trusted.example/": "may not hold '\\\\'",
    'https://example.org/"onmouseover="alert(1)': "may not hold '\"'",
    "https://example.org/<script>": "may not hold '<'",
    "https://example.org/`x`": "may not hold '`'",
    "https://example.org/{{7*7}}": "may not hold '{'",
    # Hosts the weekly link check must never be sent to, and hosts that are no host.
    "https://example.org:99999/": "port 99999 is not a port",
    "https://example.org:0/": "port 0 is not a port",
    "https://-/": "is not a host name",
    "https://1/": "is not an IP address",
    "https://-a.example/": "is not a host name",
    "https://a-.example/": "is not a host name",
    "https://" + "a" * 64 + ".org/": "is not a host name",
    "https://localhost/": "is not a public host name",
    "https://localhost:8000/": "is not a public host name",
    "https://printer.local/": "names a local host",
    "https://db.internal/": "names a local host",
    "https://app.localhost/": "names a local host",
    "https://127.0.0.1/": "loopback, private or reserved",
    "https://127.1/": "is not an IP address",
    "https://2130706433/": "is not an IP address",
    "https://0x7f.0.0.1/": "is not an IP address",
    "https://0.0.0.0/": "loopback, private or reserved",
    "https://10.1.2.3/": "loopback, private or reserved",
    "https://172.16.0.1/": "loopback, private or reserved",
    "https://192.168.1.1/": "loopback, private or reserved",
    "https://169.254.169.254/latest/meta-data/": "loopback, private or reserved",
    "https://100.64.0.1/": "loopback, private or reserved",
    "https://224.0.0.1/": "loopback, private or reserved",
    "https://[::1]/": "loopback, private or reserved",
    "https://[fc00::1]/": "loopback, private or reserved",
    "https://[fe80::1]/": "loopback, private or reserved",
    "https://[::ffff:127.0.0.1]/": "loopback, private or reserved",
    "https://[2001:db8::1]/": "loopback, private or reserved",
    "https://[zz]/": "is not a valid link",
    "https://999.1.1.1/": "is not an IP address",
}


@pytest.mark.parametrize("url", ACCEPTED)
def test_plain_http_links_are_accepted(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize("url", sorted(REFUSED))
def test_other_links_are_refused_with_a_reason(url: str) -> None:
    with pytest.raises(ValueError) as info:
        check_url(url)
    assert REFUSED[url] in str(info.value)


@pytest.mark.parametrize("field", ["paper", "code", "project", "video"])
def test_every_link_field_and_source_is_checked(catalog_dir: Path, field: str) -> None:
    record = (
        "title: Link Policy\nauthors:\n  - Ada Case\nyear: 2020\n"
        f"links:\n  {field}: javascript:alert(1)\n"
        "sources:\n  - https://example.org/ok\n  - '//evil.example'\nadded: 2024-05-01\n"
    )
    (catalog_dir / "papers" / "policy.yaml").write_text(record)
    catalog = load_catalog(catalog_dir)
    lines = [p.format_text() for p in catalog.problems]
    column = len(f"  {field}: ") + 1
    refused = "only http:// and https:// links are allowed"
    assert lines == [
        f"papers/policy.yaml:6:{column}: links.{field}: {refused}",
        f"papers/policy.yaml:9:5: sources.1: {refused}",
    ]
    assert "policy" not in catalog.papers
