"""One-line titles of the obligation references the engine lists ("Art 9" -> "risk-management
system"), for people to read beside the bare article numbers. English; the web layer translates.

A reference without its own title falls back to its article's ("Art 22(1)" -> Art 22's).
"""

from __future__ import annotations

from collections.abc import Iterable

OBLIGATION_TITLES: dict[str, str] = {
    "Art 5(1)(a)": "prohibited: manipulative or deceptive techniques",
    "Art 5(1)(b)": "prohibited: exploiting vulnerabilities",
    "Art 5(1)(c)": "prohibited: social scoring",
    "Art 5(1)(d)": "prohibited: crime prediction based solely on profiling",
    "Art 5(1)(e)": "prohibited: untargeted scraping of facial images",
    "Art 5(1)(f)": "prohibited: emotion recognition at work or in education",
    "Art 5(1)(g)": "prohibited: biometric categorisation by sensitive traits",
    "Art 5(1)(h)": "prohibited: real-time remote biometric identification for law enforcement",
    "Art 5(2)": "conditions on using a real-time identification exception",
    "Art 5(3)": "prior authorisation of each use",
    "Art 5(4)": "notifying the market surveillance and data protection authorities",
    "Art 6(4)": "documenting the assessment that the system is not high-risk",
    "Art 8": "compliance with the requirements",
    "Art 9": "risk-management system",
    "Art 10": "data and data governance",
    "Art 11": "technical documentation",
    "Art 12": "record-keeping (logs)",
    "Art 13": "transparency and instructions for use",
    "Art 14": "human oversight",
    "Art 15": "accuracy, robustness and cybersecurity",
    "Art 16": "obligations of providers",
    "Art 17": "quality management system",
    "Art 18": "keeping the documentation",
    "Art 19": "keeping the automatically generated logs",
    "Art 20": "corrective actions and duty of information",
    "Art 21": "cooperation with competent authorities",
    "Art 22": "authorised representative",
    "Art 22(1)": "appointing an authorised representative",
    "Art 22(3)": "tasks of the authorised representative",
    "Art 23": "obligations of importers",
    "Art 24": "obligations of distributors",
    "Art 25(3)": "product manufacturer as provider",
    "Art 26": "obligations of deployers",
    "Art 26(10)": "authorisation of post remote biometric identification",
    "Art 27": "fundamental-rights impact assessment",
    "Art 43(1)": "conformity assessment for biometric systems",
    "Art 43(2)": "conformity assessment by internal control",
    "Art 43(3)": "conformity assessment under the sectoral legislation",
    "Art 47": "EU declaration of conformity",
    "Art 48": "CE marking",
    "Art 49(1)": "registration in the EU database (Section A)",
    "Art 49(2)": "registration of an Art 6(3) system (Section B)",
    "Art 49(3)": "registration of the use by a public deployer (Section C)",
    "Art 49(4)": "registration in the secure non-public section",
    "Art 49(5)": "national registration of critical infrastructure",
    "Art 50(1)": "telling people they interact with an AI system",
    "Art 50(2)": "marking synthetic content as AI-generated",
    "Art 50(3)": "informing people exposed to emotion recognition or biometric categorisation",
    "Art 50(4)": "disclosing deep fakes and AI-generated public-interest text",
    "Art 52(1)": "notifying the Commission of systemic risk",
    "Art 53(1)(a)": "technical documentation of the model",
    "Art 53(1)(b)": "information for downstream providers",
    "Art 53(1)(c)": "copyright policy",
    "Art 53(1)(d)": "public summary of the training content",
    "Art 54(1)": "appointing an authorised representative for the model",
    "Art 54(3)": "tasks of the model's authorised representative",
    "Art 55(1)(a)": "model evaluation and adversarial testing",
    "Art 55(1)(b)": "assessing and mitigating systemic risks",
    "Art 55(1)(c)": "reporting serious incidents",
    "Art 55(1)(d)": "cybersecurity of the model",
    "Art 72": "post-market monitoring",
    "Art 73": "reporting serious incidents",
}


def obligation_title(reference: str) -> str:
    """The title of ``reference``, else of its article, else ""."""
    if reference in OBLIGATION_TITLES:
        return OBLIGATION_TITLES[reference]
    return OBLIGATION_TITLES.get(reference.split("(")[0], "")


def obligation_titles(references: Iterable[str]) -> dict[str, str]:
    return {reference: obligation_title(reference) for reference in references}
