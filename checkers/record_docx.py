"""The decision record as a Word document (.docx), written with the standard library alone.

A .docx is a zip of XML parts (Office Open XML, WordprocessingML). This writes the few parts Word,
LibreOffice and Google Docs need: the document, its styles (title, headings, list paragraphs), the
numbering of the two kinds of list, and the document's properties (its title and date). It runs
unchanged in the browser's Pyodide, so the page offers the same bytes the command line writes.

The practitioner's words are data, as in every other output (decision_record.py): each line as
`shown_lines` gives it (every kind of line break a break, unseen control characters shown as
[U+XXXX]), XML-escaped, in runs that keep their spaces (xml:space="preserve"), with a line break as
<w:br/> and a tab as <w:tab/>. XML 1.0 cannot hold U+FFFE and U+FFFF at all: they are shown the same
way, [U+FFFE], so nothing typed is lost or silently changed. The zip's entries are stored (not
compressed) with a fixed timestamp, so the same record always gives the same bytes, in CPython and in
Pyodide alike.
"""

from __future__ import annotations

import io
import re
import zipfile

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# 1 January 1980, the earliest date a zip entry can carry: no clock in the file.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_NOT_XML = re.compile("[\ufffe\uffff]")  # the two characters XML 1.0 forbids that shown_lines keeps

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Numbering: 1 is a bulleted list, 2 a numbered one.
BULLETS, NUMBERS = 1, 2


def xml_text(text: str) -> str:
    """Text for an XML element's content: escaped, and without a character XML cannot hold."""
    text = _NOT_XML.sub(lambda match: f"[U+{ord(match.group()):04X}]", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(lines: list[str], bold: bool = False) -> str:
    """One run holding lines of text: each line break a <w:br/>, each tab a <w:tab/>, spaces kept."""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    parts: list[str] = []
    for number, line in enumerate(lines):
        if number:
            parts.append("<w:br/>")
        for index, piece in enumerate(line.split("\t")):
            if index:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>')
    return f"<w:r>{properties}{''.join(parts)}</w:r>"


def paragraph(runs: list[str], style: str | None = None, numbering: int | None = None, keep_with_next: bool = False) -> str:
    properties = []
    if style:
        properties.append(f'<w:pStyle w:val="{style}"/>')
    if keep_with_next:
        properties.append("<w:keepNext/>")
    if numbering:
        properties.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbering}"/></w:numPr>')
    head = f"<w:pPr>{''.join(properties)}</w:pPr>" if properties else ""
    return f"<w:p>{head}{''.join(runs)}</w:p>"


def document_xml(body: list[str]) -> str:
    # A4, with 2 cm margins (in twentieths of a point).
    section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>'
               "</w:sectPr>")
    return (f'{_DECLARATION}<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
            + "".join(body) + section + "</w:body></w:document>")


def _style(style_id: str, name: str, properties: str = "", run_properties: str = "", kind: str = "paragraph") -> str:
    default = ' w:default="1"' if style_id == "Normal" else ""
    return (f'<w:style w:type="{kind}"{default} w:styleId="{style_id}"><w:name w:val="{name}"/>'
            + ('<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>' if style_id != "Normal" else "")
            + '<w:qFormat/>'
            + (f"<w:pPr>{properties}</w:pPr>" if properties else "")
            + (f"<w:rPr>{run_properties}</w:rPr>" if run_properties else "") + "</w:style>")


STYLES = (
    f'{_DECLARATION}<w:styles xmlns:w="{_W}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    + _style("Normal", "Normal")
    + _style("Title", "Title", '<w:spacing w:after="240"/><w:outlineLvl w:val="0"/>', '<w:b/><w:sz w:val="40"/><w:szCs w:val="40"/>')
    + _style("Heading1", "heading 1", '<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
             '<w:b/><w:sz w:val="32"/><w:szCs w:val="32"/>')
    + _style("Heading2", "heading 2", '<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>',
             '<w:b/><w:sz w:val="26"/><w:szCs w:val="26"/>')
    + _style("ListParagraph", "List Paragraph", '<w:spacing w:after="60"/><w:ind w:left="720"/>')
    + "</w:styles>"
)


def _list_level(format_: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{format_}"/><w:lvlText w:val="{text}"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>')


NUMBERING = (
    f'{_DECLARATION}<w:numbering xmlns:w="{_W}">'
    f'<w:abstractNum w:abstractNumId="{BULLETS}">{_list_level("bullet", chr(0x2022))}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="{NUMBERS}">{_list_level("decimal", "%1.")}</w:abstractNum>'
    f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="{BULLETS}"/></w:num>'
    f'<w:num w:numId="{NUMBERS}"><w:abstractNumId w:val="{NUMBERS}"/></w:num>'
    "</w:numbering>"
)

CONTENT_TYPES = (
    f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELATIONSHIPS = (
    f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELATIONSHIPS = (
    f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    "</Relationships>"
)


def core_properties(title: str, date: str) -> str:
    """The document's title, and its date (the record's date, at midnight: no clock in the file)."""
    return (
        f'{_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


def package(body: list[str], title: str, date: str) -> bytes:
    """The .docx file: the parts in a zip, stored, each with the same fixed timestamp."""
    parts = (
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS),
        ("docProps/core.xml", core_properties(title, date)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELATIONSHIPS),
        ("word/document.xml", document_xml(body)),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, text in parts:
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_STORED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()
