"""A minimal XLSX (Office Open XML) writer for text-only sheets.

openpyxl was the slowest part of the build at a thousand jurisdictions (over half of generation);
the workbook needs only text cells, a bold frozen header, wrapped long cells and column widths, which
are a few fixed XML parts. Every value is an inline string (``t="inlineStr"``), so nothing is ever
read as a number, date or formula. Zip members carry a fixed timestamp: same data, same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Characters XML 1.0 cannot carry; the validator refuses them in entries, this is the last guard.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WRAP_FROM = 60  # cells longer than this wrap; columns are at most this wide
FAST = 1  # zlib level: a third of the time of the default for a quarter more bytes
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: Sequence[Sequence[str]]
    header_row: int  # 1-based; bold, and the panes freeze below it


def column_letter(n: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _text(value: object) -> str:
    """Text for the workbook's own parts, also safe inside an attribute."""
    return _cell_text(_ILLEGAL.sub("", str(value))).replace('"', "&quot;")


def _cell_text(text: str) -> str:
    """XML-escaped cell text (characters XML cannot carry are dropped per chunk, see below)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


ROWS_PER_CHUNK = 256  # each chunk is one call into the compressor


def _sheet_xml(sheet: Sheet) -> Iterator[str]:
    """The worksheet XML, a few hundred rows at a time."""
    widths: dict[int, int] = {}
    for row in sheet.rows:
        for c, value in enumerate(row, start=1):
            width = min(WRAP_FROM, len(value if isinstance(value, str) else str(value)) + 2)
            if width > widths.get(c, 8):
                widths[c] = width
            else:
                widths.setdefault(c, 8)
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>' for c, w in sorted(widths.items()))
    letters = [column_letter(c) for c in range(1, max(widths, default=0) + 1)]
    yield (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS}>'
        f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{sheet.header_row}" topLeftCell="A{sheet.header_row + 1}" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>"
    )
    chunk: list[str] = []
    for r, row in enumerate(sheet.rows, start=1):
        cells = []
        for letter, value in zip(letters, row, strict=False):
            text = value if isinstance(value, str) else str(value)
            style = ' s="1"' if r == sheet.header_row else (' s="2"' if len(text) > WRAP_FROM else "")
            cells.append(f'<c r="{letter}{r}" t="inlineStr"{style}><is><t xml:space="preserve">{_cell_text(text)}</t></is></c>')
        chunk.append(f'<row r="{r}">{"".join(cells)}</row>')
        if len(chunk) == ROWS_PER_CHUNK:
            yield _ILLEGAL.sub("", "".join(chunk))
            chunk = []
    yield _ILLEGAL.sub("", "".join(chunk)) + "</sheetData></worksheet>"


_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {_NS}>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def workbook_bytes(sheets: Sequence[Sheet], created: dt.datetime, creator: str) -> bytes:
    """The workbook as bytes; ``created`` stamps the document properties (not the clock)."""
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    n = len(sheets)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, n + 1)
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>'
        ),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{_text(creator)}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} xmlns:r="{_REL}"><sheets>'
            + "".join(f'<sheet name="{_text(s.title)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, start=1))
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
            + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": _STYLES,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
        for i, sheet in enumerate(sheets, start=1):
            info = zipfile.ZipInfo(f"xl/worksheets/sheet{i}.xml", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info._compresslevel = FAST  # type: ignore[attr-defined]  # (public as compress_level from Python 3.13)
            with z.open(info, "w") as out:
                for chunk in _sheet_xml(sheet):
                    out.write(chunk.encode("utf-8"))
    return buf.getvalue()
