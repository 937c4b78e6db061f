"""The complaint register: the case record and its deadline rows, the append-only audit trail,
gapless numbering, the intake log of every raw submission, and attachments."""
