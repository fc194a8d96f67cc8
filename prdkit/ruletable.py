"""The rule table: every rule id with its default severity, summary and fix, in one place."""

from __future__ import annotations

from prdkit.diagnostics import Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


# The rule table. Families: "io" and "load" (reading the file), "schema" (structure),
# the rest are semantic rules in prdkit/rules/. Add, never renumber or reuse.
_TABLE: tuple[Rule, ...] = (
    # -- reading the file
    Rule(
        "file-too-large",
        E,
        "load",
        "The file is larger than the configured limit.",
        "Split the document, or raise `max-bytes` in the configuration.",
    ),
    Rule(
        "encoding",
        E,
        "load",
        "The file is not UTF-8 text (UTF-16/32 or invalid bytes).",
        "Save the file as UTF-8.",
    ),
    Rule(
        "yaml-syntax",
        E,
        "load",
        "The text is not well-formed YAML.",
        "Fix the syntax at the position shown; indentation uses spaces, never tabs.",
    ),
    Rule(
        "json-syntax",
        E,
        "load",
        "A `.prd.json` file is not strict JSON.",
        "Remove trailing commas and comments; use null/true/false and finite numbers.",
    ),
    Rule(
        "multiple-documents",
        E,
        "load",
        "The file holds more than one YAML document.",
        "Keep one PRD per file; remove the extra `---` document.",
    ),
    Rule(
        "empty-document", E, "load", "The file holds no document.", "Start from `prdkit new NAME`."
    ),
    Rule(
        "not-a-mapping",
        E,
        "load",
        "The document is not a mapping of sections.",
        "The top level must be `key: value` pairs such as `prdkit: 1` and `meta:`.",
    ),
    Rule(
        "duplicate-key",
        E,
        "load",
        "A key appears twice in the same mapping.",
        "Remove or rename one of the two keys; YAML would silently keep only the last.",
    ),
    Rule(
        "key-not-string",
        E,
        "load",
        "A mapping key is not text (a number, list or null).",
        "Quote the key or rename it.",
    ),
    Rule(
        "explicit-tag",
        E,
        "load",
        "An explicit YAML tag such as `!!binary` or `!custom`.",
        "Remove the tag; PRD values are plain text, numbers, booleans, lists and mappings.",
    ),
    Rule(
        "alias",
        E,
        "load",
        "A YAML anchor (`&a`) or alias (`*a`).",
        "Write the value out where it is used.",
    ),
    Rule("merge-key", E, "load", "A YAML merge key (`<<`).", "Write the merged keys out."),
    Rule(
        "control-character",
        E,
        "load",
        "Text holds a control character, lone surrogate or Unicode non-character.",
        "Delete the invisible character; only tab and newline are allowed.",
    ),
    Rule(
        "too-deep",
        E,
        "load",
        "Nesting goes deeper than the configured limit.",
        "PRDs need only a few levels of nesting; flatten the structure.",
    ),
    Rule(
        "too-many-nodes",
        E,
        "load",
        "The document has more values than the configured limit.",
        "Split the document.",
    ),
    Rule(
        "bad-number",
        E,
        "load",
        "A number that is not finite or has too many digits.",
        "Use an ordinary finite number, or quote the value to keep it as text.",
    ),
    Rule(
        "string-too-long",
        E,
        "load",
        "A text value is longer than the configured limit.",
        "Shorten the text or move it to a linked document.",
    ),
    # -- structure (the JSON Schema)
    Rule(
        "schema-required",
        E,
        "schema",
        "A required field is missing.",
        "Add the field; `prdkit schema` lists every field.",
    ),
    Rule(
        "schema-unknown-key",
        E,
        "schema",
        "A key the format does not define (often a typo).",
        "Fix the spelling, or prefix private keys with `x-`.",
    ),
    Rule(
        "schema-type",
        E,
        "schema",
        "A value of the wrong type (text where a list is expected...).",
        "Give the value the type the field expects.",
    ),
    Rule(
        "schema-enum",
        E,
        "schema",
        "A value that is not one of the allowed choices.",
        "Use one of the values listed in the message.",
    ),
    Rule(
        "schema-pattern",
        E,
        "schema",
        "Text that does not have the expected form (an id, a digest).",
        "Ids start with a letter and use letters, digits, `_`, `.` and `-`.",
    ),
    Rule(
        "schema-date",
        E,
        "schema",
        "A date that is not a real `YYYY-MM-DD` date.",
        "Write the date as YYYY-MM-DD, e.g. 2026-03-01.",
    ),
    Rule(
        "schema-range",
        E,
        "schema",
        "A number outside its allowed range.",
        "Use a value within the range given in the message.",
    ),
    Rule(
        "schema-count",
        E,
        "schema",
        "A list with too few items, or text that is too short or long.",
        "Add the missing items.",
    ),
    Rule(
        "schema-exclusive",
        E,
        "schema",
        "Two fields that cannot be used together.",
        "Keep only one of the two fields.",
    ),
    Rule(
        "schema-const",
        E,
        "schema",
        "A value that must be exactly one thing (e.g. `prdkit: 1`).",
        "Use the value given in the message.",
    ),
    Rule("schema", E, "schema", "Any other structural problem.", "See `prdkit schema`."),
)

RULES: dict[str, Rule] = {}


def register(*rules: Rule) -> None:
    """Add rules to the table; an id may be declared only once."""
    for rule in rules:
        if rule.id in RULES:
            raise ValueError(f"rule id declared twice: {rule.id}")
        RULES[rule.id] = rule


register(*_TABLE)
