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
        """\
# any file larger than the `max-bytes` limit
""",
    ),
    Rule(
        "encoding",
        E,
        "load",
        "The file is not UTF-8 text (UTF-16/32 or invalid bytes).",
        "Save the file as UTF-8.",
        """\
# the document saved as UTF-16, or with invalid UTF-8 bytes
""",
    ),
    Rule(
        "yaml-syntax",
        E,
        "load",
        "The text is not well-formed YAML.",
        "Fix the syntax at the position shown; indentation uses spaces, never tabs.",
        """\
meta:
  title: Checkout
- owner: Ann
""",
    ),
    Rule(
        "yaml-indicator",
        E,
        "load",
        "A text starts with `*`, `&`, `!`, `@`, `` ` ``, `%`, `|` or `>`, or with a bracketed or "
        'quoted part followed by more words (`[P0] …`, `"拉新" …`), which YAML does not read '
        "as plain text.",
        'Quote the whole text, e.g. `- "**New users**: 10% off the first order"`.',
        """\
goals:
  - **拉新**：新用户首单立减
""",
    ),
    Rule(
        "yaml-indentation",
        E,
        "load",
        "A key or list item is not aligned with the keys or items it belongs with.",
        "Indent it by the same number of spaces as its siblings.",
        """\
meta:
  title: Checkout
   owner: Ann
""",
    ),
    Rule(
        "yaml-unclosed",
        E,
        "load",
        "A quote or bracket that is never closed, reported where it opens.",
        "Close it on the same line; use the other kind of quote when the text holds one.",
        """\
meta:
  title: "Checkout
  owner: Ann
""",
    ),
    Rule(
        "yaml-tab",
        E,
        "load",
        "A tab character in the indentation.",
        "Replace the tab with spaces.",
        """\
meta:
\ttitle: Checkout
""",
    ),
    Rule(
        "yaml-missing-colon",
        E,
        "load",
        "A line that is neither `key: value` nor `- item`: a key without its colon, or text "
        "continued on a new line without being indented under its key.",
        "Add `: ` after the key; indent a continued text under its key, or write it as a "
        "`|` block.",
        """\
meta:
  title: Checkout
  owner Ann
  status: draft
""",
    ),
    Rule(
        "yaml-colon",
        E,
        "load",
        "Unquoted text holds `: `, which YAML reads as the start of another key.",
        'Quote the whole text, e.g. `title: "Note: new users only"`.',
        """\
meta:
  title: Note: new users only
""",
    ),
    Rule(
        "json-syntax",
        E,
        "load",
        "A `.prd.json` file is not strict JSON.",
        "Remove trailing commas and comments; use null/true/false and finite numbers.",
        """\
{"prdkit": 1, "meta": {"id": "demo"},}
""",
    ),
    Rule(
        "multiple-documents",
        E,
        "load",
        "The file holds more than one YAML document.",
        "Keep one PRD per file; remove the extra `---` document.",
        """\
prdkit: 1
---
prdkit: 1
""",
    ),
    Rule(
        "empty-document",
        E,
        "load",
        "The file holds no document.",
        "Start from `prdkit new NAME`.",
        """\
# nothing but a comment
""",
    ),
    Rule(
        "not-a-mapping",
        E,
        "load",
        "The document is not a mapping of sections.",
        "The top level must be `key: value` pairs such as `prdkit: 1` and `meta:`.",
        """\
- prdkit: 1
""",
    ),
    Rule(
        "duplicate-key",
        E,
        "load",
        "A key appears twice in the same mapping.",
        "Remove or rename one of the two keys; YAML would silently keep only the last.",
        """\
meta:
  title: Checkout
  title: Payments
""",
    ),
    Rule(
        "key-not-string",
        E,
        "load",
        "A mapping key is not text (a number, list or null).",
        "Quote the key or rename it.",
        """\
meta:
  2026: launch year
""",
    ),
    Rule(
        "explicit-tag",
        E,
        "load",
        "An explicit YAML tag such as `!!binary` or `!custom`.",
        "Remove the tag (PRD values are plain text, numbers, booleans, lists and mappings); "
        "quote a text that starts with `!`.",
        """\
meta:
  title: !!binary Q2hlY2tvdXQ=
""",
    ),
    Rule(
        "alias",
        E,
        "load",
        "A YAML anchor (`&a`) or alias (`*a`).",
        "Write the value out where it is used; quote a text that starts with `*` or `&`.",
        """\
meta:
  owner: &lead Ann
  authors: [*lead]
""",
    ),
    Rule(
        "merge-key",
        E,
        "load",
        "A YAML merge key (`<<`).",
        "Write the merged keys out.",
        """\
meta:
  <<: {owner: Ann}
""",
    ),
    Rule(
        "control-character",
        E,
        "load",
        "Text holds a control character, lone surrogate or Unicode non-character.",
        "Delete the invisible character; only tab and newline are allowed.",
        """\
meta:
  title: "Checkout\\a"
""",
    ),
    Rule(
        "too-deep",
        E,
        "load",
        "Nesting goes deeper than the configured limit.",
        "PRDs need only a few levels of nesting; flatten the structure.",
        """\
# lists or mappings nested deeper than the `max-depth` limit
""",
    ),
    Rule(
        "too-many-nodes",
        E,
        "load",
        "The document has more values than the configured limit.",
        "Split the document.",
        """\
# more values in one file than the `max-nodes` limit
""",
    ),
    Rule(
        "markdown-budget",
        E,
        "load",
        "The Markdown fields together hold more marks (`*`, `_`, `` ` ``, `[`, `]`, `!`, `~`, "
        "`<`, `&`, `\\`, `|`; a line break, and a `<` (which may open a `<br>`), count three) "
        "than the configured budget.",
        "Move long formatted text to a linked document, or raise `max-markdown-marks` in the "
        "configuration.",
        """\
# Markdown fields dense with emphasis and links, over the `max-markdown-marks` budget
""",
    ),
    Rule(
        "bad-number",
        E,
        "load",
        "A number that is not finite or has too many digits.",
        "Use an ordinary finite number, or quote the value to keep it as text.",
        """\
metrics:
  - id: K1
    name: Conversion rate
    target: .inf
""",
    ),
    Rule(
        "string-too-long",
        E,
        "load",
        "A text value is longer than the configured limit.",
        "Shorten the text or move it to a linked document.",
        """\
# one text value longer than the `max-string` limit
""",
    ),
    # -- structure (the JSON Schema)
    Rule(
        "schema-required",
        E,
        "schema",
        "A required field is missing.",
        "Add the field; `prdkit schema` lists every field.",
        """\
meta:
  id: demo
  title: Demo
  version: "1.0"
  owner: Ann
""",
    ),
    Rule(
        "schema-unknown-key",
        E,
        "schema",
        "A key the format does not define (often a typo).",
        "Fix the spelling, or prefix private keys with `x-`.",
        """\
requirments:
  - id: R1
""",
    ),
    Rule(
        "schema-type",
        E,
        "schema",
        "A value of the wrong type (text where a list is expected...).",
        "Give the value the type the field expects.",
        """\
meta:
  version: 1.0
""",
    ),
    Rule(
        "schema-enum",
        E,
        "schema",
        "A value that is not one of the allowed choices.",
        "Use one of the values listed in the message.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: high
""",
    ),
    Rule(
        "schema-pattern",
        E,
        "schema",
        "Text that does not have the expected form (an id, a digest).",
        "Ids start with a letter and use letters, digits, `_`, `.` and `-`.",
        """\
requirements:
  - id: 1st-requirement
    title: Pay by card
    priority: must
""",
    ),
    Rule(
        "schema-date",
        E,
        "schema",
        "A date that is not a real `YYYY-MM-DD` date.",
        "Write the date as YYYY-MM-DD, e.g. 2026-03-01.",
        """\
schedule:
  milestones:
    - id: M1
      name: Beta
      due: 2026-02-30
""",
    ),
    Rule(
        "schema-range",
        E,
        "schema",
        "A number outside its allowed range.",
        "Use a value within the range given in the message.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: must
    rice: {reach: 500, impact: 2, confidence: 1.5, effort: 3}
""",
    ),
    Rule(
        "schema-count",
        E,
        "schema",
        "A list with too few items, or text that is too short or long.",
        "Add the missing items.",
        """\
requirements: []
""",
    ),
    Rule(
        "schema-exclusive",
        E,
        "schema",
        "Two fields that cannot be used together.",
        "Keep only one of the two fields.",
        """\
flows:
  - id: FL1
    name: Checkout
    steps:
      - id: S1
        action: Pay
        next: S1
        end: true
""",
    ),
    Rule(
        "schema-const",
        E,
        "schema",
        "A value that must be exactly one thing (e.g. `prdkit: 1`).",
        "Use the value given in the message.",
        """\
prdkit: 2
""",
    ),
    Rule(
        "schema",
        E,
        "schema",
        "Any other structural problem.",
        "See `prdkit schema`.",
        """\
# any other structural problem the messages above do not name
""",
    ),
    # -- references and ids (rules/references.py)
    Rule(
        "duplicate-id",
        E,
        "references",
        "Two items share an id; ids are unique across the whole document.",
        "Rename one of the two items, and update the references that meant it.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: must
features:
  - id: R1
    name: Card form
    requirements: [R1]
""",
    ),
    Rule(
        "unresolved-reference",
        E,
        "references",
        "A reference names an id that no item of the document has.",
        "Fix the spelling of the id, or add the item it names.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: must
    depends_on: [R9]
""",
    ),
    Rule(
        "wrong-kind-reference",
        E,
        "references",
        "A reference names an item of the wrong kind (a stakeholder where a requirement "
        "is expected...).",
        "Name an item of the kind the field takes; the message says which kind that is.",
        """\
stakeholders:
  - id: finance
    name: Finance team
requirements:
  - id: R1
    title: Pay by card
    priority: must
features:
  - id: F1
    name: Card form
    requirements: [R1, finance]
""",
    ),
    # -- cycles (rules/cycles.py)
    Rule(
        "requirement-cycle",
        E,
        "cycles",
        "Requirements that depend on each other in a circle (`depends_on`).",
        "Remove the dependency that closes the circle; the message lists the whole cycle.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: must
    depends_on: [R2]
  - id: R2
    title: Store cards
    priority: must
    depends_on: [R1]
""",
    ),
    Rule(
        "milestone-cycle",
        E,
        "cycles",
        "Milestones that depend on each other in a circle (`schedule.milestones.depends_on`).",
        "Remove the dependency that closes the circle; the message lists the whole cycle.",
        """\
schedule:
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
      depends_on: [M2]
    - id: M2
      name: Launch
      due: 2026-04-01
      depends_on: [M1]
""",
    ),
    Rule(
        "role-cycle",
        E,
        "cycles",
        "Roles that inherit from each other in a circle (`permissions.roles.inherits`).",
        "Remove the inheritance that closes the circle; the message lists the whole cycle.",
        """\
permissions:
  roles:
    - id: clerk
      name: Clerk
      inherits: [lead]
    - id: lead
      name: Team lead
      inherits: [clerk]
""",
    ),
    # -- dates (rules/dates.py)
    Rule(
        "date-order",
        E,
        "dates",
        "A period that ends before it starts: milestone `start` after `due`, resource "
        "`from` after `to`, campaign `start` after `end`, or `meta.created` after "
        "`meta.updated`.",
        "Swap or correct the two dates.",
        """\
schedule:
  milestones:
    - id: M1
      name: Beta
      start: 2026-05-01
      due: 2026-03-01
""",
    ),
    Rule(
        "milestone-before-dependency",
        W,
        "dates",
        "A milestone starts before a milestone it depends on is due (a milestone without "
        "`start` is taken to start on its due date).",
        "Move the start after the dependency's due date, or drop the dependency.",
        """\
schedule:
  milestones:
    - id: M1
      name: Beta
      due: 2026-05-01
    - id: M2
      name: Launch
      start: 2026-04-01
      due: 2026-06-01
      depends_on: [M1]
""",
    ),
    # -- flows (rules/flows.py)
    Rule(
        "duplicate-step-id",
        E,
        "flows",
        "Two steps of one flow share an id.",
        "Rename one of the steps; step ids are unique within their flow.",
        """\
flows:
  - id: FL1
    name: Checkout
    steps:
      - id: S1
        action: Open the cart
      - id: S1
        action: Pay
""",
    ),
    Rule(
        "unknown-step",
        E,
        "flows",
        "A step's `next` or a branch's `next` names no step of the same flow.",
        "Name a step of this flow; steps of other flows cannot be targets.",
        """\
flows:
  - id: FL1
    name: Checkout
    steps:
      - id: S1
        action: Open the cart
        next: S3
      - id: S2
        action: Pay
""",
    ),
    Rule(
        "unreachable-step",
        E,
        "flows",
        "A step that cannot be reached from the first step of its flow.",
        "Lead to it with `next` or a branch from an earlier step, or remove it.",
        """\
flows:
  - id: FL1
    name: Checkout
    steps:
      - id: S1
        action: Open the cart
        end: true
      - id: S2
        action: Pay
""",
    ),
    Rule(
        "unknown-actor",
        E,
        "flows",
        "A step's `actor` is not listed in the flow's `actors`.",
        "Add the actor to `actors`, or correct the step's actor.",
        """\
flows:
  - id: FL1
    name: Checkout
    actors: [Shopper]
    steps:
      - id: S1
        action: Pay
        actor: Cashier
""",
    ),
    # -- pages (rules/pages.py)
    Rule(
        "unreachable-page",
        W,
        "pages",
        "A page that no feature or flow step uses, and that no page they use leads to.",
        "List the page under a feature's `pages` or a step's `page`, or lead to it with "
        "`navigates_to` from a page that is reached.",
        """\
pages:
  - id: P-home
    name: Home
  - id: P-detail
    name: Product detail
""",
    ),
    # -- the tracking plan (rules/tracking.py)
    Rule(
        "duplicate-event-name",
        E,
        "tracking",
        "Two tracking events send the same event name.",
        "Give each event its own `event` name; analytics cannot tell two events with one "
        "name apart.",
        """\
tracking:
  - id: E1
    event: item_click
    name: Product tapped in the list
    trigger: A shopper taps a product card.
  - id: E2
    event: item_click
    name: Product tapped in search
    trigger: A shopper taps a search result.
""",
    ),
    Rule(
        "duplicate-event-property",
        E,
        "tracking",
        "One event lists the same property twice.",
        "Keep one entry per property of an event.",
        """\
tracking:
  - id: E1
    event: item_click
    name: Product tapped
    trigger: A shopper taps a product card.
    properties:
      - name: sku_id
        type: string
      - name: sku_id
        type: number
""",
    ),
    Rule(
        "enum-values",
        W,
        "tracking",
        "An `enum` property lists no `values`, or a property of another type lists some.",
        "List the allowed values of an enum under `values`; other types take none.",
        """\
tracking:
  - id: E1
    event: pay_result
    name: Payment result
    trigger: The payment service answers.
    properties:
      - name: result
        type: enum
""",
    ),
    Rule(
        "property-example",
        W,
        "tracking",
        "A property's `example` does not fit its `type`, or is not one of its enum `values`.",
        "Give an example of the property's type (quote a number meant as a string).",
        """\
tracking:
  - id: E1
    event: pay_result
    name: Payment result
    trigger: The payment service answers.
    properties:
      - name: amount
        type: number
        example: ten yuan
""",
    ),
    # -- pictures (prdkit/images/): checked beside the rules, against the PRD's folder
    Rule(
        "image-path",
        E,
        "images",
        "A picture reference that names no usable file: empty, a `data:` or other non-http "
        "address, a path with backslashes, or a Markdown picture whose path has a space "
        "outside angle brackets (shown as its text).",
        "Save the picture beside the PRD and name it by a relative path such as "
        "`images/home.png`, or give an http(s) address.",
        """\
pages:
  - id: P1
    name: Home
    prototypes:
      - image: "data:image/png;base64,iVBORw0KGgo="
""",
    ),
    Rule(
        "image-outside-folder",
        E,
        "images",
        "A picture path that leaves the PRD's folder tree: `..` above it, an absolute path, "
        "or a link that resolves outside. Such a file is never read.",
        "Keep pictures in the PRD's folder or below it, such as `images/home.png`.",
        """\
meta:
  summary: "The current page: ![home](../shared/home.png)"
""",
    ),
    Rule(
        "image-missing",
        E,
        "images",
        "A picture file that does not exist, is a folder, or cannot be read.",
        "Check the spelling and the folder: paths are relative to the PRD file.",
        """\
pages:
  - id: P1
    name: Home
    prototypes:
      - image: images/no-such-file.png
""",
    ),
    Rule(
        "image-format",
        E,
        "images",
        "A picture that is not a PNG, JPEG or GIF by its bytes (whatever its name says).",
        "Export the picture as PNG or JPEG.",
        """\
pages:
  - id: P1
    name: Home
    prototypes:
      - image: images/notes.png   # a text file with a .png name
""",
    ),
    Rule(
        "image-corrupt",
        E,
        "images",
        "A picture whose bytes are damaged: truncated, a bad checksum, no image data.",
        "Export or save the picture again.",
        """\
pages:
  - id: P1
    name: Home
    prototypes:
      - image: images/truncated.png
""",
    ),
    Rule(
        "image-dimensions",
        E,
        "images",
        "A picture with more pixels than `max-image-pixels`, or more frames than "
        "`max-image-frames`, by its header (nothing is decompressed to find out).",
        "Scale the picture down, or shorten the animation.",
        """\
pages:
  - id: P1
    name: Home
    prototypes:
      - image: images/huge.png   # its header says 20,000 × 20,000 pixels
""",
    ),
    Rule(
        "image-too-large",
        E,
        "images",
        "A picture file larger than `max-image-bytes`.",
        "Compress the picture or scale it down; the limit can be raised up to its ceiling.",
        """\
pages:
  - id: P1
    name: Home
    prototypes:
      - image: images/photo.jpg   # a 30 MB camera photo
""",
    ),
    Rule(
        "images-too-large",
        E,
        "images",
        "The pictures of one document add up to more than `max-images-bytes`; reported at "
        "the picture that crosses the limit.",
        "Compress the pictures, or split the document.",
        """\
pages:
  - id: P1
    name: Home
    prototypes:
      - image: images/home-1.png
      - image: images/home-2.png   # together over the limit
""",
    ),
    # -- market research (rules/market.py)
    Rule(
        "market-size-order",
        E,
        "market",
        "Market sizes out of order: TAM ≥ SAM ≥ SOM must hold.",
        "Check the figures and their units; the serviceable market is part of the total.",
        """\
market_research:
  market_size:
    tam: 1000000
    sam: 5000000
""",
    ),
    # -- competition (rules/competition.py)
    Rule(
        "undeclared-dimension",
        E,
        "competition",
        "A comparison matrix row uses a dimension not listed in `competition.dimensions`.",
        "Add the dimension to `dimensions`, or fix its spelling in the row.",
        """\
competition:
  competitors:
    - id: acme
      name: Acme
  dimensions: [price]
  matrix:
    acme:
      prize: low
""",
    ),
    # -- metrics (rules/metrics.py)
    Rule(
        "metric-direction",
        W,
        "metrics",
        "A metric's target moves against its `direction` from the baseline.",
        "Fix the target or the baseline, or set `direction` to what success means.",
        """\
metrics:
  - id: K1
    name: Conversion rate
    baseline: 3.2
    target: 2.5
    direction: increase
""",
    ),
    # -- permissions and guardrails (rules/permissions.py)
    Rule(
        "separation-of-duties",
        E,
        "permissions",
        "A role, counting inherited grants, holds every action of a `separation_of_duties` entry.",
        "Grant the conflicting actions to different roles.",
        """\
permissions:
  roles:
    - id: ops
      name: Operations
  actions:
    - id: price.set
      name: Set a price
    - id: price.approve
      name: Approve a price
  grants:
    ops: [price.set, price.approve]
  separation_of_duties:
    - actions: [price.set, price.approve]
""",
    ),
    Rule(
        "four-eyes",
        E,
        "permissions",
        "An approval or confirmation guardrail whose approver role may itself perform the "
        "guarded action.",
        "Choose an approver role that is not granted the action (directly or inherited).",
        """\
permissions:
  roles:
    - id: ops
      name: Operations
  actions:
    - id: refund
      name: Refund an order
  grants:
    ops: [refund]
guardrails:
  - id: G1
    action: refund
    control: approval
    approver: ops
""",
    ),
    Rule(
        "guardrail-without-approver",
        E,
        "permissions",
        "An approval or confirmation guardrail that names no `approver` role.",
        "Add `approver:` with the role that signs off the action.",
        """\
permissions:
  actions:
    - id: refund
      name: Refund an order
guardrails:
  - id: G1
    action: refund
    control: approval
""",
    ),
    Rule(
        "unguarded-high-risk-action",
        W,
        "permissions",
        "A `high`-risk action that no guardrail protects.",
        "Add a guardrail for the action (approval, confirmation, limit, monitoring or block).",
        """\
permissions:
  actions:
    - id: refund
      name: Refund an order
      risk: high
""",
    ),
    # -- traceability (rules/traceability.py)
    Rule(
        "feature-without-requirement",
        E,
        "traceability",
        "A feature that lists no requirement it serves.",
        "List the requirements the feature meets under its `requirements`.",
        """\
features:
  - id: F1
    name: Card form
""",
    ),
    Rule(
        "must-without-feature",
        E,
        "traceability",
        "A `must` requirement that no feature lists under `requirements`.",
        "Add the requirement to the feature that delivers it, or add that feature.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: must
""",
    ),
    # -- completeness (rules/completeness.py)
    Rule(
        "core-section-missing",
        E,
        "completeness",
        "One of the eight core sections (`market_research`, `requirements`, "
        "`business_model`, `competition`, `features`, `flows`, `schedule`, `metrics`) "
        "is missing or empty.",
        "Write the section, or keep the document in `draft` until it is written.",
        """\
meta:
  status: review
""",
    ),
    Rule(
        "acceptance-criteria-missing",
        E,
        "completeness",
        "A `must` requirement without acceptance criteria (not one `rejected` or `deferred`).",
        "Add `acceptance_criteria`: how a reviewer tells the requirement is met.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: must
""",
    ),
    # -- text (rules/text.py)
    Rule(
        "placeholder",
        E,
        "text",
        "Text that still holds a placeholder: `TODO` or `TBD` (whole words, upper case, "
        "also typed full-width: `ＴＯＤＯ`, `ＴＢＤ`), "
        "`待定` or `待补充` (not as part of an ordinary word: `等待定时`, `待定价`, `待补充资料`).",
        "In a question or description: write the missing content, or move the question to "
        "`open_questions`; in any other field (an owner, a date): replace it with the real value.",
        """\
meta:
  summary: TBD once the pricing study is back.
""",
    ),
    Rule(
        "bidi-control",
        W,
        "text",
        "Text holds a Unicode bidirectional control character (U+202A–U+202E, "
        "U+2066–U+2069), which can make the text display differently from what it says.",
        "Delete the invisible character; write right-to-left text without overrides.",
        """\
meta:
  summary: "Refunds are \\u202eyllaunam\\u202c approved."
""",
    ),
    Rule(
        "comment-in-text",
        W,
        "text",
        "Unquoted text holds ` #`: YAML reads the rest of the line as a comment and drops it.",
        "Quote the value to keep the text; put two spaces before `#` for a deliberate comment.",
        """\
revisions:
  - version: "1.1"
    date: 2026-03-01
    changes: Moved the channel to #granparadiso
""",
    ),
    # -- approvals (rules/approvals.py)
    Rule(
        "approval-missing",
        E,
        "approvals",
        "An `approved` document without any approval.",
        "Record the sign-offs with `prdkit approve`, or set the status back to `review`.",
        """\
meta:
  status: approved
""",
    ),
    Rule(
        "approval-not-granted",
        E,
        "approvals",
        "An `approved` document with an approval that is `pending` or `rejected`.",
        "Settle the approval, or set the status back to `review`.",
        """\
meta:
  status: approved
approvals:
  - name: Ann
    decision: pending
""",
    ),
    Rule(
        "open-question-unresolved",
        E,
        "approvals",
        "An `approved` document with an open question that has no `resolution`.",
        "Write down how the question was settled under `resolution`.",
        """\
meta:
  status: approved
open_questions:
  - id: Q1
    question: Do we support gift cards?
""",
    ),
    Rule(
        "stale-approval",
        E,
        "approvals",
        "An approval whose `digest` no longer matches the document: it was edited after "
        "the sign-off.",
        "Set `meta.status: review` while you change the document, then have the approver "
        "run `prdkit approve` again.",
        """\
approvals:
  - name: Ann
    decision: approved
    digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000"
""",
    ),
    # -- completeness of metrics (rules/completeness.py)
    Rule(
        "metric-target-missing",
        E,
        "completeness",
        "A metric without a `target`: a draft may wait for its numbers, a document in review "
        "may not.",
        "Add `target:` with the value to reach, or keep the document in `draft`.",
        """\
meta:
  status: review
metrics:
  - id: K1
    name: Checkout conversion
""",
    ),
    # -- assumptions, dependencies, alternatives and launch (rules/planning.py)
    Rule(
        "rollout-percent-decreasing",
        E,
        "planning",
        "A rollout stage that reaches a smaller share of users than a stage before it.",
        "Order the stages from the smallest audience to the largest; describe a step back "
        "under `rollback`.",
        """\
launch:
  rollout:
    - id: S1
      name: Canary
      percent: 20
    - id: S2
      name: Wider
      percent: 5
""",
    ),
    Rule(
        "dependency-overdue",
        W,
        "planning",
        "A dependency still `open` or `blocked` (or without status) after its `needed_by` "
        "date, counted from `meta.updated`.",
        "Record its new date or status, or plan around it.",
        """\
meta:
  updated: 2026-05-01
dependencies:
  - id: D1
    name: Refund API from the payments team
    needed_by: 2026-04-15
    status: open
""",
    ),
    Rule(
        "assumption-open",
        E,
        "planning",
        "An `approved` document with an assumption still `open` (or without status).",
        "Check the assumption and set its `status` to `validated` or `invalidated`.",
        """\
meta:
  status: approved
assumptions:
  - id: A1
    statement: Shoppers keep a card on file.
    status: open
""",
    ),
    Rule(
        "alternative-open",
        E,
        "planning",
        "An `approved` document with an alternative whose `decision` is still `open`.",
        "Decide: set `decision` to `chosen` or `rejected`, with the `reason`.",
        """\
meta:
  status: approved
alternatives:
  - id: ALT1
    name: Build our own wallet
    decision: open
""",
    ),
    # -- custom fields the team declares in the configuration (rules/custom.py)
    Rule(
        "custom-field-invalid",
        E,
        "custom",
        "A declared custom field whose value has the wrong type, breaks its `pattern` or is not "
        "one of its `values`.",
        "Write the value the declaration in the configuration asks for.",
        """\
# .prdkit.toml: [fields.requirements.x-jira] with pattern = "^[A-Z]+-[0-9]+$"
requirements:
  - id: R1
    title: Pay by card
    priority: could
    x-jira: pay-12
""",
    ),
    Rule(
        "custom-field-missing",
        E,
        "custom",
        "An item without a custom field the configuration requires from the document's status "
        "on (`required-from`).",
        "Add the field to the item.",
        """\
# .prdkit.toml: [fields.requirements.x-jira] with required-from = "draft"
requirements:
  - id: R1
    title: Pay by card
    priority: could
""",
    ),
    # -- configuration (check.py)
    Rule(
        "signoff-rules-weakened",
        W,
        "config",
        "The configuration switches off or downgrades a sign-off rule (`stale-approval`, "
        "`approval-missing`, `approval-not-granted`): an edit made after a sign-off could "
        "pass unnoticed. Reported on every document the configuration applies to.",
        "Remove the rule from `[rules]`, and protect the configuration file with CODEOWNERS "
        "(see docs/ci.md).",
        """\
# in .prdkit.toml (or [tool.prdkit.rules] of pyproject.toml):
#   [rules]
#   stale-approval = "off"
""",
    ),
    # -- per-item suppression (rules/suppression.py)
    Rule(
        "suppression-invalid",
        W,
        "suppression",
        "An `x-prdkit-ignore` list that is not a list of rule ids, or names a rule that does "
        "not exist or cannot be suppressed.",
        "List ids of semantic rules, e.g. `x-prdkit-ignore: [placeholder]`.",
        """\
requirements:
  - id: R1
    title: Pay by card
    priority: could
    x-prdkit-ignore: [palceholder]
""",
    ),
)

# Families checked before the model exists (a file failing them is not a PRD), and the
# report on the configuration itself: they can be neither configured nor suppressed.
FIXED_FAMILIES = frozenset({"io", "load", "schema", "config"})

# Rules that guard sign-offs. The edit that invalidates a sign-off could otherwise silence
# its own finding, so no document may suppress them, and a configuration that switches
# them off or downgrades them is reported on every run (signoff-rules-weakened).
SIGNOFF_RULES = frozenset({"stale-approval", "approval-missing", "approval-not-granted"})

# How the status of the document grades the status-aware rules (documented in docs/rules.md).
BY_STATUS = "error in `review` and `approved`; warning in `draft` and `deprecated`"
GRADING: dict[str, str] = {
    "feature-without-requirement": BY_STATUS,
    "must-without-feature": BY_STATUS,
    "core-section-missing": BY_STATUS,
    "acceptance-criteria-missing": BY_STATUS,
    "placeholder": BY_STATUS,
    "approval-missing": "checked in `approved` documents only",
    "approval-not-granted": "checked in `approved` documents only",
    "open-question-unresolved": "checked in `approved` documents only",
    "stale-approval": "error in `approved`; warning in any other status",
    "metric-target-missing": BY_STATUS,
    "assumption-open": "checked in `approved` documents only",
    "alternative-open": "checked in `approved` documents only",
    "custom-field-missing": "error from the field's `required-from` status on; warning before",
}

RULES: dict[str, Rule] = {}


def register(*rules: Rule) -> None:
    """Add rules to the table; an id may be declared only once."""
    for rule in rules:
        if rule.id in RULES:
            raise ValueError(f"rule id declared twice: {rule.id}")
        RULES[rule.id] = rule


register(*_TABLE)


def configurable(rule_id: str) -> bool:
    """`True` when configuration and `x-prdkit-ignore` may switch off or re-grade the rule."""
    rule = RULES.get(rule_id)
    return rule is not None and rule.family not in FIXED_FAMILIES
