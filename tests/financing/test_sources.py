from financing.sources import parse_sources


def test_parse_sources():
    sources = parse_sources("[1] https://a.example | § 56 BGB: https://b.example/__56.html | Seed")
    assert [(s.tag, s.label, s.url) for s in sources] == [
        ("1", "", "https://a.example"),
        ("", "§ 56 BGB", "https://b.example/__56.html"),
        ("", "Seed", ""),
    ]
