"""Writes of advisory casework: keyword-only, atomic, validated; mail and notifications go out on commit.

Services check the state of things (a closed case takes no new consultations; a task owner must belong to
the case); who may call them is decided by advisory/rules.py in the views.
"""

from .cases import (  # noqa: F401
    case_assign,
    case_link_initiative,
    case_move_phase,
    case_open,
    case_pause,
    case_resume,
    case_update,
)
from .consultations import (  # noqa: F401
    confidential_notes_read,
    consultation_log,
    consultation_update,
)
from .people import (  # noqa: F401
    core_team_user_ids,
    member_user_ids,
    staff_user_ids,
)
from .privacy import (  # noqa: F401
    person_erase,
)
from .referrals import (  # noqa: F401
    referral_create,
    referral_update,
)
from .tasks import (  # noqa: F401
    logger,
    task_complete,
    task_create,
    task_reminders_send,
    task_reopen,
    tasks_due_for_reminder,
)
from .workshops import (  # noqa: F401
    workshop_create,
    workshop_update,
)
