"""The demo after the 2025 reorganisation (parties/demo_reorganisation.py): the Thanh Trì
programme passes to the bodies of xã Đại Thanh, so that they find it, see its history and
report on it. Which bodies take it over is illustrative (the reorganisation's note says
so); the handover itself is the one the app records for any programme."""

from agreements.models import Programme
from agreements.services import programme_hand_over, programmes_to_settle

# (programme key, ended party key, successor key)
HANDOVERS = [
    ("thanhtri-2017", "btghu-thanhtri", "du-daithanh"),
    ("thanhtri-2017", "ubnd-thanhtri", "ubnd-daithanh"),
]


def hand_over_thanh_tri(registry):
    """Hand the programme over once; on a second run there is nothing left to settle."""
    act = getattr(registry, "reorganisation", None)
    if act is None:
        return 0
    pending = set(programmes_to_settle(act).values_list("pk", flat=True))
    done = 0
    for key, old, new in HANDOVERS:
        programme = registry.programmes.get(key)
        if programme is None or programme.pk not in pending:
            continue
        programme_hand_over(
            programme=Programme.objects.get(pk=programme.pk),
            reorganisation=act,
            from_body=registry.body(old),
            to_body=registry.body(new),
        )
        done += 1
    return done
