"""Users and groups in the admin's language: permission and group names translated.

Django stores a permission's name in English when it makes it ("Can add organisation"),
and the section's two groups are named in English by the migrations that make them. The
stored names stay as they are (other code and the lead's deployments know them); the admin
shows them translated.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, gettext_noop

# The names the migrations give the groups (0002_editors_group, 0008_review).
GROUP_NAMES = [
    gettext_noop("International activity editors"),
    gettext_noop("International activity approvers"),
]

DEFAULT_ACTIONS = {
    "add": gettext_lazy("Can add %(name)s"),
    "change": gettext_lazy("Can change %(name)s"),
    "delete": gettext_lazy("Can delete %(name)s"),
    "view": gettext_lazy("Can view %(name)s"),
}


def group_name(group):
    """Return the group's name in the active language (a name not in the catalogue as it is)."""
    return gettext(group.name)


def model_name(model):
    """Return the model's name as an editor knows it; a history model names its record's kind."""
    record_model = getattr(model, "instance_type", None)  # django-simple-history's models
    if record_model is not None:
        return gettext("%(name)s (history)") % {"name": record_model._meta.verbose_name}
    return str(model._meta.verbose_name)


def permission_label(permission):
    """Return "app | model | what it allows", translated, for the permissions' widget."""
    model = permission.content_type.model_class()
    if model is None:  # A model since removed: its stored name is all there is.
        return str(permission)
    name = model_name(model)
    action = permission.codename.partition("_")[0]
    if action in DEFAULT_ACTIONS and permission.codename == f"{action}_{model._meta.model_name}":
        allows = DEFAULT_ACTIONS[action] % {"name": name}
    else:  # A permission of the model's Meta: its name is a translated text of the project.
        allows = gettext(permission.name)
    return f"{model._meta.app_config.verbose_name} | {capfirst(name)} | {allows}"


def translate_choices(formfield, db_field):
    if db_field.name in ("permissions", "user_permissions"):
        formfield.queryset = formfield.queryset.select_related("content_type")
        formfield.label_from_instance = permission_label
    elif db_field.name == "groups":
        formfield.label_from_instance = group_name
    return formfield


class TranslatedGroupFilter(admin.RelatedFieldListFilter):
    """The users' filter by group, with the groups' translated names."""

    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        return [(pk, gettext(name)) for pk, name in choices]


admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class TranslatedGroupAdmin(GroupAdmin):
    list_display = ["translated_name"]

    @admin.display(description=gettext_lazy("name"), ordering="name")
    def translated_name(self, group):
        return group_name(group)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        return translate_choices(formfield, db_field)


@admin.register(User)
class TranslatedUserAdmin(UserAdmin):
    list_filter = [
        ("groups", TranslatedGroupFilter) if name == "groups" else name
        for name in UserAdmin.list_filter
    ]

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        return translate_choices(formfield, db_field)
