import pytest
from django.urls import reverse

ADMIN_MODELS = ["accounts/user", "customers/company", "customers/contact", "tickets/requesttype",
                "tickets/ticket", "outbox/outboundmail"]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_supervisors_manage_the_back_office(people, open_ticket_for, login, model):
    ticket = open_ticket_for(people.giulia)
    client = login(people.silvia)
    assert client.get(f"/admin/{model}/").status_code == 200
    if model == "tickets/ticket":
        assert client.get(f"/admin/{model}/{ticket.pk}/change/").status_code == 200
        assert client.get(f"/admin/{model}/add/").status_code == 403  # tickets are born in the portal
    elif model != "outbox/outboundmail":
        assert client.get(f"/admin/{model}/add/").status_code == 200


def test_technicians_and_customers_stay_out_of_the_back_office(people, login):
    for user in (people.anna, people.mario):
        response = login(user).get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response.url


def test_an_invalid_vat_number_is_refused_in_italian(people, login):
    response = login(people.silvia).post("/admin/customers/company/add/", {
        "name": "Gamma S.r.l.", "vat_number": "12345678901", "customer_code": "C0003", "is_active": "on",
        "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "“12345678901” non è una partita IVA valida." in response.text


def test_login_by_email_in_any_case_and_home_sends_each_to_their_area(people, client):
    from sportello.conftest import PASSWORD, totp_code

    response = client.post(reverse("accounts:login"), {"username": "Anna@Sportello.TEST", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").url == "/accounts/verify/?next=%2F"   # staff: the second step first
    client.post("/accounts/verify/", {"code": totp_code(people.anna), "next": "/"})
    assert client.get("/").url == "/console/"
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": "giulia@acme.test", "password": PASSWORD})
    assert client.get("/").url == "/portal/"


def test_wrong_password_says_so_in_italian(people, client):
    response = client.post(reverse("accounts:login"), {"username": "anna@sportello.test", "password": "sbagliata"})
    assert response.status_code == 200
    assert "Indirizzo e-mail o password non corretti" in response.text
