"""How copies converge: the 總支's master copy and each 支部's copy exchange signed,
encrypted bundles of changes, and merge them field by field.

- :mod:`sync.keys`      each copy's key pair; the peers' public keys, pinned at enrolment
- :mod:`sync.enrol`     ``branch add`` on the master, ``init --join`` on a branch's laptop
- :mod:`sync.bundle`    one bundle file: write it; read and verify it (hostile input)
- :mod:`sync.peers`     what each peer holds (acknowledgements) and what it is sent
- :mod:`sync.merge`     verify authority, find conflicts, apply in one journal append
- :mod:`sync.conflicts` the conflicts kept beside the records; resolving them
- :mod:`sync.restore`   going back to a backup

Nothing here imports Textual (tests/test_import_hygiene.py).
"""
