"""Bundled demo sites: local mock government sites served on 127.0.0.1 for ``nianbao demo``
and for the test-suite, built after the real pages described in the field guide."""
