"""Every message a rule file can get follows ``--lang``: loading errors, condition compile
errors, the plan's and the interview's cross-file checks, and ``rules check`` warnings. Each
case writes a consultancy folder, runs ``rules check --rules DIR`` in both languages and pins
the whole ``file:line: path: message`` line; the English lines are the wording the project
always had."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from modelo_servicio.cli.app import app
from modelo_servicio.domain.errors import InputError, RuleError
from modelo_servicio.domain.i18n import Lang, _catalog
from modelo_servicio.knowledge.loader import build, packaged_files, user_files

HEADER = {"es": "Los archivos de reglas no son válidos:", "en": "The rule files are not valid:"}

RULE = """\
kind: rules
rules:
  - id: r1
    model: online
    points: 5
    when: {when}
    text: {{es: x, en: x}}
"""
"""A rule whose condition is on line 6 (``DIR/mine.yaml:6: rules.0.when...``)."""

QUESTION = """\
kind: questions
questions:
  - id: q1
    section: {section}
    field: {field}
    type: {type}
    text: {{es: x, en: x}}
"""
"""A question whose type is on line 6 and whose extra keys follow from line 8."""


@dataclass(frozen=True)
class Case:
    key: str
    text: str
    es: str
    en: str


def when(condition: str) -> str:
    return RULE.format(when=condition)


def question(
    section: str = "business", field: str = "extra.q", type: str = "text", **more: str
) -> str:
    extra = "".join(f"    {k}: {v}\n" for k, v in more.items())
    return QUESTION.format(section=section, field=field, type=type) + extra


CASES = [
    # --- loading a file -----------------------------------------------------------------
    Case(
        "rules.file.not_mapping",
        "- a\n- b\n",
        "DIR/mine.yaml:1: un archivo de reglas debe ser un grupo de campos (clave: valor) con 'kind:'",
        "DIR/mine.yaml:1: a rule file must be a mapping with 'kind:'",
    ),
    Case(
        "rules.file.unknown_kind",
        "kind: rulez\n",
        "DIR/mine.yaml:1: kind: tipo de archivo desconocido 'rulez'; tipos conocidos: models,"
        " channels, skills, rules, settings, staffing, roles, training, plan, questions",
        "DIR/mine.yaml:1: kind: unknown kind 'rulez'; known: models, channels, skills, rules,"
        " settings, staffing, roles, training, plan, questions",
    ),
    Case(
        "rules.file.missing_entries",
        "kind: rules\ndisable: [speaking]\n",
        "rules: skills: faltan entradas: speaking",
        "rules: skills: missing entries: speaking",
    ),
    Case(
        "rules.file.limit_with_points",
        "kind: rules\nrules:\n  - {id: r1, model: online, points: 5, limit: true,"
        " when: {field: company.sells_online, eq: true}, text: {es: x, en: x}}\n",
        "DIR/mine.yaml:3: rules.0: una regla de límite no lleva puntos (use solo limit: true)",
        "DIR/mine.yaml:3: rules.0: a limit rule carries no points (use limit: true alone)",
    ),
    Case(
        "rules.file.no_effect",
        "kind: rules\nrules:\n  - {id: r1, model: online,"
        " when: {field: company.sells_online, eq: true}, text: {es: x, en: x}}\n",
        "DIR/mine.yaml:3: rules.0: una regla necesita puntos distintos de cero o limit: true",
        "DIR/mine.yaml:3: rules.0: a rule needs non-zero points or limit: true",
    ),
    Case(
        "rules.file.no_field_matches",
        "kind: settings\nsettings:\n  sensitivity_scaled: [customers.actve, demand.*]\n",
        "DIR/mine.yaml:3: settings.sensitivity_scaled: ningún campo del perfil coincide con:"
        " customers.actve",
        "DIR/mine.yaml:3: settings.sensitivity_scaled: no profile field matches: customers.actve",
    ),
    Case(
        "pydantic.less_than_equal",
        "kind: staffing\nstaffing: {weeks_per_month: 5}\n",
        "DIR/mine.yaml:2: staffing.weeks_per_month: debe ser menor o igual que 4,5",
        "DIR/mine.yaml:2: staffing.weeks_per_month: must be less than or equal to 4.5",
    ),
    Case(
        "pydantic.extra_forbidden",
        "kind: rules\nrulez: []\n",
        "DIR/mine.yaml:2: rulez: campo desconocido (¿quería decir 'rules'?)",
        "DIR/mine.yaml:2: rulez: unknown field (did you mean 'rules'?)",
    ),
    # --- conditions -----------------------------------------------------------------------
    Case(
        "rules.cond.not_mapping",
        when("5"),
        "DIR/mine.yaml:6: rules.0.when: una condición debe ser un grupo de campos como"
        " {field: ..., eq: ...}",
        "DIR/mine.yaml:6: rules.0.when: a condition must be a mapping such as"
        " {field: ..., eq: ...}",
    ),
    Case(
        "rules.cond.one_group",
        when(
            "{all: [{field: company.sells_online, eq: true}], not: {field: company.sells_online,"
            " eq: false}}"
        ),
        "DIR/mine.yaml:6: rules.0.when: use exactamente uno de all, any, not (o field + operador)",
        "DIR/mine.yaml:6: rules.0.when: use exactly one of all, any, not (or field + operator)",
    ),
    Case(
        "rules.cond.group_list",
        when("{any: []}"),
        "DIR/mine.yaml:6: rules.0.when.any: 'any' lleva una lista no vacía de condiciones",
        "DIR/mine.yaml:6: rules.0.when.any: 'any' takes a non-empty list of conditions",
    ),
    Case(
        "rules.cond.unknown",
        when("{every: [{field: company.sells_online, eq: true}]}"),
        "DIR/mine.yaml:6: rules.0.when: condición desconocida 'every'; use all, any, not o field"
        " + eq/ne/in/not_in/gt/gte/lt/lte/between/contains",
        "DIR/mine.yaml:6: rules.0.when: unknown condition 'every'; use all, any, not or field"
        " + eq/ne/in/not_in/gt/gte/lt/lte/between/contains",
    ),
    Case(
        "rules.cond.field_path",
        when("{field: 5, eq: 1}"),
        "DIR/mine.yaml:6: rules.0.when.field: field debe ser una ruta con puntos, como"
        " customers.ticket",
        "DIR/mine.yaml:6: rules.0.when.field: field must be a dotted path such as customers.ticket",
    ),
    Case(
        "rules.cond.one_operator",
        when("{field: customers.ticket, eq: low, ne: high}"),
        "DIR/mine.yaml:6: rules.0.when: una comparación lleva exactamente un operador: eq, ne, in,"
        " not_in, gt, gte, lt, lte, between, contains",
        "DIR/mine.yaml:6: rules.0.when: a comparison takes exactly one operator: eq, ne, in,"
        " not_in, gt, gte, lt, lte, between, contains",
    ),
    Case(
        "rules.cond.unknown_operator",
        when("{field: customers.faq_share, betwen: [0, 1]}"),
        "DIR/mine.yaml:6: rules.0.when.betwen: operador desconocido 'betwen'"
        " (¿quería decir 'between'?)",
        "DIR/mine.yaml:6: rules.0.when.betwen: unknown operator 'betwen' (did you mean 'between'?)",
    ),
    Case(
        "rules.cond.operator_type",
        when("{field: company.sells_online, gt: 1}"),
        "DIR/mine.yaml:6: rules.0.when.gt: el operador 'gt' no se aplica a company.sells_online"
        " (bool); use eq, ne",
        "DIR/mine.yaml:6: rules.0.when.gt: operator 'gt' does not apply to company.sells_online"
        " (bool); use eq, ne",
    ),
    Case(
        "rules.cond.unknown_field",
        when("{field: customers.tiket, eq: luxury}"),
        "DIR/mine.yaml:6: rules.0.when.field: campo desconocido 'customers.tiket'"
        " (¿quería decir 'customers.ticket'?)",
        "DIR/mine.yaml:6: rules.0.when.field: unknown field 'customers.tiket'"
        " (did you mean 'customers.ticket'?)",
    ),
    Case(
        "rules.cond.value_list",
        when("{field: customers.ticket, in: []}"),
        "DIR/mine.yaml:6: rules.0.when.in: 'in' lleva una lista no vacía de valores",
        "DIR/mine.yaml:6: rules.0.when.in: 'in' takes a non-empty list of values",
    ),
    Case(
        "rules.cond.between_pair",
        when("{field: customers.faq_share, between: [0.1]}"),
        "DIR/mine.yaml:6: rules.0.when.between: 'between' lleva una lista de dos valores"
        " [mínimo, máximo]",
        "DIR/mine.yaml:6: rules.0.when.between: 'between' takes a list of two values [low, high]",
    ),
    Case(
        "rules.cond.between_order",
        when("{field: customers.faq_share, between: [0.8, 0.2]}"),
        "DIR/mine.yaml:6: rules.0.when.between: 'between' necesita mínimo <= máximo;"
        " recibido 0.8 > 0.2",
        "DIR/mine.yaml:6: rules.0.when.between: 'between' needs low <= high, got 0.8 > 0.2",
    ),
    Case(
        "rules.cond.contains_text",
        when("{field: customers.languages, contains: 5}"),
        "DIR/mine.yaml:6: rules.0.when.contains: 'contains' lleva un único valor de texto",
        "DIR/mine.yaml:6: rules.0.when.contains: 'contains' takes one text value",
    ),
    Case(
        "rules.cond.single_value",
        when("{field: extra.campaigns, eq: [1, 2]}"),
        "DIR/mine.yaml:6: rules.0.when.eq: se espera un único valor",
        "DIR/mine.yaml:6: rules.0.when.eq: expected a single value",
    ),
    Case(
        "rules.cond.yes_no",
        when("{field: company.sells_online, eq: 1}"),
        "DIR/mine.yaml:6: rules.0.when.eq: company.sells_online es de sí o no:"
        " compárelo con true o false",
        "DIR/mine.yaml:6: rules.0.when.eq: company.sells_online is yes/no:"
        " compare with true or false",
    ),
    Case(
        "rules.cond.number",
        when("{field: company.locations, gte: tres}"),
        "DIR/mine.yaml:6: rules.0.when.gte: company.locations es un número: recibido 'tres'",
        "DIR/mine.yaml:6: rules.0.when.gte: company.locations is a number: got 'tres'",
    ),
    Case(
        "rules.cond.text",
        when("{field: company.sector, eq: 5}"),
        "DIR/mine.yaml:6: rules.0.when.eq: company.sector es un texto: recibido 5",
        "DIR/mine.yaml:6: rules.0.when.eq: company.sector is text: got 5",
    ),
    Case(
        "rules.cond.enum_value",
        when("{field: customers.ticket, in: [low, luxry]}"),
        "DIR/mine.yaml:6: rules.0.when.in.1: 'luxry' no es un valor de customers.ticket;"
        " se espera uno de: low, medium, high, luxury (¿quería decir 'luxury'?)",
        "DIR/mine.yaml:6: rules.0.when.in.1: 'luxry' is not a value of customers.ticket;"
        " expected one of: low, medium, high, luxury (did you mean 'luxury'?)",
    ),
    # --- plan files -----------------------------------------------------------------------
    Case(
        "rules.plan.method_needs",
        "kind: staffing\nchannel_staffing:\n  - {id: phone, method: erlang_c}\n",
        "DIR/mine.yaml:3: channel_staffing.0: el método erlang_c necesita: handle_minutes,"
        " answer_seconds",
        "DIR/mine.yaml:3: channel_staffing.0: method erlang_c needs: handle_minutes,"
        " answer_seconds",
    ),
    Case(
        "rules.plan.min_weeks",
        "kind: plan\nplan_phases:\n  - {id: needs, name: {es: x, en: x}, weeks: 1, min_weeks: 2}\n",
        "DIR/mine.yaml:3: plan_phases.0: min_weeks no puede ser mayor que weeks",
        "DIR/mine.yaml:3: plan_phases.0: min_weeks must not exceed weeks",
    ),
    Case(
        "rules.plan.concurrency_factors",
        "kind: staffing\nstaffing: {concurrency_factors: {2: 5}}\n",
        "rules: staffing.concurrency_factors: cada entrada debe ser chats simultáneos (1 o más)"
        " -> factor (mayor que 0, no mayor que el número de chats y sin disminuir);"
        " recibido {2: 5.0}",
        "rules: staffing.concurrency_factors: each entry must be chats (1 or more) -> factor"
        " (greater than 0, at most the number of chats, non-decreasing); got {2: 5.0}",
    ),
    Case(
        "rules.plan.training_pace",
        "kind: training\ntraining: {max_hours_per_week: 2}\n",
        "rules: training.max_hours_per_week: es menor que hours_per_week",
        "rules: training.max_hours_per_week: below hours_per_week",
    ),
    Case(
        "rules.plan.unknown_role",
        "kind: roles\ndisable: [kb_owner]\n",
        "rules/models.yaml:22: models.0.roles: el rol 'kb_owner' no está definido en ningún"
        " archivo de roles",
        "rules/models.yaml:22: models.0.roles: role 'kb_owner' is not defined in any roles file",
    ),
    Case(
        "rules.plan.default_role",
        "kind: roles\nroles:\n  - {id: second_phone, name: {es: x, en: x},"
        " description: {es: x, en: x}, channels: [phone], default_for: [phone]}\n",
        "rules: roles: el canal phone necesita un único rol por defecto"
        " (phone_agent, second_phone)",
        "rules: roles: channel phone needs one default role (phone_agent, second_phone)",
    ),
    Case(
        "rules.none",
        "kind: roles\ndisable: [phone_agent]\n",
        "rules: roles: el canal phone necesita un único rol por defecto (ninguno)",
        "rules: roles: channel phone needs one default role (none)",
    ),
    Case(
        "rules.plan.no_general_module",
        "kind: training\ndisable: [product-knowledge]\n",
        "rules: training_modules: no hay ningún módulo general para la habilidad product",
        "rules: training_modules: no general module for skill product",
    ),
    Case(
        "rules.plan.unknown_phase",
        "kind: plan\nplan_phases:\n  - {id: extra, name: {es: x, en: x}, weeks: 1,"
        " after: [nowhere]}\n",
        "DIR/mine.yaml:3: plan_phases.0: after: fase desconocida 'nowhere'",
        "DIR/mine.yaml:3: plan_phases.0: after: unknown phase 'nowhere'",
    ),
    Case(
        "rules.plan.phase_loop",
        "kind: plan\nplan_phases:\n  - {id: one, name: {es: x, en: x}, weeks: 1, after: [two]}\n"
        "  - {id: two, name: {es: x, en: x}, weeks: 1, after: [one]}\n",
        "DIR/mine.yaml:3: plan_phases.0: after: las fases dependen unas de otras en un ciclo",
        "DIR/mine.yaml:3: plan_phases.0: after: phases depend on each other in a loop",
    ),
    Case(
        "rules.plan.no_phases",
        "kind: plan\ndisable: [needs, team, quick-wins, decide, training, hiring, launch, survey]\n",
        "rules: plan_phases: no hay ninguna fase definida",
        "rules: plan_phases: no phases defined",
    ),
    # --- interview questions --------------------------------------------------------------
    Case(
        "rules.questions.repeat_texts",
        "kind: questions\ninterview_sections:\n  - {id: more, title: {es: x, en: x}, repeat: staff}\n",
        "DIR/mine.yaml:3: interview_sections.0: una sección que se repite necesita los textos"
        " add_first y add_more",
        "DIR/mine.yaml:3: interview_sections.0: a repeating section needs add_first and"
        " add_more texts",
    ),
    Case(
        "rules.questions.needs_choices",
        question(type="choice"),
        "DIR/mine.yaml:3: questions.0: una pregunta 'choice' necesita choices o choices_from",
        "DIR/mine.yaml:3: questions.0: a 'choice' question needs choices or choices_from",
    ),
    Case(
        "rules.questions.no_choices",
        question(type="yesno", choices_from="channels"),
        "DIR/mine.yaml:3: questions.0: una pregunta 'yesno' no lleva choices",
        "DIR/mine.yaml:3: questions.0: a 'yesno' question takes no choices",
    ),
    Case(
        "rules.questions.unknown_section",
        question(section="nada"),
        "DIR/mine.yaml:3: questions.0: sección desconocida 'nada'; secciones conocidas: business,"
        " customers, demand, organization, staff, constraints",
        "DIR/mine.yaml:3: questions.0: unknown section 'nada'; known: business, customers,"
        " demand, organization, staff, constraints",
    ),
    Case(
        "rules.questions.one_repeat",
        "kind: questions\ninterview_sections:\n  - {id: more, title: {es: x, en: x},"
        " repeat: staff, add_first: {es: x, en: x}, add_more: {es: x, en: x}}\n",
        "rules: solo una sección de la entrevista puede repetirse (staff)",
        "rules: only one interview section may repeat (staff)",
    ),
    Case(
        "rules.questions.staff_name_first",
        "kind: questions\ndisable: [staff-name]\n",
        "rules/questions.yaml:709: questions.46: la primera pregunta de una sección de equipo"
        " debe preguntar staff.name",
        "rules/questions.yaml:709: questions.46: the first question of a staff section must ask"
        " staff.name",
    ),
    Case(
        "rules.questions.asked_twice",
        question(field="company.sector"),
        "DIR/mine.yaml:5: questions.0.field: company.sector ya lo pregunta 'company-sector'",
        "DIR/mine.yaml:5: questions.0.field: company.sector is already asked by 'company-sector'",
    ),
    Case(
        "rules.questions.not_profile_field",
        question(field="company.nombre"),
        "DIR/mine.yaml:5: questions.0.field: 'company.nombre' no es un campo del perfil",
        "DIR/mine.yaml:5: questions.0.field: 'company.nombre' is not a field of the profile",
    ),
    Case(
        "rules.questions.not_staff_field",
        question(section="staff", field="staff.nombre"),
        "DIR/mine.yaml:5: questions.0.field: 'staff.nombre' no es un campo de un miembro del"
        " equipo",
        "DIR/mine.yaml:5: questions.0.field: 'staff.nombre' is not a field of a staff member",
    ),
    Case(
        "rules.questions.type_mismatch",
        question(field="company.locations", type="yesno"),
        "DIR/mine.yaml:6: questions.0.type: una pregunta 'yesno' no puede rellenar"
        " company.locations (int)",
        "DIR/mine.yaml:6: questions.0.type: a 'yesno' question cannot fill company.locations (int)",
    ),
    Case(
        "rules.questions.scale_values",
        question(type="scale", choices="[{value: 7, label: {es: x, en: x}}]"),
        "DIR/mine.yaml:8: questions.0.choices: una pregunta de escala toma los valores del 1 al 5",
        "DIR/mine.yaml:8: questions.0.choices: a scale question takes the values 1 to 5",
    ),
    Case(
        "rules.questions.default_not_choice",
        question(type="choice", choices="[{value: a, label: {es: x, en: x}}]", default="b"),
        "DIR/mine.yaml:9: questions.0.default: el valor por defecto no es ninguna de las opciones",
        "DIR/mine.yaml:9: questions.0.default: the default is not one of the choices",
    ),
    Case(
        "rules.questions.not_choices",
        question(type="multi", choices="[{value: a, label: {es: x, en: x}}]", default="[a, z]"),
        "DIR/mine.yaml:9: questions.0.default: no están entre las opciones: z",
        "DIR/mine.yaml:9: questions.0.default: not among the choices: z",
    ),
    Case(
        "rules.questions.asked_later",
        question(type="yesno", when="{field: constraints.weeks, gt: 4}"),
        "DIR/mine.yaml:8: questions.0.when: 'when' lee constraints.weeks, que se pregunta más"
        " tarde (en 'constraints-weeks')",
        "DIR/mine.yaml:8: questions.0.when: 'when' reads constraints.weeks, which is asked later"
        " (by 'constraints-weeks')",
    ),
    Case(
        "pydantic.greater_than_equal",
        question(field="company.locations", type="integer", default="-1"),
        "DIR/mine.yaml:8: questions.0.default: debe ser mayor o igual que 0",
        "DIR/mine.yaml:8: questions.0.default: must be greater than or equal to 0",
    ),
]


OTHER: dict[Lang, Lang] = {"es": "en", "en": "es"}


def invoke(runner: CliRunner, args: list[str], lang: Lang) -> Result:
    """The command run with ``--lang lang`` while the environment asks for the other language:
    only the command's own choice can win."""
    return runner.invoke(app, [*args, "--lang", lang], env={"MODELO_SERVICIO_LANG": OTHER[lang]})


def check(runner: CliRunner, folder: Path, lang: Lang) -> tuple[int, str, str]:
    result = invoke(runner, ["rules", "check", "--rules", str(folder)], lang)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.key for c in CASES])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_rule_file_problem_speaks_the_command_language(
    case: Case, lang: Lang, runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "mine.yaml").write_text(case.text, "utf-8")
    code, out, err = check(runner, tmp_path, lang)
    assert (code, out) == (2, ""), err
    lines = err.splitlines()
    assert lines[0] == HEADER[lang]
    expected = getattr(case, lang).replace("DIR/", f"{tmp_path}/")
    assert f"  {expected}" in lines, err


def test_every_rule_file_message_has_a_case() -> None:
    """A new message for rule files gets its line in both languages above (or a test below)."""
    prefixes = ("rules.file.", "rules.cond.", "rules.plan.", "rules.questions.")
    defined = {k for k in _catalog() if k.startswith(prefixes)} | {"rules.none"}
    below = {"rules.check.never_fires", "rules.folder_missing", "rules.folder_expected"}
    assert defined - {c.key for c in CASES} == set()
    assert below <= set(_catalog())


@pytest.mark.parametrize(
    ("lang", "header", "line"),
    [
        ("es", "Avisos (1):", "DIR/mine.yaml:3: la regla 'r1' no puede aplicarse nunca"),
        ("en", "Warnings (1):", "DIR/mine.yaml:3: rule 'r1' can never fire"),
    ],
)
def test_a_rule_that_can_never_fire_is_warned_in_the_command_language(
    lang: Lang, header: str, line: str, runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "mine.yaml").write_text(when("{field: customers.faq_share, gt: 1}"), "utf-8")
    code, out, err = check(runner, tmp_path, lang)
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    assert lines[:2] == [header, "  " + line.replace("DIR/", f"{tmp_path}/")]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("es", "no existe la carpeta de reglas"), ("en", "rules folder not found")],
)
def test_a_missing_rules_folder_is_named_in_the_command_language(
    lang: Lang, message: str, runner: CliRunner, tmp_path: Path
) -> None:
    code, _, err = check(runner, tmp_path / "nope", lang)
    assert code == 2
    assert err == f"{tmp_path / 'nope'}: {message}\n"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("es", "--rules espera una carpeta de archivos YAML"),
        ("en", "--rules expects a folder of YAML files"),
    ],
)
def test_a_file_given_as_rules_folder_is_refused_in_the_active_language(
    lang: Lang, message: str, tmp_path: Path
) -> None:
    """The CLI's ``--rules`` refuses a file before reading it; the library says why too."""
    plain = tmp_path / "rules.yaml"
    plain.write_text("kind: rules\n", "utf-8")
    with pytest.raises(InputError) as caught:
        user_files(plain)
    assert caught.value.render(lang) == f"{plain}: {message}"


RULEZ = {
    "es": "rulez: campo desconocido (¿quería decir 'rules'?)",
    "en": "rulez: unknown field (did you mean 'rules'?)",
}


@pytest.mark.parametrize(
    ("command", "extra"),
    [("score", []), ("explain", []), ("models", None), ("interview", ["--defaults"])],
)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_command_reads_rule_files_in_its_language(
    command: str, extra: list[str] | None, lang: Lang, runner: CliRunner, tmp_path: Path
) -> None:
    rules = tmp_path / "reglas"
    rules.mkdir()
    (rules / "mine.yaml").write_text("kind: rules\nrulez: []\n", "utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text("company: {name: Acme}\n", "utf-8")
    args = [command] if extra is None else [command, str(profile), *extra]
    if command == "interview":
        args.append("--force")
    result = invoke(runner, [*args, "--rules", str(rules)], lang)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [HEADER[lang], f"  {rules}/mine.yaml:2: {RULEZ[lang]}"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("es", "falta este campo obligatorio"), ("en", "this required field is missing")],
)
def test_plan_settings_left_incomplete_are_reported_in_the_active_language(
    lang: Lang, message: str
) -> None:
    """Only a broken package can leave a setting without a value (files may override keys, not
    remove them), so this is checked on the library, without the packaged staffing file."""
    files = [(n, t) for n, t in packaged_files() if n != "rules/staffing.yaml"]
    files.append(("mine.yaml", "kind: staffing\nstaffing: {shrinkage: 0.3}\n"))
    with pytest.raises(RuleError) as caught:
        build(files)
    found = [p.render(lang) for p in caught.value.problems]
    assert f"rules: staffing.service_level: {message}" in found
    assert not any(re.search(r"Field required|shrinkage", p) for p in found)
