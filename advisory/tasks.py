from celery import shared_task

from .services.tasks import task_reminders_send


@shared_task(name="advisory.send_task_reminders")
def send_task_reminders() -> int:
    """Mail owners of tasks due tomorrow and of overdue tasks.

    Idempotent: a TaskReminder row, unique per task and day, is written in the same transaction as each
    mail, so running the job again the same day (the beat runs it hourly in the daytime) sends nothing twice.
    """
    return task_reminders_send()
