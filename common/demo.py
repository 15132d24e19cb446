"""The demo world every app builds on: municipalities, quarters, and one account per role.

`seed_demo` calls `seed(demo)` of each installed app's `demo` module in the order of INSTALLED_APPS;
each app adds its stories to the shared `Demo` object. Every step is idempotent (get_or_create).
"""

from dataclasses import dataclass, field

DEMO_PASSWORD = "Quartier-Demo-2026"  # noqa: S105 - printed for the demo accounts, never used in production
# Fixed TOTP secret of the demo staff accounts, so they can sign in with any authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPKUDEQUADEMOTOTPA"  # noqa: S105


@dataclass
class Demo:
    municipalities: dict = field(default_factory=dict)
    quarters: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    accounts: list = field(default_factory=list)  # (role description, e-mail) printed at the end
    log: list = field(default_factory=list)
