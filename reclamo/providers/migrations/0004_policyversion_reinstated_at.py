from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('providers', '0003_fill_policyversion_time_zone'),
    ]

    operations = [
        migrations.AddField(
            model_name='policyversion',
            name='reinstated_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reinstated at'),
        ),
    ]
