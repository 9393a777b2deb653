"""Real outages as model input: measured connectivity curves (:mod:`.measured`).

The measurement data themselves are not shipped (their licences differ: Monash IP Observatory
curves GPL-3.0, IODA's curated list none stated, #KeepItOn Access Now's terms); these modules read
the files a user downloads (docs/outages.md says where).
"""
