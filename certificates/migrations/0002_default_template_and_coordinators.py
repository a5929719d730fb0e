from django.contrib.auth.management import create_permissions
from django.db import migrations

PARTNERS = [
    "Local Alike",
    "มูลนิธิตลาดหลักทรัพย์แห่งประเทศไทย",
    "สมาคมห้องสมุดแห่งประเทศไทยฯ",
]


def setup(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificatePartner = apps.get_model("certificates", "CertificatePartner")
    if not CertificateTemplate.objects.filter(is_default=True).exists():
        template = CertificateTemplate.objects.create(
            name="ประกาศนียบัตรมาตรฐาน",
            heading="ประกาศนียบัตร",
            heading_en="Certificate of Completion",
            signatory_title="ผู้อำนวยการโครงการ",
            signatory_title_en="Project Director",
            accent_colour="#1F6F50",
            is_default=True,
        )
        for order, name in enumerate(PARTNERS):
            CertificatePartner.objects.create(template=template, name=name, sort_order=order)

    # Coordinators look after their communities' certificates in the admin.
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    coordinators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="certificates", codename="view_certificate"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
