"""How copies converge: the 總支's master copy and each 支部's copy exchange signed,
encrypted bundles of changes, and merge them field by field.

- :mod:`sync.keys`      each copy's key pair; the peers' public keys, pinned at enrolment
- :mod:`sync.enrol`     ``branch add`` on the master, ``init --join`` on a branch's laptop
- :mod:`sync.bundle`    one bundle file: write it; read and verify it (hostile input)
- :mod:`sync.state`     what this copy holds (its vector) and what each peer acknowledged
- :mod:`sync.outgoing`  what each peer is sent; writing its bundle
- :mod:`sync.merge`     verify authority, find conflicts, apply in one journal append
- :mod:`sync.conflicts` the conflicts kept beside the records; resolving them (for the
                        command line and for a conflicts screen: open_conflicts, describe,
                        resolve, dismiss)
- :mod:`sync.exchange`  both directions through a shared folder
- :mod:`sync.messages`  every text, in zh-Hant, zh-Hans and en

Backups and going back to one are :mod:`storage.backups` (files only, no sync).
The clock is :class:`storage.clock.HybridClock`; a change is a journal line
(:mod:`storage.journal`), merged by :func:`storage.store.apply_change`.

Nothing here imports Textual (tests/test_import_hygiene.py).
"""
