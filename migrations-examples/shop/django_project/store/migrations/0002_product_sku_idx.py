# An index on a table that already has rows, built without blocking writes: Django's
# AddIndexConcurrently (django.contrib.postgres), in a migration that is not atomic, because
# CREATE INDEX CONCURRENTLY cannot run in a transaction. `makemigrations` writes AddIndex, which
# `manage.py sqlmigrate store 0002 | migrate lint -` reports as index-not-concurrent.
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("store", "0001_initial")]

    operations = [
        AddIndexConcurrently(
            model_name="product",
            index=models.Index(fields=["sku"], name="store_product_sku_idx"),
        ),
    ]
