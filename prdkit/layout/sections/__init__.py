"""One description per section of the format: what it shows, in which order, how labelled.

`SECTIONS` maps each top-level key of `i18n.SECTION_ORDER` to the function laying it out;
a section with nothing to show yields no blocks (not even its heading).
"""

from __future__ import annotations

from collections.abc import Callable

from prdkit.layout.blocks import Block
from prdkit.layout.context import Layout
from prdkit.layout.sections import (
    closing,
    delivery,
    front,
    governance,
    market,
    pages,
    planning,
    requirements,
)

__all__ = ["SECTIONS"]

SECTIONS: dict[str, Callable[[Layout], list[Block]]] = {
    "meta": front.overview,
    "stakeholders": front.stakeholders,
    "revisions": front.revisions,
    "market_research": market.market_research,
    "requirements": requirements.requirements,
    "business_model": market.business_model,
    "competition": market.competition,
    "features": requirements.features,
    "pages": pages.pages,
    "tracking": pages.tracking,
    "flows": delivery.flows,
    "schedule": delivery.schedule,
    "metrics": delivery.metrics,
    "resources": delivery.resources,
    "permissions": governance.permissions,
    "guardrails": governance.guardrails,
    "operations": governance.operations,
    "assumptions": planning.assumptions,
    "dependencies": planning.dependencies,
    "alternatives": planning.alternatives,
    "launch": planning.launch,
    "faq": planning.faq,
    "risks": closing.risks,
    "open_questions": closing.open_questions,
    "glossary": closing.glossary,
    "approvals": closing.approvals,
}
