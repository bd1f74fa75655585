from datetime import timedelta

from django.db import migrations, models
from django.utils.crypto import salted_hmac

# As AbstractBaseUser.get_session_auth_hash computes it (a historical model has no methods).
SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"


def stamp_existing_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Tokens made before expiry existed end 90 days after they were made, and end at
    the user's next password change like new ones."""
    api_token = apps.get_model("base", "ApiToken")
    for token in api_token.objects.select_related("user").iterator():
        token.expires = token.created + timedelta(days=90)
        token.password_stamp = salted_hmac(
            SALT, token.user.password, algorithm="sha256"
        ).hexdigest()
        token.save(update_fields=["expires", "password_stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0006_agency_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_stamp",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(stamp_existing_tokens, migrations.RunPython.noop),
    ]
