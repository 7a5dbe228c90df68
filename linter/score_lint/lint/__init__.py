"""The lint wing: an env file's entries, as Score receives them, checked by the rules in ``lint.rules``."""
