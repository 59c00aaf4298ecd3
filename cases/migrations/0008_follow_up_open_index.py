# Open follow-ups indexed (docs/scaling.md, "Cost as the record grows"): My deliberations'
# due box, the supervisor's count and the hourly sweep read only open follow-ups instead of
# every deliberation an owner ever had. Built CONCURRENTLY: writes to the deliberations go on
# while a large table is indexed.

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0007_learning_kinds"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="deliberation",
            index=models.Index(
                condition=models.Q(("follow_up_date__isnull", False), ("outcome", "")),
                fields=["owner", "follow_up_date"],
                name="delib_follow_up_open",
            ),
        ),
    ]
