"""Coordinators record sales and consent and keep their communities' details.

Model permissions open the admin screens; which communities a coordinator sees and
changes is narrowed per object in views, services and admin querysets.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = {
    "community": ["view", "change"],
    "communityperson": ["add", "change", "delete", "view"],
    "consentrecord": ["add", "change", "delete", "view"],
    "salescampaign": ["add", "change", "view"],
    "salerecord": ["add", "change", "delete", "view"],
}
# People's photos are uploaded and chosen from the image library.
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def _create_permissions(apps):
    for label in ("communities", "wagtailimages"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    _create_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    for model, actions in COORDINATOR_PERMISSIONS.items():
        coordinators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="communities",
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=coordinators, collection=root, permission=permission
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is None:
        return
    coordinators.permissions.remove(
        *coordinators.permissions.filter(content_type__app_label="communities")
    )
    GroupCollectionPermission.objects.filter(
        group=coordinators,
        permission__content_type__app_label="wagtailimages",
        permission__codename__in=IMAGE_PERMISSIONS,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0002_showcase_and_sales"),
        ("accounts", "0002_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
