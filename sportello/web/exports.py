"""Tables to files: CSV for Italian Excel (semicolons and a BOM) and XLSX. Both stream
their rows: the CSV to the client as it is written, the XLSX through openpyxl's
write-only mode into a temporary file, so a million rows never sit in memory."""

import csv
import tempfile
from datetime import date, datetime

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMATS = ("csv", "xlsx")
# Excel's own limit is 1,048,576 rows; past this many a CSV is the better file anyway.
XLSX_MAX_ROWS = 100_000


class _Echo:
    def write(self, value):
        return value


def export(fmt, *, filename, header, rows):
    """A download of `rows` (an iterable of lists) under `header`, as `fmt`."""
    if fmt == "xlsx":
        return _xlsx(filename, header, rows)
    return _csv(filename, header, rows)


def _csv(filename, header, rows):
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        zone = timezone.get_current_timezone()
        yield "\ufeff" + writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow([_text(value, zone) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx(filename, header, rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=filename[:31])
    sheet.append([str(h) for h in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 -- the response closes (and so deletes) it
    book.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"{filename}.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _text(value, zone):
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else value


def _cell(sheet, value):
    """Dates stay dates in the spreadsheet (sortable), shown as dd-mm-yyyy."""
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=timezone.localtime(value).replace(tzinfo=None))
        cell.number_format = "dd-mm-yyyy hh:mm"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "dd-mm-yyyy"
        return cell
    return value
