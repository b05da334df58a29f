"""Is the virus scanner able to take the largest file we accept? clamd refuses
streams above its StreamMaxLength (100 MB by default) while our limit per file is
200 MB: asked at start-up (a system check) and shown to supervisors in the console."""

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .virus_scan import accepts_size

CACHE_KEY = "sportello:scanner-problem"
RECHECK_SECONDS = 600


def scanner_problem():
    """A sentence for supervisors, or "" when the scanner is fine or not configured."""
    if not settings.CLAMAV_ADDRESS:
        return ""
    limit = settings.SPORTELLO_MAX_FILE_MB * 1024 * 1024
    accepted = accepts_size(limit)
    if accepted is None:
        return _("The virus scanner (%(address)s) does not answer: files received now are held until it does.") % {
            "address": settings.CLAMAV_ADDRESS}
    if not accepted:
        return _("The virus scanner refuses files larger than its StreamMaxLength, below our limit of %(limit)s per "
                 "file: such files are accepted without a scan. Raise StreamMaxLength, MaxFileSize and MaxScanSize "
                 "in clamd.conf to at least %(limit)s.") % {"limit": filesizeformat(limit)}
    return ""


def cached_scanner_problem():
    problem = cache.get(CACHE_KEY)
    if problem is None:
        problem = scanner_problem()
        cache.set(CACHE_KEY, problem, RECHECK_SECONDS)
    return problem


@checks.register()
def check_scanner(app_configs, **kwargs):
    problem = scanner_problem()
    return [checks.Warning(problem, id="sportello.W001")] if problem else []
