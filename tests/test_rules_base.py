"""The base documents the rule tests build on, and the complete document at every status.

Other `test_rules_*` modules import `document`, `found` and `at` from here. Test documents
mark the lines they expect diagnostics on with comments such as `# <1>`; `at(text, "<1>")`
is that line's number, so every expectation is an exact (rule id, line) pair.
"""

from __future__ import annotations

import re

import pytest

from prdkit.check import CheckResult, check_bytes
from prdkit.config import Config
from prdkit.digest import digest
from prdkit.loader import load_bytes

HEAD = """\
prdkit: 1
meta:
  id: demo
  title: Demo
  version: "1.0.0"
  status: {status}
  owner: Ann
"""

# The smallest document that raises nothing in draft: every core section has content.
BASE: dict[str, str] = {
    "market_research": """\
  summary: Shoppers abandon slow checkouts.
""",
    "requirements": """\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [A returning shopper pays in one tap]
""",
    "business_model": """\
  summary: Commission on every order.
""",
    "competition": """\
  summary: Two rivals sell the same goods.
""",
    "features": """\
  - id: F1
    name: One-tap pay
    requirements: [R1]
""",
    "flows": """\
  - id: FL1
    name: Pay
    steps:
      - id: S1
        action: Tap pay
""",
    "schedule": """\
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
""",
    "metrics": """\
  - id: K1
    name: Conversion rate
    target: 3.5
""",
}

ORDER = (
    "stakeholders",
    "revisions",
    "market_research",
    "requirements",
    "business_model",
    "competition",
    "features",
    "pages",
    "tracking",
    "flows",
    "schedule",
    "metrics",
    "resources",
    "permissions",
    "guardrails",
    "operations",
    "assumptions",
    "dependencies",
    "alternatives",
    "launch",
    "faq",
    "risks",
    "open_questions",
    "glossary",
    "approvals",
)


def document(status: str = "draft", **sections: str | None) -> str:
    """The base document with sections replaced (`None` removes one), in the format's order."""
    chosen = {**BASE, **sections}
    unknown = set(chosen) - set(ORDER)
    assert not unknown, unknown
    text = HEAD.format(status=status)
    for name in ORDER:
        body = chosen.get(name)
        if body is not None:
            text += f"{name}:\n{body}"
    return text


def at(text: str, marker: str) -> int:
    """The 1-based line holding `marker` (which must occur exactly once)."""
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if marker in line]
    assert len(lines) == 1, f"{marker!r} on lines {lines}"
    return lines[0]


def check(text: str, config: Config | None = None) -> CheckResult:
    """Validate `text` as a .prd.yaml file."""
    if config is None:
        return check_bytes(text.encode("utf-8"), "t.prd.yaml")
    return check_bytes(text.encode("utf-8"), "t.prd.yaml", config=config)


def found(text: str, config: Config | None = None) -> list[tuple[str, int]]:
    """The (rule id, line) pairs of every diagnostic, in report order."""
    return [(d.rule, d.line) for d in check(text, config).diagnostics]


def message(text: str, rule: str) -> str:
    """The message of the one diagnostic of `rule`."""
    hits = [d.message for d in check(text).diagnostics if d.rule == rule]
    assert len(hits) == 1, hits
    return hits[0]


def signed(text: str) -> str:
    """`text` with every `digest:` value replaced by the document's current digest."""
    current = digest(load_bytes(text.encode("utf-8")).data)
    return re.sub(r"digest: \S+", f"digest: {current}", text)


def test_base_is_clean_in_draft() -> None:
    assert found(document()) == []


# A document complete and consistent in every section.
COMPLETE = """\
prdkit: 1
meta:
  id: one-tap
  title: One-tap checkout
  version: "1.2.0"
  status: {status}
  owner: Ann Lee
  authors: [Ann Lee, Bo Chen]
  created: 2026-01-05
  updated: 2026-02-01
  language: en
  summary: Returning shoppers pay in one tap.
  background: Checkout takes five screens today.
  goals: [Lift conversion]
  non_goals: [New payment methods]
  links:
    - title: Design
      url: https://example.com/design
stakeholders:
  - id: SH-shoppers
    name: Returning shoppers
    kind: customer
    interests: Speed.
  - id: SH-finance
    name: Finance
    kind: internal
revisions:
  - version: "1.2.0"
    date: 2026-02-01
    author: Ann Lee
    changes: Added the refund guardrail.
market_research:
  summary: Slow checkouts lose sales.
  target_users:
    - id: TU-returning
      segment: Returning shoppers
      size: 120000
  market_size: {{tam: 5000000, sam: 800000, som: 90000, currency: EUR, year: 2026}}
  findings:
    - id: FI-abandon
      statement: 38% abandon at the payment step.
      source: Analytics, 2025
requirements:
  - id: R-pay
    title: Pay in one tap
    priority: must
    kind: functional
    status: accepted
    requested_by: [SH-shoppers]
    evidence: [FI-abandon]
    acceptance_criteria:
      - A returning shopper with a saved card pays in one tap.
    rice: {{reach: 5000, impact: 2, confidence: 0.8, effort: 3}}
  - id: R-refund
    title: Refund from the back office
    priority: must
    requested_by: [SH-finance]
    depends_on: [R-pay]
    acceptance_criteria:
      - An agent refunds a one-tap order in full.
  - id: R-receipt
    title: Email receipt
    priority: should
business_model:
  summary: Commission on every order.
  value_proposition: Fewer lost sales.
  customer_segments: [Merchants]
  channels: [Sales team]
  revenue_streams:
    - name: Commission
      kind: commission
      estimate: 1.5% of GMV
  cost_structure:
    - name: Payment fees
  key_partners: [Card processor]
competition:
  summary: Two rivals offer saved cards.
  competitors:
    - id: CO-rival
      name: Rival Pay
      strengths: [Brand]
      weaknesses: [Two taps]
  dimensions: [taps, price]
  matrix:
    us: {{taps: 1, price: free}}
    CO-rival: {{taps: 2, price: free}}
  differentiation: One tap, not two.
features:
  - id: F-button
    name: One-tap button
    surface: storefront
    priority: must
    requirements: [R-pay]
    permissions: [A-checkout]
    acceptance_criteria: [The button shows for saved cards only.]
  - id: F-refunds
    name: Refund screen
    surface: admin
    requirements: [R-refund]
    permissions: [A-refund, A-approve-refund]
flows:
  - id: FL-pay
    name: One-tap payment
    actors: [Shopper, Payment service]
    features: [F-button]
    steps:
      - id: S-tap
        action: Tap the button
        actor: Shopper
      - id: S-charge
        action: Charge the saved card
        actor: Payment service
        branches:
          - when: the card is declined
            next: S-fallback
          - when: the charge succeeds
            next: S-done
      - id: S-fallback
        action: Show the full checkout
        actor: Shopper
        end: true
      - id: S-done
        action: Show the receipt
        actor: Shopper
schedule:
  milestones:
    - id: M-beta
      name: Beta
      start: 2026-03-01
      due: 2026-04-01
      status: planned
      deliverables: [F-button]
    - id: M-launch
      name: Launch
      start: 2026-04-15
      due: 2026-05-15
      deliverables: [F-refunds, R-refund]
      depends_on: [M-beta]
metrics:
  - id: K-conversion
    name: Checkout conversion
    baseline: 2.1
    target: 2.6
    unit: "%"
    by: 2026-06-30
    requirements: [R-pay]
  - id: K-time
    name: Time to pay
    baseline: 95
    target: 20
    unit: s
    direction: decrease
resources:
  - team: Payments
    people: 4
    from: 2026-03-01
    to: 2026-05-15
    milestones: [M-beta, M-launch]
permissions:
  roles:
    - id: ROLE-agent
      name: Support agent
    - id: ROLE-lead
      name: Support lead
      inherits: [ROLE-agent]
    - id: ROLE-finance
      name: Finance officer
  actions:
    - id: A-checkout
      name: Check out
      risk: low
    - id: A-refund
      name: Refund an order
      risk: high
    - id: A-approve-refund
      name: Approve a large refund
      risk: medium
  grants:
    ROLE-agent: [A-refund]
    ROLE-finance: [A-approve-refund]
  separation_of_duties:
    - actions: [A-refund, A-approve-refund]
      reason: Nobody refunds and approves their own refund.
guardrails:
  - id: G-refund
    action: A-refund
    control: approval
    condition: amount > 500 EUR
    approver: ROLE-finance
operations:
  summary: Launch with a banner.
  campaigns:
    - id: C-launch
      name: Launch banner
      kind: promotion
      start: 2026-05-15
      end: 2026-06-15
      metrics: [K-conversion]
  data_review: Weekly conversion review.
risks:
  - id: RK-fraud
    description: Stolen accounts pay in one tap.
    likelihood: low
    impact: high
    mitigation: Step-up check on new devices.
open_questions:
  - id: Q-limit
    question: Is there a spending cap?
    resolution: Yes, 1,000 EUR per order.
glossary:
  - term: One-tap
    definition: Paying without re-entering card details.
approvals:
  - name: Cy Park
    role: Head of product
    decision: approved
    date: 2026-02-02
    digest: TO-BE-SIGNED
"""


def complete(status: str) -> str:
    """The complete document at `status`, signed for its current content."""
    return signed(COMPLETE.format(status=status))


@pytest.mark.parametrize("status", ["draft", "review", "approved", "deprecated"])
def test_complete_document_has_no_diagnostics(status: str) -> None:
    result = check(complete(status))
    assert result.document is not None
    assert [(d.rule, d.line, d.message) for d in result.diagnostics] == []


def without_criteria(status: str) -> str:
    """The complete document with the must-have R-refund lacking acceptance criteria."""
    text = COMPLETE.format(status=status).replace(
        "    acceptance_criteria:\n      - An agent refunds a one-tap order in full.\n", ""
    )
    assert "An agent refunds" not in text
    return signed(text)


def test_must_without_criteria_fails_when_approved() -> None:
    text = without_criteria("approved")
    result = check(text)
    line = at(text, "id: R-refund")
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("acceptance-criteria-missing", line, "error")
    ]
    assert result.failed()


def test_must_without_criteria_only_warns_in_draft() -> None:
    text = without_criteria("draft")
    result = check(text)
    line = at(text, "id: R-refund")
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("acceptance-criteria-missing", line, "warning")
    ]
    assert not result.failed()
    assert result.failed(strict=True)
