"""Source references as the catalogue stores them: "[1] https://… | [2] § 56 BGB https://…".

Every fact the platform shows keeps its source and the date it was checked, so users can check it.
"""

import re
from dataclasses import dataclass

URL_PATTERN = re.compile(r"https?://\S+")
TAG_PATTERN = re.compile(r"^\[(\d+)\]\s*")


@dataclass(frozen=True)
class Source:
    tag: str  # "1" for "[1]", empty when the entry has none
    label: str  # text before the address, e.g. "§ 56 BGB"
    url: str  # empty when the entry is a citation without an address

    @property
    def text(self) -> str:
        return self.label or self.url


def parse_sources(value: str) -> list[Source]:
    sources = []
    for part in (value or "").split(" | "):
        part = part.strip()
        if not part:
            continue
        tag = ""
        if match := TAG_PATTERN.match(part):
            tag = match.group(1)
            part = part[match.end() :]
        url_match = URL_PATTERN.search(part)
        url = url_match.group(0) if url_match else ""
        label = (part[: url_match.start()] if url_match else part).strip().rstrip(":").strip()
        sources.append(Source(tag=tag, label=label, url=url))
    return sources


def parse_excerpts(value: str) -> list[tuple[str, str]]:
    """Verbatim excerpts "[1] text | [2] text" as (tag, text) pairs."""
    excerpts = []
    for part in (value or "").split(" | "):
        part = part.strip()
        if not part:
            continue
        tag = ""
        if match := TAG_PATTERN.match(part):
            tag = match.group(1)
            part = part[match.end() :]
        excerpts.append((tag, part))
    return excerpts
