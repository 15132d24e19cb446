"""An include `with ... only` starts from an empty context, so a form inside it renders `{% csrf_token %}` as
nothing and posts 403 in a browser (Django's test client skips the check). Every such include of a template
that holds a form token, directly or through its own includes, passes `csrf_token=csrf_token` on."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"[^%]*%}')


def _holds_token(name: str, seen: frozenset = frozenset()) -> bool:
    path = TEMPLATES / name
    if name in seen or not path.exists():
        return False
    text = path.read_text()
    return "{% csrf_token %}" in text or any(_holds_token(n, seen | {name}) for n in INCLUDE.findall(text))


def test_includes_with_only_pass_the_csrf_token_to_their_forms():
    missing = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for match in INCLUDE.finditer(path.read_text()):
            tag = match.group(0)
            if re.search(r"\bonly\s*%}", tag) and "csrf_token=" not in tag and _holds_token(match.group(1)):
                missing.append(f"{path.relative_to(TEMPLATES)}: {match.group(1)}")
    assert missing == []
