"""Every console list filters and sorts the same way, all in the URL; saved views keep
a list's filters under a name, with a live, bounded count in the navigation."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sportello.accounts.models import SavedView
from sportello.tickets import actions
from sportello.tickets.models import RequestType, Ticket


def codes(response):
    return [ticket.code for ticket in response.context["page"].items]


def test_each_filter_narrows_the_list(people, login, open_ticket_for):
    acme_new = open_ticket_for(people.giulia, subject="Acme nuovo")
    acme_taken = open_ticket_for(people.mario, subject="Acme preso")
    beta = open_ticket_for(people.luca, subject="Beta")
    actions.claim_ticket(ticket=acme_taken, technician=people.anna)
    actions.reply_to_customer(ticket=acme_taken, author=people.anna, body="Risposta")
    actions.reply_as_customer(ticket=acme_taken, author=people.mario, body="Non va ancora")
    actions.set_priority(ticket=beta, priority="urgent", by=people.paolo)
    Ticket.objects.filter(pk=beta.pk).update(request_type=RequestType.objects.get(name="Installazione"),
                                             created_at=timezone.now() - timedelta(days=40),
                                             response_due_at=timezone.now() - timedelta(hours=1))
    client = login(people.anna)
    every = "/console/tickets/"
    assert set(codes(client.get(every))) == {acme_new.code, acme_taken.code, beta.code}
    assert codes(client.get(every, {"company": "acme"})) == [acme_taken.code, acme_new.code]
    assert codes(client.get(every, {"company": "C0002"})) == [beta.code]
    assert codes(client.get(every, {"status": "new"})) == [beta.code, acme_new.code]
    assert codes(client.get(every, {"assignee": "none"})) == [beta.code, acme_new.code]
    assert codes(client.get(every, {"assignee": "me"})) == [acme_taken.code]
    assert codes(client.get(every, {"assignee": str(people.anna.pk)})) == [acme_taken.code]
    assert codes(client.get(every, {"priority": "urgent"})) == [beta.code]
    installation = RequestType.objects.get(name="Installazione").pk
    assert codes(client.get(every, {"request_type": installation})) == [beta.code]
    assert codes(client.get(every, {"channel": "web"})) == [beta.code, acme_taken.code, acme_new.code]
    assert codes(client.get(every, {"deadline": "late"})) == [beta.code]
    assert codes(client.get(every, {"customer_replied": "on"})) == [acme_taken.code]
    old = (timezone.localdate() - timedelta(days=41)).strftime("%d-%m-%Y")
    month_ago = (timezone.localdate() - timedelta(days=30)).strftime("%d-%m-%Y")
    assert codes(client.get(every, {"created_from": old, "created_to": month_ago})) == [beta.code]
    # The customer's reply is answered: the marker goes.
    actions.reply_to_customer(ticket=acme_taken, author=people.anna, body="Ecco")
    assert codes(client.get(every, {"customer_replied": "on"})) == []
    # Bad values are ignored, never an error.
    assert client.get(every, {"assignee": "x", "created_from": "31-02-2026", "sort": "?"}).status_code == 200


def test_sort_orders_and_queue_filters_combine(people, login, open_ticket_for):
    first, second = open_ticket_for(people.giulia), open_ticket_for(people.luca)
    Ticket.objects.filter(pk=first.pk).update(updated_at=timezone.now() + timedelta(minutes=5))
    client = login(people.anna)
    assert codes(client.get("/console/tickets/", {"sort": "updated"}))[:2] == [first.code, second.code]
    assert codes(client.get("/console/tickets/", {"sort": "created"}))[:2] == [second.code, first.code]
    assert codes(client.get("/console/", {"company": "beta"})) == [second.code]


def test_filters_combine_with_search(people, login, open_ticket_for):
    acme = open_ticket_for(people.giulia, subject="Backup bloccato")
    beta = open_ticket_for(people.luca, subject="Backup bloccato")
    actions.claim_ticket(ticket=beta, technician=people.paolo)
    page = login(people.anna).get("/console/search/", {"q": "backup", "status": "new"}).text
    assert acme.code in page and beta.code not in page


def test_filtered_pages_walk_with_keyset_cursors_and_constant_queries(people, login, open_ticket_for):
    for n in range(30):
        open_ticket_for(people.giulia if n % 2 else people.luca, subject=f"Richiesta {n}")
    client = login(people.anna)
    seen, params = [], {"company": "acme", "sort": "updated"}
    for _ in range(3):
        response = client.get("/console/tickets/", params)
        seen += codes(response)
        cursor = response.context["page"].next_cursor
        if not cursor:
            break
        params = {"company": "acme", "sort": "updated", "after": cursor}
    assert len(seen) == len(set(seen)) == 15

    def queries(count):
        with CaptureQueriesContext(connection) as context:
            client.get("/console/tickets/", {"company": "acme", "status": "new", "deadline": "on_time"})
        return len(context)

    before = queries(0)
    for n in range(10):
        open_ticket_for(people.giulia, subject=f"Altra {n}")
    assert queries(0) == before


def test_a_filtered_page_reads_the_technicians_once(people, login, open_ticket_for):
    """The filter panel lists them and a chosen one is checked against them: one query."""
    ticket = open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=ticket, technician=people.paolo)
    client = login(people.anna)
    for params in ({"status": "open"}, {"assignee": str(people.paolo.pk)}):
        with CaptureQueriesContext(connection) as context:
            response = client.get("/console/tickets/", params)
        staff = [q for q in context.captured_queries
                 if '"accounts_user"."full_name" AS' in q["sql"] and '"role" IN' in q["sql"]]
        assert len(staff) == 1 and codes(response) == [ticket.code]
        assert f'<option value="{people.paolo.pk}"' in response.text


def test_search_pages_keep_the_list_filters_in_their_links(people, login, open_ticket_for):
    """The "more results" link is the only way on: it must carry the filters chosen beside
    the words (and with no words at all), or page two shows other companies' tickets."""
    import html
    import re

    acme = {open_ticket_for(people.giulia, subject=f"Giacenze {n}").code for n in range(27)}
    beta = {open_ticket_for(people.luca, subject=f"Giacenze {n}").code for n in range(5)}
    client = login(people.anna)
    for start in ("/console/search/?q=giacenze&company=acme", "/console/search/?q=&company=acme"):
        seen, url = [], start
        for _ in range(4):
            response = client.get(url)
            seen += re.findall(r'<a class="code" href="[^"]*">([^<]+)</a>', response.text)
            more = re.search(r'href="(\?[^"]*after=[^"]*)"[^>]*>[^<]*Altri risultati', response.text)
            if not more:
                break
            url = "/console/search/" + html.unescape(more.group(1))
            assert "company=acme" in url
        assert sorted(seen) == sorted(acme), start
        assert not beta & set(seen)
    # Without words the chosen order holds too (it was always the newest first).
    Ticket.objects.filter(code=min(acme)).update(response_due_at=timezone.now() - timedelta(hours=3))
    listed = client.get("/console/search/", {"q": "", "company": "acme", "sort": "deadline"}).text
    assert re.findall(r'<a class="code" href="[^"]*">([^<]+)</a>', listed)[0] == min(acme)


def test_every_pager_keeps_the_filters_of_its_list(people, login, rf):
    """One pager for every list: page two of the companies found by a name is still those
    companies (the pager used to keep only a ticket status)."""
    import html
    import re

    from django.template import Context, Template

    from sportello.customers.models import Company

    Company.objects.bulk_create(Company(name=f"Studio Rossi {n:02}", customer_code=f"SR{n:03}",
                                        vat_number=f"9{n:010}") for n in range(55))
    Company.objects.bulk_create(Company(name=f"Studio Bianchi {n:02}", customer_code=f"SB{n:03}",
                                        vat_number=f"8{n:010}") for n in range(10))
    client = login(people.anna)
    first = client.get("/console/companies/", {"q": "rossi"})
    link = html.unescape(re.search(r'href="(\?[^"]*after=[^"]*)"', first.text).group(1))
    second = client.get("/console/companies/" + link).context["page"].items
    assert len(second) == 5 and all("Rossi" in company.name for company in second)

    request = rf.get("/console/mail/triage/", {"kind": "auto", "q": "à b", "after": "5", "format": "csv"})
    tag = Template('{% load page_links %}{% page_link "before" cursor %}|{% page_link %}')
    assert tag.render(Context({"request": request, "cursor": "7"})) == (
        "?kind=auto&amp;q=%C3%A0+b&amp;before=7|?kind=auto&amp;q=%C3%A0+b")


def test_saved_views_show_in_the_navigation_with_bounded_counts(people, login, open_ticket_for):
    for _ in range(3):
        open_ticket_for(people.giulia)
    anna = login(people.anna)
    response = anna.post("/console/views/", {"name": "Acme nuovi", "list": "all", "query": "company=acme&status=new"})
    assert response.status_code == 302 and response.url == "/console/tickets/?company=acme&status=new"
    page = anna.get("/console/").text
    assert "Acme nuovi" in page and '<span class="count">3</span>' in page
    anna.post("/console/views/", {"name": "Tutti i nuovi", "list": "all", "query": "status=new"})
    for n in range(100):
        open_ticket_for(people.giulia if n % 2 else people.luca)
    assert '<span class="count">99+</span>' in anna.get("/console/").text
    # Only supervisors share; everyone sees what is shared; only the owner deletes.
    anna.post("/console/views/", {"name": "Tentativo", "list": "queue", "query": "", "shared": "on"})
    assert not SavedView.objects.get(name="Tentativo").shared
    silvia = login(people.silvia)
    silvia.post("/console/views/", {"name": "In ritardo", "list": "all", "query": "deadline=late", "shared": "on"})
    assert "In ritardo" in login(people.paolo).get("/console/").text
    shared = SavedView.objects.get(name="In ritardo")
    assert login(people.anna).post(f"/console/views/{shared.pk}/delete/").status_code == 404
    assert login(people.silvia).post(f"/console/views/{shared.pk}/delete/").status_code == 302
    assert not SavedView.objects.filter(name="In ritardo").exists()


def test_saved_views_are_counted_in_the_badges_statement(people, login, open_ticket_for):
    """A technician may keep a dozen views: each filtered list is counted in the one
    statement of the badges (the page costs the same with one view or five), each with
    its own count; a search for words is counted by the search engine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        open_ticket_for(people.giulia, subject=f"Ammortamento {n}")
    open_ticket_for(people.luca, subject="Backup")
    anna = login(people.anna)

    def page():
        with CaptureQueriesContext(connection) as captured:
            views = anna.get("/console/").context["counts"]["views"]
        return {view.name: count for view, _url, count in views}, len(captured)

    anna.post("/console/views/", {"name": "Acme", "list": "all", "query": "company=acme"})
    counts, one_view = page()
    assert counts == {"Acme": 3}
    for name, query in (("Beta", "company=beta"), ("Nuovi", "status=new"), ("Chiusi", "status=closed"),
                        ("Coda", "")):
        anna.post("/console/views/", {"name": name, "list": "queue" if name == "Coda" else "all", "query": query})
    counts, five_views = page()
    assert counts == {"Acme": 3, "Beta": 1, "Nuovi": 4, "Chiusi": 0, "Coda": 4} and five_views == one_view
    anna.post("/console/views/", {"name": "Cespiti", "list": "search", "query": "q=ammortamento"})
    assert page()[0]["Cespiti"] == 3


def test_a_search_can_be_saved_as_a_view(people, login, open_ticket_for):
    open_ticket_for(people.giulia, subject="Stampa fatture bloccata")
    client = login(people.anna)
    client.post("/console/views/", {"name": "Stampe", "list": "search", "query": "q=stampa"})
    assert '<span class="count">1</span>' in client.get("/console/").text


def test_the_navigation_badges_count_in_one_statement_and_stop_at_their_bound(people, login, open_ticket_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sportello.console.counting import bounded
    from sportello.reports.models import LiveTally
    from sportello.single_statement import counted, in_one_statement, summed
    from sportello.tickets.models import Ticket

    for _ in range(4):
        open_ticket_for(people.giulia)
    actions.claim_ticket(ticket=Ticket.objects.first(), technician=people.anna)
    with CaptureQueriesContext(connection) as captured:
        found = in_one_statement({
            "new": counted(Ticket.objects.filter(status="new"), 1), "none": counted(Ticket.objects.none(), 2),
            "anna": counted(Ticket.objects.filter(assignee=people.anna), 2),
            "all new": summed(LiveTally.objects.filter(dimension="all", status="new"), "count"),
            "nothing": summed(LiveTally.objects.filter(dimension="all", status="nonexistent"), "count")})
    # A count stops one past its bound (two of the three new tickets read); sums are exact.
    assert found == {"new": 2, "none": 0, "anna": 1, "all new": 3, "nothing": 0} and len(captured) == 1
    assert (bounded(found["new"], 1), bounded(found["all new"], 2), bounded(found["anna"], 2)) == ("1+", "2+", 1)
    page = login(people.anna).get("/console/")
    assert page.context["counts"]["queue_count"] == 3 and page.context["counts"]["mine_count"] == 1


def test_the_queue_and_my_tickets_badges_follow_the_desk(people, login, open_ticket_for):
    """They are read from the live rollup: after each change of the desk they must equal
    a count of the tickets."""
    from sportello.tickets.models import Ticket

    anna = login(people.anna)

    def badges_match():
        counts = anna.get("/console/").context["counts"]
        assert counts["queue_count"] == Ticket.objects.filter(status="new", assignee=None).count()
        assert counts["mine_count"] == Ticket.objects.filter(assignee=people.anna, is_live=True).count()
        return counts["queue_count"], counts["mine_count"]

    tickets = [open_ticket_for(people.giulia, subject=f"Richiesta {n}") for n in range(4)]
    assert badges_match() == (4, 0)
    actions.claim_ticket(ticket=tickets[0], technician=people.anna)
    actions.claim_ticket(ticket=tickets[1], technician=people.paolo)
    assert badges_match() == (2, 1)
    actions.reply_to_customer(ticket=tickets[0], author=people.anna, body="Ecco la risposta.")
    actions.reassign_ticket(ticket=tickets[1], to=people.anna, by=people.silvia)
    assert badges_match() == (2, 2)
    actions.change_status(ticket=Ticket.objects.get(pk=tickets[0].pk), status="resolved", by=people.anna)
    actions.change_status(ticket=tickets[2], status="closed", by=people.silvia)
    assert badges_match() == (1, 1)
