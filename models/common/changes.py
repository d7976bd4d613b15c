"""What a write changed, as flags a view can test (after Anki's OpChanges).

Every write from the window is announced once, after it succeeded, with a Changes value; each view
reads the flags that concern it and refreshes only then:

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.plans:
            self.refresh()

A new area adds its flag here (default False), announces it from its writes and tests it in its
views; nothing else has to change. No Qt here: models/ and the command line may build these too.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Changes:
    plans: bool = False  # activity plans (the plans list, the sign-ups' activity choice)
    residents: bool = False  # the residents roster (and the recycle bin)
    households: bool = False  # who lives together (today the 户号 on each resident)
    signups: bool = False  # sign-ups, waiting lists and check-ins
    volunteers: bool = False
    contests: bool = False  # contests and honours
    relief: bool = False  # relief campaigns (送温暖慰问)
    feedback: bool = False  # feedback forms, responses, the summary's photos and outline
    datafile: bool = False  # the whole file was replaced (restored from a backup)

    @classmethod
    def everything(cls) -> Changes:
        """Every flag set: after the data file was replaced, every view re-reads."""
        return cls(**{f.name: True for f in fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        if not isinstance(other, Changes):
            return NotImplemented
        return replace(self, **{f.name: True for f in fields(self) if getattr(other, f.name)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


# A resident's household is one of its fields, so a roster write may change households too.
RESIDENTS = Changes(residents=True, households=True)
PLANS = Changes(plans=True)
SIGNUPS = Changes(signups=True)
FEEDBACK = Changes(feedback=True)
