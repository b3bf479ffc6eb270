"""Form fields of the admin that take values as editors type them."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.db import models

# Web addresses typed without a scheme ("www.club-strasbourg.eu") are taken as https://.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class CoordinateField(forms.DecimalField):
    """A latitude or longitude as a map gives it: a decimal point or comma, any number of
    decimals, rounded to the five the record keeps (about a metre).

    A text box, not type="number": browsers refuse a comma or extra decimals there with
    messages of their own, in their own language.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        number = super().to_python(value)
        if number is None or self.decimal_places is None:
            return number
        return number.quantize(Decimal(1).scaleb(-self.decimal_places), rounding=ROUND_HALF_UP)
