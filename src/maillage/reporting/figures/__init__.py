"""`period_figures` for the modules that had none when the reports were written (census, map and open
data counters, agenda); each module is named in `reporting.providers.PROVIDERS` like any other."""
