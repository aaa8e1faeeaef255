"""The mails about a role read as a sentence: the role's name stands before "role" (R30)."""

from iacs.domain.notifications import templates


def test_certification_due_names_the_role_then_its_holder() -> None:
    mail = templates.certification_due("Ann Lee", "Bob Stone", "END_USER", 7)
    assert mail.subject == "IACS: certify Bob Stone's role within 7 days"
    assert mail.body == (
        "Hello Ann Lee,\n\n"
        "The end user role of Bob Stone must be certified within 7 days, or it will be suspended. "
        "Certify or revoke it from your IACS queue.\n"
    )


def test_role_suspended_names_the_role() -> None:
    mail = templates.role_suspended("Bob Stone", "USER_GROUP_ADMINISTRATOR")
    assert (
        mail.body.splitlines()[2]
        == "Your user group administrator role was not certified by its due date and is suspended."
    )
