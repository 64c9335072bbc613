"""The register declarations, one module per group of 一卡、二表、三簿、十冊 (and the rest).

Each register is a pydantic model (its fields typed from :mod:`storage.fields`, the shared
ones from :mod:`storage.registers.people`) plus one :class:`~storage.registers.base.Register`
entry. The rules over a register's records are functions beside its declaration, called by
the screens, the merge, the plan and the command line alike:

- a meeting's 應到/實到 and quorum: :mod:`storage.registers.books` (roll_counts, quorate,
  quorum_warning, member_attendance);
- an active member, on the rolls on a day: :mod:`storage.registers.forms` (active, on_rolls);
- a live, unreversed dues entry and when two are one payment: :mod:`storage.registers.rolls`
  (live_entry, live_entries, reversed_entries, net_payments, dues_identity);
- the words rosters use for a field: its ``Aliases`` (FieldSpec.aliases).

A new register: a model and a Register entry in the module of its group, added to that
module's REGISTERS.
"""
