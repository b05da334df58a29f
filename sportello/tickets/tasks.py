from django.tasks import task

from .files import rescan_held_files


@task
def rescan_files():
    """Files held while the virus scanner could not be reached get their verdict."""
    return {"released": rescan_held_files()}
