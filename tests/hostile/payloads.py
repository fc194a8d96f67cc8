"""Markdown and text payloads for the writers: each carries a marker that must stay visible."""

from __future__ import annotations

from typing import Any

import yaml

# name → Markdown text; MARK is replaced by the field's own marker word.
MARKDOWN_PAYLOADS: dict[str, str] = {
    "script": "Before <script>alert('MARK')</script> after",
    "script-block": "<script>\nalert('MARK')\n</script>\n",
    "img-onerror": '<img src=x onerror="alert(1)"> MARK',
    "iframe": "<iframe src='https://evil.example'></iframe>MARK",
    "html-comment": "MARK <!-- hidden --> shown",
    "javascript-link": "[click MARK](javascript:alert(1))",
    "javascript-link-obfuscated": "[click MARK](JaVaScRiPt&#58;alert(1))",
    "javascript-link-entity-tab": "[click MARK](java&#9;script:alert(1))",
    "javascript-autolink": "<javascript:alert('MARK')>",
    "vbscript-link": "[MARK](vbscript:msgbox(1))",
    "data-link": "[MARK](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data-image": "![MARK](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "file-link": "[MARK](file:///etc/passwd)",
    "reference-link": "[MARK][evil]\n\n[evil]: javascript:alert(1)",
    "link-title-quote": '[MARK](https://example.com "t\\" onmouseover=\\"alert(1))',
    # Indented nesting costs two spaces a level: 250 levels fit the Markdown bound.
    "nested-list-250": "".join("  " * i + f"- {i}\n" for i in range(249)) + "  " * 249 + "- MARK\n",
    "nested-ordered-1000": "1. " * 1000 + "MARK\n",
    "nested-quote-1000": "> " * 1000 + "MARK\n",
    "nested-compact-list-1000": "- " * 1000 + "MARK\n",
    "nested-brackets": "[" * 20_000 + "MARK" + "]" * 20_000,
    "emphasis-storm": "MARK " + "*a" * 49_996,  # with "MARK " (8 characters): exactly the bound
    "underscore-storm": "MARK " + "_a" * 49_996,  # with "MARK " (8 characters): exactly the bound
    "backtick-storm": "MARK " + "`a" * 49_996,  # with "MARK " (8 characters): exactly the bound
    "heading-injection": "MARK\n# Injected heading\n---\n",
    "table-wide": "MARK\n\n" + "|a" * 2000 + "|\n" + "|-" * 2000 + "|\n" + "|x" * 2000 + "|\n",
}

# Plain-text fields are shown as written: Markdown or HTML in them must stay inert too.
TEXT_PAYLOADS: dict[str, str] = {
    "text-script": "<script>alert('MARK')</script>",
    "text-link": "[MARK](javascript:alert(1))",
    "text-heading": "# MARK",
    "text-pipe": "a | MARK | b",
    "text-mermaid": 'MARK"] --> X\nclick X "javascript:alert(1)"\n%%{init: {"securityLevel": "loose"}}%%',
}


def marker(index: int) -> str:
    """A word no template or label contains."""
    return f"Zq{index:03d}qZ"


def payload_document(skip: tuple[str, ...] = ()) -> tuple[bytes, dict[str, str]]:
    """A valid draft holding every payload but `skip`, and the marker each must show."""
    markers: dict[str, str] = {}

    def put(name: str) -> str:
        word = marker(len(markers))
        markers[name] = word
        return {**MARKDOWN_PAYLOADS, **TEXT_PAYLOADS}[name].replace("MARK", word)

    requirements: list[dict[str, Any]] = [
        {
            "id": f"R{index}",
            "title": f"Requirement {index}",
            "priority": "could",
            "description": put(name),
        }
        for index, name in enumerate(n for n in MARKDOWN_PAYLOADS if n not in skip)
    ]
    requirements[0]["title"] = put("text-script")
    requirements[1]["title"] = put("text-link")
    requirements[2]["title"] = put("text-heading")
    steps = [{"id": "a", "action": put("text-mermaid")}, {"id": "b", "action": "Done"}]
    data = {
        "prdkit": 1,
        "meta": {
            "id": "payloads",
            "title": "Payloads",
            "version": "1.0",
            "status": "draft",
            "owner": "Ann",
            "created": "2026-01-01",
        },
        "stakeholders": [{"id": "S1", "name": put("text-pipe")}],
        "requirements": requirements,
        "flows": [{"id": "F1", "name": "Flow", "steps": steps}],
    }
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20)
    return text.encode("utf-8"), markers
