from django.db import models


class TsVector(models.Field):
    """A PostgreSQL tsvector column (written and read by search.engines.postgres only)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class TicketSearch(models.Model):
    """The PostgreSQL index of a ticket (left empty on SQLite, whose FTS5 table is virtual).
    Written only by search.index, in the transaction of the change it reflects."""

    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.CASCADE, primary_key=True, related_name="+")
    public_vector = TsVector()
    staff_vector = TsVector()

    class Meta:
        db_table = "search_ticket_vector"


class TicketIndexRow(models.Model):
    """SQLite's FTS5 table (search.engines.sqlite), seen by the ORM only to compose
    queries with the caller's filters; created and written with SQL."""

    id = models.IntegerField(primary_key=True, db_column="rowid")

    class Meta:
        managed = False
        db_table = "search_ticket_fts"
