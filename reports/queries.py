from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import ReportJob


def jobs_for(subject, kind: str) -> QuerySet[ReportJob]:
    return ReportJob.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk, kind=kind
    ).select_related("requested_by")
