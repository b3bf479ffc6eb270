"""What the data migrations do to the section's groups: add or take away permissions.

Not a migration (the loader skips names that start with "_"): the steps each migration
runs on its historical models. Kept stable, as a released migration relies on it.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "International activity editors"
APPROVERS = "International activity approvers"


def make_permissions(apps):
    """Create the app's permissions now: Django normally makes them after all migrations."""
    app_config = apps.get_app_config("international")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def ours(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="international", codename__in=codenames)


def granting(group_name, codenames):
    """Return the (forward, backward) steps that give *group_name* the *codenames*."""

    def grant(apps, schema_editor):
        make_permissions(apps)
        group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
        group.permissions.add(*ours(apps, codenames))

    def revoke(apps, schema_editor):
        for group in apps.get_model("auth", "Group").objects.filter(name=group_name):
            group.permissions.remove(*ours(apps, codenames))

    return grant, revoke
