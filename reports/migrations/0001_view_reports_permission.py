from django.db import migrations

# The reports have no model of their own; the permission hangs on a content type named for the
# app, the way Wagtail's "access_admin" permission does.
CODENAME = "view_reports"


def create_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="reports", model="reports")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can view coordinator reports"},
    )
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    coordinators.permissions.add(permission)


def remove_permission(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(content_type__app_label="reports", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_permission, remove_permission)]
