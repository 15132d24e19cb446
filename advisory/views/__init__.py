"""Views of advisory casework: thin. The form validates, one service writes, a message, a redirect.

Permissions come from advisory/rules.py: signed-out visitors go to the login, everyone else without the
permission gets 403. Confidential notes are shown only by `case_notes`, `consultation_note` and
`consultation_edit`, and each of them records the display before rendering.
"""

from .cases import (  # noqa: F401
    case_assign,
    case_close,
    case_detail,
    case_edit,
    case_list,
    case_open,
    case_pause,
    case_phase,
    case_resume,
)
from .consultations import (  # noqa: F401
    consultation_create,
    consultation_edit,
)
from .dashboards import (  # noqa: F401
    coordination,
    dashboard,
)
from .initiative import (  # noqa: F401
    initiative_case,
)
from .notes import (  # noqa: F401
    case_note_reads,
    case_notes,
    consultation_note,
    municipality_note_reads,
)
from .referrals import (  # noqa: F401
    referral_create,
    referral_edit,
)
from .start import (  # noqa: F401
    index,
)
from .statistics import (  # noqa: F401
    yearly_report,
    yearly_report_csv,
)
from .tasks import (  # noqa: F401
    my_tasks,
    overdue_tasks,
    task_complete,
    task_create,
    task_reopen,
)
from .workshops import (  # noqa: F401
    workshop_create,
    workshop_detail,
    workshop_edit,
    workshop_list,
)
