from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="Report",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))],
            options={
                "verbose_name": "report",
                "verbose_name_plural": "reports",
                "permissions": [
                    ("view_report", "Can view reports and export published tables"),
                ],
                "managed": False,
                "default_permissions": (),
            },
        ),
    ]
