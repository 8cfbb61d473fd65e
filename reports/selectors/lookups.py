"""`AnyOf`: a column among a list of values, the list sent as one array parameter.

A province's report filters on some 25,000 programme ids; `__in` prepares and quotes
them one by one in Python for each query (1–2 s of a province's gathering), where
PostgreSQL takes the whole list as a single array (`= ANY(%s)`), the same plan.
"""

from django.db.models import Lookup


class AnyOf(Lookup):
    """`.filter(AnyOf(F("programme_id"), ids))`: the column equals one of `ids`."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)
        if not self.rhs:
            return "1 = 0", tuple(lhs_params)
        marks = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({marks})", (*lhs_params, *self.rhs)
