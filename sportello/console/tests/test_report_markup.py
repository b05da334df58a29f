"""The bar charts and the report tables' rows are built in Python (report_markup) for
speed; they must read exactly as the templates they replaced, in both languages, for
counts by month and by day, shares with and without a target, and text that needs
escaping. Only the blank space between elements may differ."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from sportello.console.charts import bar_chart
from sportello.markup_checks import render, same_markup

# The templates as they were before the tags: console/_bar_chart.html and the report's rows.
CHART_BEFORE = """{% load i18n l10n %}<figure class="card chart-card">
  {% localize off %}<svg class="chart" viewBox="0 0 {{ chart.width }} {{ chart.height }}" role="img" aria-labelledby="{{ chart_id }}-title">
    <title id="{{ chart_id }}-title">{{ chart.title }}</title>
    {% if chart.target_y %}<line x1="0" x2="{{ chart.width }}" y1="{{ chart.target_y }}" y2="{{ chart.target_y }}" stroke="#b3261e" stroke-dasharray="4 4"/>
    <text x="{{ chart.width }}" y="{{ chart.target_y }}" dy="-4" text-anchor="end">{{ chart.target }}%</text>{% endif %}
    {% for bar in chart.bars %}
    <rect x="{{ bar.x|stringformat:'.1f' }}" y="{{ bar.y|stringformat:'.1f' }}" width="{{ bar.width|stringformat:'.1f' }}" height="{{ bar.height|stringformat:'.1f' }}" fill="#0b5cad" rx="3"/>
    <text x="{{ bar.label_x|stringformat:'.1f' }}" y="{{ bar.value_y|stringformat:'.1f' }}" text-anchor="middle">{{ bar.value }}</text>
    <text x="{{ bar.label_x|stringformat:'.1f' }}" y="{{ chart.baseline|add:18 }}" text-anchor="middle">{{ bar.label }}</text>
    {% endfor %}
    <line x1="0" x2="{{ chart.width }}" y1="{{ chart.baseline }}" y2="{{ chart.baseline }}" stroke="#9aa5b1"/>
  </svg>{% endlocalize %}
  <figcaption class="muted">{{ chart.title }}{% if chart.target %} · {% blocktranslate with target=chart.target %}dashed line: {{ target }}% on time{% endblocktranslate %}{% endif %}</figcaption>
</figure>
"""
SHARES_BEFORE = """{% load i18n %}{% for row in rows %}
      <tr><td>{% if month %}{{ row.label|date:"F Y" }}{% else %}{{ row.label }}{% endif %}</td><td>{{ row.total }}</td><td>{{ row.on_time }}</td>
        <td class="bar-cell"><svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="bar" width="{{ row.percent }}" height="10" rx="2"></rect></svg> {{ row.percent }}%</td></tr>
    {% empty %}<tr><td colspan="4">{% translate "No data yet." %}</td></tr>{% endfor %}"""
ROWS_BEFORE = ('{% for name, cells in rows %}<tr><th scope="row">{{ name }}</th>{% for cell in cells %}'
               '<td class="number">{{ cell }}</td>{% endfor %}</tr>{% endfor %}')


MONTHS = [date(2026, month, 1) for month in range(1, 13)]
CHARTS = {
    "counts by month": dict(points=[(m, n * 137 % 1900) for n, m in enumerate(MONTHS)], title="Ticket aperti"),
    "counts by day": dict(points=[(date(2026, 11, 1) + timedelta(days=n), n % 7) for n in range(30)],
                          title="Per giorno", daily=True, width=24 * 30),
    "shares with a target": dict(points=[(m, n * 9 % 101) for n, m in enumerate(MONTHS)], title="In tempo",
                                 percent=True, target=80),
    "shares without a target": dict(points=[(m, 33) for m in MONTHS[:2]], title="Quota", percent=True),
    "text to escape": dict(points=[(MONTHS[0], 5)], title='Risposte <b>"rapide"</b> & lente', percent=True,
                           target=95),
}


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("name", list(CHARTS))
def test_a_chart_reads_as_before(language, name):
    with translation.override(language):
        chart = bar_chart(**CHARTS[name])
        before = render(CHART_BEFORE, chart=chart, chart_id="opened")
        after = render("{% load report_markup %}{% bar_chart chart 'opened' %}", chart=chart)
    assert same_markup(after) == same_markup(before)
    assert "<rect" in after and ("tratteggiata" in after) == (language == "it" and "target" in CHARTS[name])


@pytest.mark.parametrize("language", ["it", "en"])
def test_report_rows_read_as_before(language):
    rows = [("Acme S.r.l.", [12, 10, "83%", "1:05", 9, "", "12:40"]), ('Beta & "Figli" <S.p.A.>', [0] * 7),
            ("Gamma", [1234567, 1, None, "", 0, "100%", "0:00"])]
    with translation.override(language):
        before = render(ROWS_BEFORE, rows=rows)
        after = render("{% load report_markup %}{% report_rows rows %}", rows=rows)
    assert same_markup(after) == same_markup(before)
    assert "Beta &amp; &quot;Figli&quot; &lt;S.p.A.&gt;" in after


@pytest.mark.parametrize("language", ["it", "en"])
def test_service_level_rows_read_as_before(language):
    months = [{"label": m, "total": n * 7, "on_time": n * 5, "percent": 71} for n, m in enumerate(MONTHS, start=1)]
    names = [{"label": 'Beta & "Figli" <S.p.A.>', "total": 1234567, "on_time": 0, "percent": 0},
             {"label": "Anna Tecnico", "total": 3, "on_time": 3, "percent": 100}]
    with translation.override(language):
        for rows, month in ((months, True), (names, False), ([], False)):
            before = render(SHARES_BEFORE, rows=rows, month=month)
            after = render("{% load report_markup %}{% share_rows rows month %}", rows=rows, month=month)
            assert same_markup(after) == same_markup(before)
        shown = render("{% load report_markup %}{% share_rows rows True %}", rows=months)
    assert ("Novembre 2026" in shown) == (language == "it") and ("November 2026" in shown) == (language == "en")
