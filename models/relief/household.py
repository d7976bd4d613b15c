"""Which household a person belongs to: the one place that says so for the relief wing.

TODAY the key is the address (building / unit / room, or the free-text address when there is no
room), read from the register for a resident and from what was typed for anyone else, so two
people at the same door are one household. Households are being added to the residents wing
(another branch); when they land, household_of should return the resident's household from that
table instead (a typed-in person keeps the address key). Nothing else in the wing needs to change:
the key is stored on each beneficiary when it is added and compared as plain text.
"""
from __future__ import annotations

from models.common.text import remove_spaces


def household_of(resident_id: int | None, building: str = "", unit: str = "", room: str = "",
                 address: str = "") -> str:
    """The household key of a person: "" when nothing is known of where they live (such a person
    is never taken for another's household)."""
    if resident_id is not None:
        from models.residents.tables import Resident

        r = Resident.get_or_none(Resident.id == resident_id)
        if r is not None:
            building, unit, room, address = r.building, r.unit, r.room, r.address
    if not room.strip():
        return remove_spaces(address)
    parts = [building, unit, room]
    return "/".join(remove_spaces(p) for p in parts if p.strip())
