"""The plan's rules over the records: targets, the 五好 checklist, dues, members'
development, and what needs action. Reads the store; writes only through it."""
