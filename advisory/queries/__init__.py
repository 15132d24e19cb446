"""Reads of advisory casework: visibility as queries, lists with annotations, dashboards in a few aggregates.

Confidential notes are read only by `confidential_notes_of_case` and `confidential_note_for` (notes.py); callers
log every display through services.confidential_notes_read. Nothing here searches or exports a note.

For the reports app: `consultation_summaries_for_initiative`, `activity_for_quarter` and
`activity_for_municipality` return plain data without personal data or confidential notes.
"""

from .cases import (  # noqa: F401
    ACTIVE,
    CONSULTATIONS_PER_PAGE,
    NOTES_PER_PAGE,
    PAGE_SIZE,
    SORT_URGENCY,
    CaseFilter,
    by_urgency,
    case_for_detail,
    case_list,
    cases_visible_to,
    consultations_of_case,
    hours,
    initiatives_without_case,
    owner_choices,
    participant_choices,
    phase_history,
    referral_actor_choices,
    referrals_of_case,
    staff_choices,
    tasks_of_case,
    workshops_of_case,
)
from .dashboards import (  # noqa: F401
    DASHBOARD_LIMIT,
    AdvisorDashboard,
    AdvisorRow,
    CoordinatorOverview,
    MonthRow,
    advisor_dashboard,
    coordinator_overview,
)
from .initiative import (  # noqa: F401
    ConsultationSummary,
    case_of_initiative,
    consultation_summaries_for_initiative,
    initiatives_with_case_of,
)
from .notes import (  # noqa: F401
    NOTE_READS_PER_PAGE,
    confidential_note_for,
    confidential_notes_of_case,
    note_reads_of_case,
    note_reads_of_municipality,
)
from .statistics import (  # noqa: F401
    Activity,
    YearlyReport,
    activity_for_municipality,
    activity_for_quarter,
    report_years,
    yearly_report,
)
from .tasks import (  # noqa: F401
    overdue_tasks_of_advisor,
    tasks_of_user,
)
from .workshops import (  # noqa: F401
    open_cases_of,
    workshop_cases,
    workshop_for_detail,
    workshops_of,
)
