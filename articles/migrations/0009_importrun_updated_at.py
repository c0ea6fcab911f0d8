import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_article_original_digest"),
    ]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, help_text="Last progress saved."
            ),
            preserve_default=False,
        ),
    ]
