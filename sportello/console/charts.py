"""Bar charts drawn as SVG on the server: geometry here, drawing in templatetags/report_markup.py."""

from django.utils.formats import date_format


def bar_chart(points, *, title, percent=False, target=None, daily=False, width=720, height=220, top=24, bottom=40):
    """One bar per (month, value), or per (day, value) when `daily`. Percent charts are scaled to 100 and may show a
    dashed target line; counts are scaled to their largest value."""
    if not points or not any(value for _, value in points):
        return None
    scale = 100 if percent else max(value for _, value in points)
    slot = width / max(len(points), 6)   # a lone month should not become one huge bar
    usable = height - top - bottom
    bars = []
    for index, (month, value) in enumerate(points):
        bar_height = usable * value / scale
        bars.append({"x": index * slot + slot * 0.15, "width": slot * 0.7, "y": height - bottom - bar_height,
                     "height": bar_height, "label_x": index * slot + slot / 2,
                     "label": month.strftime("%d-%m") if daily else date_format(month, "M Y"),
                     "value": f"{value}%" if percent else value, "value_y": height - bottom - bar_height - 6})
    return {"title": title, "width": width, "height": height, "bars": bars, "baseline": height - bottom,
            "target_y": height - bottom - usable * target / 100 if target else None, "target": target}
