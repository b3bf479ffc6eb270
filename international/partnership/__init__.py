"""The form "Propose a partnership or request a visit", beside the responsible unit's contacts.

It shares the feedback form's protections (feedback/: the hidden field, the rate limit,
the form given back on a stale token) and its notice to staff.
"""
