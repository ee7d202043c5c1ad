"""Static files in production: WhiteNoise's compressed, hashed copies, without source-map references.

The vendored Leaflet and markercluster builds end with `//# sourceMappingURL=….js.map`, a file we do not
ship (the maps only help debugging the libraries). Django's manifest storage would refuse to collect a
JS file referring to a missing file, so JS files are left as they are; CSS `url()` and `@import`
references are still rewritten to the hashed names.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (extension, rules)
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
        if extension != "*.js"
    )
