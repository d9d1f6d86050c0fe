"""The storefront's models.

Product is Django's own table: its schema changes are Django migrations (store/migrations). Customer
and Order are shared with the API's reports and change without downtime through `migrate`
(../migrations/django), so Django only reads and writes them: managed = False, and their migrations
here only record their state.
"""
from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=32)
    name = models.TextField()
    price_cents = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["sku"], name="store_product_sku_idx")]


class Customer(models.Model):
    id = models.BigAutoField(primary_key=True)
    email = models.TextField(unique=True)
    # Added by 20251107120000_email_verified, NOT NULL since 20251114090000_email_verified_not_null.
    email_verified = models.BooleanField(default=False)
    # full_name until 20251118090000_rename_full_name; its trigger keeps both filled in between.
    display_name = models.TextField(null=True)

    class Meta:
        managed = False
        db_table = "customers"


class Order(models.Model):
    id = models.BigAutoField(primary_key=True)
    customer = models.ForeignKey(Customer, on_delete=models.DO_NOTHING, related_name="orders")
    total_cents = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        managed = False
        db_table = "orders"
