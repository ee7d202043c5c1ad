"""A module without `period_figures`: the registry skips it."""

SOMETHING_ELSE = 1
