"""The classification wizard: the facts of the classification contract as a form, in steps.

One form holds every fact; the page shows one step and carries the answers of the other steps as
hidden inputs, so nothing is lost between steps and the preview always sees every answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import labels, rules


@dataclass(frozen=True)
class Step:
    key: str
    title: Any
    citation: str
    fields: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        "role",
        _("Role and organisation"),
        "Art 3, Art 2",
        (
            "trade_name",
            "role",
            "organisation_type",
            "respondent_established_in_eu",
            "provider_established_in_eu",
            # Scope first (ai-act.md 4.7 step 1): an Art 2 exclusion ends the classification.
            "out_of_scope",
        ),
    ),
    Step(
        "gpai",
        _("General-purpose AI model"),
        "Art 3(63), Art 51",
        (
            "is_gpai_model",
            "training_flops",
            "open_source_release",
            "monetised",
            "commission_designated_systemic_risk",
        ),
    ),
    Step(
        "prohibited",
        _("Prohibited practices"),
        "Art 5",
        (
            "manipulative_or_exploitative_techniques",
            "social_scoring",
            "criminal_risk_prediction_solely_profiling",
            "untargeted_facial_image_scraping",
            "emotion_recognition",
            "emotion_recognition_setting",
            "medical_or_safety_purpose",
            "biometric_categorisation",
            "infers_sensitive_attributes",
            "remote_biometric_identification",
            "publicly_accessible_space",
            "used_for_law_enforcement",
            "used_for_migration_asylum_border",
            "art5_exception_invoked",
        ),
    ),
    Step(
        "product",
        _("Product safety"),
        "Art 6(1), Annex I",
        (
            "annex_i_product",
            "annex_i_legislation",
            "annex_i_section",
            "annex_i_third_party_conformity_assessment",
            "safety_component",
        ),
    ),
    Step(
        "annex_iii",
        _("High-risk use cases"),
        "Art 6(2), Art 6(3), Annex III",
        ("annex_iii_area", "art6_3_derogation_claimed", "art6_3_condition", "performs_profiling"),
    ),
    Step(
        "value_chain",
        _("Your place in the value chain"),
        "Art 25(1), Art 27(1)",
        ("becomes_provider_art25", "provides_public_services"),
    ),
    Step(
        "transparency",
        _("Transparency"),
        "Art 50",
        (
            "interacts_with_humans",
            "generates_synthetic_content",
            "generates_deepfakes",
            "publishes_ai_text_on_public_interest",
        ),
    ),
    Step(
        "transparency_exceptions",
        _("Transparency exceptions"),
        "Art 50(1)-(4)",
        ("art50_exceptions",),
    ),
    Step(
        "dates",
        _("Dates"),
        "Art 111, Art 113",
        (
            "placed_on_market_date",
            "date_status",
            "intended_for_public_authorities",
            "significant_design_change_after_2026_08_02",
            "annex_x_system",
        ),
    ),
)

ART50_TRIGGERS = (
    "interacts_with_humans",
    "generates_synthetic_content",
    "generates_deepfakes",
    "publishes_ai_text_on_public_interest",
    "emotion_recognition",
    "biometric_categorisation",
)


def relevant(name: str, answers: dict[str, Any]) -> bool:
    """Whether a question matters for the answers given so far (the others are not asked, and
    their answers are dropped, so a changed role never leaves an answer the law refuses)."""
    role = answers.get("role")
    if name == "becomes_provider_art25":
        return role in ("deployer", "importer", "distributor")  # Art 25(1)
    if name == "provides_public_services":
        return role == "deployer"  # Art 27(1)
    if name == "art50_exceptions":
        return any(answers.get(trigger) for trigger in ART50_TRIGGERS)
    return True


def step_is_asked(step: Step, answers: dict[str, Any]) -> bool:
    return any(relevant(name, answers) for name in step.fields)


# Answers every step needs before the wizard moves on.
REQUIRED = {"trade_name", "role"}


def _yes(label: Any, help_text: Any = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


def _choice(label: Any, mapping: dict, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=labels.choices(mapping, blank=_("Not applicable")),
        help_text=help_text,
    )


class FactsForm(forms.Form):
    trade_name = forms.CharField(
        label=_("Trade name of the AI system"), max_length=200, required=False
    )
    role = forms.ChoiceField(
        label=_("Your role for this system"),
        required=False,
        choices=labels.choices(labels.ROLE, blank=_("Choose a role")),
    )
    organisation_type = _choice(_("Type of organisation"), labels.ORGANISATION_TYPE)
    respondent_established_in_eu = _yes(_("Your organisation is established in the EU"))
    provider_established_in_eu = _yes(
        _("The provider is established in the EU"),
        _("If not, an authorised representative is needed (Art 22)."),
    )
    is_gpai_model = _yes(
        _("The subject is a general-purpose AI model, not an AI system (Art 3(63))")
    )
    training_flops = forms.FloatField(
        label=_("Cumulative training compute (FLOP)"),
        required=False,
        min_value=0,
        help_text=_("Above 10^25 FLOP systemic risk is presumed (Art 51(2))."),
    )
    open_source_release = _yes(_("Released under a free and open-source licence (Art 53(2))"))
    monetised = _yes(_("The model is monetised"))
    commission_designated_systemic_risk = _yes(
        _("Designated by the Commission as having systemic risk (Art 51(1)(b))")
    )
    manipulative_or_exploitative_techniques = _yes(
        _("Uses manipulative techniques or exploits vulnerabilities (Art 5(1)(a)-(b))")
    )
    social_scoring = _yes(_("Evaluates or classifies people by social behaviour (Art 5(1)(c))"))
    criminal_risk_prediction_solely_profiling = _yes(
        _("Predicts criminal offences based solely on profiling (Art 5(1)(d))")
    )
    untargeted_facial_image_scraping = _yes(
        _("Scrapes facial images untargeted from the internet or CCTV (Art 5(1)(e))")
    )
    emotion_recognition = _yes(_("Recognises emotions of natural persons"))
    emotion_recognition_setting = _choice(
        _("Where emotions are recognised"), labels.EMOTION_SETTING, _("Art 5(1)(f)")
    )
    medical_or_safety_purpose = _yes(_("For medical or safety reasons (Art 5(1)(f) exception)"))
    biometric_categorisation = _yes(_("Categorises people by their biometric data"))
    infers_sensitive_attributes = _yes(
        _("Infers race, political opinions, religion, sex life or orientation (Art 5(1)(g))")
    )
    remote_biometric_identification = forms.ChoiceField(
        label=_("Remote biometric identification"),
        required=False,
        choices=labels.choices(labels.REMOTE_BIOMETRIC),
    )
    publicly_accessible_space = _yes(_("Used in publicly accessible spaces"))
    used_for_law_enforcement = _yes(_("Used for law enforcement"))
    used_for_migration_asylum_border = _yes(_("Used for migration, asylum or border control"))
    art5_exception_invoked = _choice(
        _("Exception invoked for real-time identification"), labels.ART5_EXCEPTION
    )
    annex_i_product = _yes(
        _("A product, or safety component of a product, under Annex I legislation")
    )
    annex_i_legislation = forms.CharField(
        label=_("Which Annex I legislation"), max_length=300, required=False
    )
    annex_i_third_party_conformity_assessment = _yes(
        _("That legislation requires a third-party conformity assessment (Art 6(1)(b))")
    )
    safety_component = _yes(_("The AI system is a safety component (Art 3(14))"))
    annex_iii_area = _choice(_("Annex III use case"), labels.ANNEX_III_AREA, _("Art 6(2)"))
    art6_3_derogation_claimed = _yes(
        _("You claim the system poses no significant risk (Art 6(3) derogation)")
    )
    art6_3_condition = _choice(
        _("Art 6(3) condition relied on"), labels.ART63_CONDITION, _("Art 6(3) first subparagraph")
    )
    performs_profiling = _yes(
        _("Profiles natural persons (Art 6(3) last subparagraph: always high-risk)")
    )
    interacts_with_humans = _yes(_("Interacts directly with people (Art 50(1))"))
    generates_synthetic_content = _yes(
        _("Generates synthetic audio, image, video or text (Art 50(2))")
    )
    generates_deepfakes = _yes(_("Generates or manipulates deep fakes (Art 50(4))"))
    publishes_ai_text_on_public_interest = _yes(
        _("Publishes AI-generated text on matters of public interest (Art 50(4))")
    )
    placed_on_market_date = forms.DateField(
        label=_("Placing on the market or putting into service"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_status = _choice(_("This date is"), labels.DATE_STATUS)
    intended_for_public_authorities = _yes(
        _("Intended to be used by public authorities (Art 111(2))")
    )
    significant_design_change_after_2026_08_02 = _yes(
        _("Significant change in design after 2 August 2026 (Art 111(2))")
    )

    out_of_scope = _choice(
        _("The AI Act does not apply because the system is used for"),
        labels.OUT_OF_SCOPE,
        _(
            "Art 2(3), 2(6), 2(8), 2(10). Leave it at 'Not applicable' unless one of these is "
            "the only use. Testing in real-world conditions is never excluded (Art 60); personal "
            "use is for a natural person as deployer only."
        ),
    )
    annex_i_section = _choice(
        _("Annex I section of that legislation"),
        labels.ANNEX_I_SECTION,
        _(
            "Art 2(2): for Section B products only Art 6(1), Arts 102-109 and Art 112 apply. "
            "Left blank, the Section B acts are recognised from the legislation named."
        ),
    )
    becomes_provider_art25 = _choice(
        _("You become the provider of a high-risk system because"),
        labels.BECOMES_PROVIDER_ART25,
        _("Art 25(1)(a)-(c): you then have the provider's obligations and registration."),
    )
    provides_public_services = _yes(
        _("Your organisation is a private entity providing public services"),
        _("Art 27(1): such deployers carry out a fundamental-rights impact assessment."),
    )
    art50_exceptions = forms.MultipleChoiceField(
        label=_("Exceptions to the transparency obligations that apply"),
        required=False,
        choices=labels.choices(labels.ART50_EXCEPTION),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Art 50(1) to 50(4): each exception lifts only the duty of its paragraph."),
    )
    annex_x_system = _yes(
        _("A component of a large-scale EU IT system listed in Annex X (SIS, VIS, Eurodac, ...)"),
        _(
            "Art 111(1): placed on the market before 2 August 2027, it complies by 31 December 2030."
        ),
    )

    def __init__(self, *args: Any, with_name: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_name:
            del self.fields["trade_name"]

    def facts(self) -> dict[str, Any]:
        """The contract's facts from the valid answers (invalid, blank or irrelevant ones are
        left out)."""
        data = getattr(self, "cleaned_data", {})
        facts: dict[str, Any] = {}
        for key in rules.FACT_KEYS:
            value = data.get(key)
            if value in (None, "", False, []) or not relevant(key, data):
                continue
            facts[key] = value.isoformat() if isinstance(value, date) else value
        return facts

    def require(self, names: set[str]) -> bool:
        """Add "required" errors to the named answers that are blank; True when none were."""
        ok = True
        for name in names & set(self.fields):
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, _("This answer is needed."))
                ok = False
        return ok


def initial_from_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """A stored classification's facts as the wizard's initial answers."""
    return {key: value for key, value in facts.items() if value not in (None, "none", False, [])}


def hidden_values(value: Any) -> list[str]:
    """How a value travels in hidden inputs: one per item for a multiple choice."""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    single = hidden_value(value)
    return [single] if single != "" else []


def hidden_value(value: Any) -> str:
    """How a value travels in a hidden input (the bound field's own value() form)."""
    if value is True:
        return "on"
    if value in (None, False):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
