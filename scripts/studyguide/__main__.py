"""`python -m studyguide …`: the same as the `studyguide` command."""

from .command import entry

entry()
