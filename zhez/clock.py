"""Time as Zhezkazgan reads it: moments stored in UTC, shown in the city's time zone, the zone named in files.

Zhezkazgan is in the Ulytau region, which the tz database counts under ``Asia/Almaty`` ("most of
Kazakhstan"); since 1 March 2024 all of Kazakhstan keeps UTC+05:00 (tzdata 2024a). The zone is a setting
(``time_zone`` in ``.streamlit/secrets.toml``), so a later change of the country's clocks is a tzdata
upgrade, not a code change.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

DEFAULT_ZONE = "Asia/Almaty"


def zone(name: str | None = None) -> zoneinfo.ZoneInfo:
    """The time zone ``name`` (the default when empty); ``ValueError`` for a name the tz database lacks."""
    try:
        return zoneinfo.ZoneInfo((name or DEFAULT_ZONE).strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r} (a tz database name such as {DEFAULT_ZONE})") from error


def local(moment: dt.datetime, where: zoneinfo.ZoneInfo) -> dt.datetime:
    """``moment`` on the clocks of ``where`` (a naive moment is taken as UTC, as the store keeps them)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(where)


def when(moment: object, where: zoneinfo.ZoneInfo, seconds: bool = False) -> str:
    """``2026-12-02 05:39`` in local time; ``""`` for no moment (None, NaT)."""
    if not isinstance(moment, dt.datetime) or moment != moment:  # NaT is a datetime unequal to itself
        return ""
    return local(moment, where).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def day(moment: object, where: zoneinfo.ZoneInfo | None = None) -> dt.date | None:
    """The day a stored moment falls on the clocks of ``where`` (Zhezkazgan's when not given): a value approved at
    22:05 UTC on 7 December was approved on 8 December in the city. ``None`` for no moment (None, NaN, NaT);
    an ISO text is read; a plain date is its own day."""
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return None
    if isinstance(moment, dt.datetime):
        return None if moment != moment else local(moment, where or zone()).date()  # NaT is unequal to itself
    return moment if isinstance(moment, dt.date) else None


def day_text(moment: object, where: zoneinfo.ZoneInfo | None = None) -> str:
    """``2026-12-08``: ``day`` as an ISO date; "" for no moment."""
    found = day(moment, where)
    return found.isoformat() if found else ""


def today(where: zoneinfo.ZoneInfo, now: dt.datetime | None = None) -> dt.date:
    """The date on the clocks of ``where`` (at midnight UTC it is already 5 a.m. in Zhezkazgan)."""
    return local(now or dt.datetime.now(dt.UTC), where).date()


def zone_label(where: zoneinfo.ZoneInfo, at: dt.datetime | None = None) -> str:
    """``Asia/Almaty, UTC+05:00``: the zone and its offset at ``at`` (now), for files and column headings."""
    offset = local(at or dt.datetime.now(dt.UTC), where).strftime("%z")
    return f"{where.key}, UTC{offset[:3]}:{offset[3:]}"
