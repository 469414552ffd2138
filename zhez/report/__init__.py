"""The report on the plan's implementation, and the one-page indicator sheets.

``gather`` reads what a report may print from the store (approved values; a coordinator's draft adds the
submitted ones), ``build`` turns it into a ``Report`` — plain content in the reader's language, every number
already formatted — and ``docx_bytes`` / ``pdf_bytes`` lay the same content out as an editable Word file or
a PDF. ``sheets_pdf`` draws the indicator sheets.
"""

from zhez.report.content import Report, Sources, build, check_period, gather
from zhez.report.pdf import pdf_bytes, sheets_pdf
from zhez.report.sheet import Sheet, indicator_sheets
from zhez.report.word import docx_bytes

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"

__all__ = [
    "DOCX_MIME",
    "PDF_MIME",
    "Report",
    "Sheet",
    "Sources",
    "build",
    "check_period",
    "docx_bytes",
    "gather",
    "indicator_sheets",
    "pdf_bytes",
    "sheets_pdf",
]
