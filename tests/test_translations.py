"""The German catalogue is complete: German is the default language and every message must have a translation."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

GERMAN_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"


def _unquote(lines: list[str]) -> str:
    """The text of a msgid/msgstr: its quoted pieces joined, escapes resolved."""
    text = "".join(re.fullmatch(r'\s*"(.*)"\s*', line).group(1) for line in lines)
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def parse_po(path: Path) -> list[dict]:
    """The catalogue's entries: msgid (with msgid_plural), msgstr(s), and whether they are marked fuzzy."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or all(line.startswith("#~") for line in lines):
            continue  # obsolete entries do not count
        entry = {"fuzzy": False, "msgid": None, "msgid_plural": None, "msgstr": []}
        key = None
        pieces: dict[str, list[str]] = {}
        for line in lines:
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            elif line.startswith("#"):
                continue
            elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)", line):
                key = match.group(1)
                pieces[key] = [match.group(2)]
            elif key:
                pieces[key].append(line)
        if "msgid" not in pieces:
            continue
        entry["msgid"] = _unquote(pieces["msgid"])
        if "msgid_plural" in pieces:
            entry["msgid_plural"] = _unquote(pieces["msgid_plural"])
        entry["msgstr"] = [_unquote(value) for name, value in pieces.items() if name.startswith("msgstr")]
        entries.append(entry)
    return entries


def test_the_po_parser_understands_plurals_and_continuations(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.py:1\nmsgid "Hello"\nmsgstr "Hallo"\n\n'
        'msgid ""\n"Long "\n"text"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Maybe"\nmsgstr "Vielleicht"\n\n'
        'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Eins"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    entries = {entry["msgid"]: entry for entry in parse_po(po)}

    assert entries["Hello"]["msgstr"] == ["Hallo"]
    assert entries["Long text"]["msgstr"] == [""]
    assert entries["Maybe"]["fuzzy"]
    assert entries["One"]["msgid_plural"] == "Many"
    assert entries["One"]["msgstr"] == ["Eins", ""]


def test_german_catalogue_is_complete():
    assert GERMAN_CATALOGUE.exists(), f"{GERMAN_CATALOGUE} is missing: run makemessages -l de"
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("msgfmt (GNU gettext) is needed to check the catalogue")

    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(GERMAN_CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    statistics = result.stderr
    entries = [entry for entry in parse_po(GERMAN_CATALOGUE) if entry["msgid"]]  # "" is the header
    untranslated = [entry["msgid"] for entry in entries if not all(entry["msgstr"])]
    fuzzy = [entry["msgid"] for entry in entries if entry["fuzzy"]]

    problems = []
    if result.returncode != 0:
        problems.append(f"msgfmt --check failed:\n{statistics}")
    if re.search(r"\d+ (untranslated|fuzzy)", statistics):
        problems.append(f"msgfmt reports: {statistics.strip().splitlines()[-1]}")
    if untranslated:
        problems.append(f"{len(untranslated)} untranslated:\n" + "\n".join(f"  {msgid!r}" for msgid in untranslated))
    if fuzzy:
        problems.append(f"{len(fuzzy)} fuzzy:\n" + "\n".join(f"  {msgid!r}" for msgid in fuzzy))
    assert not problems, "\n\n".join(problems)
