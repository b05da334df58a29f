"""What the knowledge base saves: the new-ticket form's suggestions shown, the articles
opened from them and the tickets customers did not open because one answered (a unit
each), by month and request type over the last twelve months, read from the rollup
kept by kb.deflection; and the articles readers most often say did not help."""

from dateutil.relativedelta import relativedelta
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.access import supervisors_only
from sportello.kb.models import Article, SuggestionTally
from sportello.tickets.models import RequestType

from .charts import bar_chart
from .views import sidebar_counts

MONTHS = 12
LISTED = 10


def _totals(rows):
    totals = {name: sum(getattr(row, name) for row in rows) for name in SuggestionTally.COUNTERS}
    totals["rate"] = round(100 * totals["deflected"] / totals["shown"]) if totals["shown"] else None
    return totals


@supervisors_only
def report(request):
    first = timezone.localdate().replace(day=1) - relativedelta(months=MONTHS - 1)
    rows = list(SuggestionTally.objects.filter(month__gte=first))
    months = [first + relativedelta(months=n) for n in range(MONTHS)]
    by_month = [(month, _totals([row for row in rows if row.month == month])) for month in reversed(months)]
    names = dict(RequestType.objects.values_list("pk", "name"))
    by_type = sorted(((names.get(key, _("Not chosen")), _totals([row for row in rows if row.request_type_id == key]))
                      for key in {row.request_type_id for row in rows}), key=lambda item: -item[1]["deflected"])
    published = Article.objects.filter(state=Article.State.PUBLISHED)
    return render(request, "console/kb_report.html", {
        "by_month": by_month, "by_type": by_type, "total": _totals(rows),
        "chart": bar_chart([(month, totals["deflected"]) for month, totals in reversed(by_month)],
                           title=_("Tickets not opened thanks to a guide, by month")),
        "failing": published.filter(helpful_no__gt=0).order_by("-helpful_no", "-id")[:LISTED],
        "saving": published.filter(tickets_avoided__gt=0).order_by("-tickets_avoided", "-id")[:LISTED],
        "counts": sidebar_counts(request)})
