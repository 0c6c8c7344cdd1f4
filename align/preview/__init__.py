"""A preview page to look at and listen to before publishing: ``write_preview``.

``source`` takes what the pipeline made (the one module that knows its types), ``flags``
gathers what needs a look, ``colours`` picks speaker colours, ``page`` renders the page
from ``page.html``, ``preview.css`` and ``preview.js``, and ``folder`` writes it all.
"""

from align.preview.folder import AudioPlacement, PreviewReport, write_preview

__all__ = ["AudioPlacement", "PreviewReport", "write_preview"]
