"""Demo additions of the financing app.

The catalogue itself (legal forms, instruments, the real programmes and service models) comes with the
data migration. Dortmund's own funds are kept in it with the name "Dortmund"; the demo creates Dortmund
after the migrations ran, so here they are linked to it and become Dortmund's programmes, which its
coordinator keeps.
"""

from . import services


def seed(demo):
    linked = services.programmes_link_municipalities()
    if linked:
        demo.log.append(f"Finanzierung: {linked} Programme mit ihrer Kommune verknüpft.")
