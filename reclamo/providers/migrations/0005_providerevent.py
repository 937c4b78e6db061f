import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('providers', '0004_policyversion_reinstated_at'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProviderEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='at')),
                ('actor', models.CharField(max_length=150, verbose_name='actor')),
                ('type', models.CharField(choices=[('provider_activated', 'Provider activated'), ('provider_deactivated', 'Provider deactivated'), ('policy_version_loaded', 'Policy version loaded'), ('policy_version_reinstated', 'Policy version reinstated'), ('integration_token_issued', 'Integration token issued'), ('integration_token_labelled', 'Integration token labelled'), ('integration_token_revoked', 'Integration token revoked')], max_length=40, verbose_name='type')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='data')),
                ('provider', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='providers.provider')),
            ],
            options={
                'verbose_name': 'provider event',
                'verbose_name_plural': 'provider events',
                'ordering': ['-at', '-pk'],
            },
        ),
    ]
