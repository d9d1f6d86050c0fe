# The storefront's first release. Product is created here; Customer and Order are unmanaged (their
# tables are created and changed by migrate, ../migrations/django), so these operations only record
# them in Django's migration state and run no SQL.
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sku", models.CharField(max_length=32)),
                ("name", models.TextField()),
                ("price_cents", models.BigIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="Customer",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("email", models.TextField(unique=True)),
                ("email_verified", models.BooleanField(default=False)),
                ("display_name", models.TextField(null=True)),
            ],
            options={"db_table": "customers", "managed": False},
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("total_cents", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"db_table": "orders", "managed": False},
        ),
    ]
