"""The listing record: what a column's list says of one item, as the crawler hands it to the pipelines."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class ListingRecord:
    """One row of a column's list (or one article of a list API).

    ``date`` is the row's date as YYYY-MM-DD; ``published`` the raw publish time when the API
    gives one (epoch, date-time); the other fields are what some lists show beside the title.
    """

    url: str
    title: str | None = None
    date: str | None = None
    published: str | int | None = None
    index_no: str | None = None
    agency: str | None = None
    doc_no: str | None = None

    def as_dict(self) -> dict:
        return {name: value for name, value in asdict(self).items() if value is not None}

    @classmethod
    def coerce(cls, value: "ListingRecord | dict | None") -> "ListingRecord | None":
        """A record from a record or a plain mapping (a feed or an older queue); None stays None."""
        if value is None or isinstance(value, cls):
            return value
        known = {field.name for field in fields(cls)}
        return cls(**{"url": "", **{name: item for name, item in value.items() if name in known}})
