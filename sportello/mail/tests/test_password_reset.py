from sportello.outbox.models import OutboundMail


def test_password_reset_goes_through_the_outbox_with_a_working_link(people, client, mailoutbox):
    response = client.post("/accounts/password-reset/", {"email": "GIULIA@acme.test"})
    assert response.status_code == 302
    assert mailoutbox == []  # nothing is sent inside the request
    mail = OutboundMail.objects.get(template="password_reset")
    assert mail.to == ["giulia@acme.test"] and mail.subject == "Scelga una nuova password"
    link = next(word for word in mail.body_text.split() if "/accounts/reset/" in word)
    path = link.split("127.0.0.1:8000", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Scelga una nuova password" in form_page.text
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Nuova-Password-2026",
                                                             "new_password2": "Nuova-Password-2026"})
    assert response.status_code == 302
    logged_in = client.post("/accounts/login/", {"username": "giulia@acme.test", "password": "Nuova-Password-2026"})
    assert logged_in.status_code == 302 and client.get("/portal/").status_code == 200


def test_unknown_address_gets_the_same_answer_and_no_mail(people, client):
    response = client.post("/accounts/password-reset/", {"email": "nessuno@altrove.test"})
    assert response.status_code == 302
    assert not OutboundMail.objects.exists()
