"""django-tasks-db under a translated name in the admin (its own is English only)."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
