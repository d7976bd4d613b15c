"""Which household a person belongs to: the one place that says so for the relief wing.

A resident who belongs to a household of the register (models/residents/households) takes that
household's key: its 户号 when it has one, else the household's own address, so members whose own
address cells are blank or differ are still one household. Anyone else (not in the register, or
in no household yet) is keyed by address (building / unit / room, or the free-text address when
there is no room), so two people at the same door count as one household. The key is stored on
each beneficiary when it is added and compared as plain text, and it is shown to the clerk in the
duplicate check's reason, so it stays readable.
"""
from __future__ import annotations

from models.common.text import remove_spaces


def household_of(resident_id: int | None, building: str = "", unit: str = "", room: str = "",
                 address: str = "") -> str:
    """The household key of a person: "" when nothing is known of where they live (such a person
    is never taken for another's household)."""
    if resident_id is not None:
        from models.residents.households import household_of as register_household
        from models.residents.tables import Resident

        home = register_household(resident_id, include_left=True)
        if home is not None:
            if home.number.strip():
                return "户号" + remove_spaces(home.number)
            building, unit, room, address = home.building, home.unit, home.room, home.address
            return _address_key(building, unit, room, address)

        r = Resident.get_or_none(Resident.id == resident_id)
        if r is not None:
            building, unit, room, address = r.building, r.unit, r.room, r.address
    return _address_key(building, unit, room, address)


def _address_key(building: str, unit: str, room: str, address: str) -> str:
    if not room.strip():
        return remove_spaces(address)
    parts = [building, unit, room]
    return "/".join(remove_spaces(p) for p in parts if p.strip())
