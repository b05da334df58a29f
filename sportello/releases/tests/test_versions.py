"""Versions sort as versions: 4.10 after 4.9, a beta before its release, in Python
and in the database's index order."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sportello.releases.models import Release
from sportello.releases.versions import sort_key, validate_version

from .conftest import make_release

IN_ORDER = ["1.0", "1.2", "1.10", "2.0 alpha1", "2.0-beta1", "2.0-beta2", "2.0 RC1", "2.0", "2.0.1", "2.1", "4.9",
            "4.10", "10.0"]


def test_versions_sort_as_numbers_with_prereleases_first():
    assert sorted(reversed(IN_ORDER), key=sort_key) == IN_ORDER


@given(st.lists(st.integers(0, 99_999), min_size=1, max_size=5), st.lists(st.integers(0, 99_999), min_size=1,
                                                                            max_size=5))
def test_any_two_dotted_versions_compare_like_their_numbers(first, second):
    a, b = ".".join(map(str, first)), ".".join(map(str, second))
    assert (sort_key(a) < sort_key(b)) == (first < second)
    assert (sort_key(a) == sort_key(b)) == (first == second)


@pytest.mark.parametrize("text", ["4.6", "4.6.1", "5.0 RC2", "4.7-beta1", "2026.11", "4.6+build7"])
def test_versions_people_write_are_accepted(text):
    validate_version(text)


@pytest.mark.parametrize("text", ["", "v4.6", "4..6", "4.6.", "quattro", "4.6/..", "1" * 12, "4.6 " + "beta " * 10,
                                  "٤.٦"])
def test_anything_else_is_refused_with_a_clear_message(text):
    with pytest.raises(ValidationError, match="numeri separati da punti|numbers with dots"):
        validate_version(text)


def test_the_database_orders_releases_by_version(people, catalogue):
    for version in ["4.9", "4.10", "4.10-beta1", "4.2", "10.0"]:
        make_release(catalogue.omnia, version, by=people.silvia, publish=False)
    listed = list(Release.objects.filter(product=catalogue.omnia).order_by("-version_key")
                  .values_list("version", flat=True))
    assert listed == ["10.0", "4.10", "4.10-beta1", "4.9", "4.2"]
