from django.tasks import task

from .files import rescan_held_files


@task
def rescan_files():
    """Files held while the virus scanner could not be reached get their verdict."""
    return {"released": rescan_held_files()}


@task
def forget_presence():
    """Who-is-on-this-ticket rows of pages closed long ago."""
    from .presence import forget_old

    return {"forgotten": forget_old()}
