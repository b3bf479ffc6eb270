"""The section's two roles in the admin, as the tests make them: editors and approvers."""

from django.contrib.auth.models import Group
from django.test import Client

from international.migrations._groups import APPROVERS, EDITORS  # noqa: F401 - named here
from tests.factories import UserFactory


def member(group, username):
    """Return a new staff user in the group named *group* (made by the migrations)."""
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client
