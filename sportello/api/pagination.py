"""Cursor pages: each page is one indexed query however deep the list goes."""

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Newest first by id (ids grow with time and are unique: the cursor never skips
    or repeats a row while others are being added)."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
