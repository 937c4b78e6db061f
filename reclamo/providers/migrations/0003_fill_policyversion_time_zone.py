"""Copy each stored version's time zone out of its policy file (parsed once, here)."""

import yaml
from django.db import migrations


def fill_time_zone(apps, schema_editor):
    PolicyVersion = apps.get_model("providers", "PolicyVersion")
    for version in PolicyVersion.objects.only("pk", "source_text").iterator():
        # Stored files were validated when loaded; a plain YAML read is enough to find the key.
        document = yaml.safe_load(version.source_text)
        zone = document.get("time_zone") if isinstance(document, dict) else None
        if isinstance(zone, str) and zone:
            PolicyVersion.objects.filter(pk=version.pk).update(time_zone=zone)


class Migration(migrations.Migration):

    dependencies = [
        ('providers', '0002_policyversion_time_zone'),
    ]

    operations = [
        migrations.RunPython(fill_time_zone, migrations.RunPython.noop),
    ]
