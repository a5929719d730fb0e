from django.contrib.auth.management import create_permissions
from django.db import migrations

from home.pagetree import add_child_page

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
SNIPPET_PERMISSIONS = {
    "courses": [
        f"{action}_{model}"
        for model in ("topic", "expertprofile")
        for action in ("add", "change", "delete", "view")
    ],
}


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth.Permission")
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def setup(apps, schema_editor):
    # Permissions of models created in this run only exist after post_migrate; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")

    catalogue = CourseIndexPage.objects.first()
    home = Page.objects.filter(depth=2, content_type__app_label="home").first()
    if catalogue is None and home is not None:
        catalogue = add_child_page(
            apps, home, "courses.CourseIndexPage",
            title="หลักสูตร", slug="courses", live=True, show_in_menus=True,
            intro="<p>เลือกเรียนหลักสูตรพัฒนาสินค้าชุมชนและการขายออนไลน์ เรียนได้ตามจังหวะของคุณ</p>",
        )

    experts, _ = Group.objects.get_or_create(name="Experts")
    if catalogue is not None:
        for permission in _permissions(apps, "wagtailcore", PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=experts, page_id=catalogue.pk, permission=permission
            )
    root_collection = Collection.objects.filter(depth=1).first()
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for permission in _permissions(apps, app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=experts, collection=root_collection, permission=permission
            )
    for app_label, codenames in SNIPPET_PERMISSIONS.items():
        experts.permissions.add(*_permissions(apps, app_label, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("accounts", "0002_groups"),
        ("home", "0002_create_homepage"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
