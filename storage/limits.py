"""How far a typed value may go: years, money and counts. Beyond these a value is a slip
of the keyboard (26 for 2026, an extra zero) or an attack, and arithmetic on it would
leave the calendar or Decimal's precision. Kept apart from :mod:`storage.fields` so the
command line can check an option without loading pydantic."""

from __future__ import annotations

from decimal import Decimal

#: The years a register speaks of, in a year of the plan or a month.
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: A date reaches further back: the first 身份證號 went to people born in the 1880s.
FIRST_DATE_YEAR = 1800

#: No amount a village's registers hold comes near this (a rich person's yearly income
#: included); past 10**26 yuan the fen would not even fit Decimal's 28 digits.
MONEY_LIMIT = Decimal(100_000_000)

#: A month's dues, or the monthly income they are reckoned from, above this is absurd.
DUES_LIMIT = Decimal(1_000_000)

#: More people, households, months or results than anything here counts.
COUNT_LIMIT = 10_000_000
