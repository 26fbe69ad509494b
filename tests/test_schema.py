from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from litcat.core.loader import load_taxonomy
from litcat.core.models import RECORD_FIELDS, Links, Paper
from litcat.core.taxonomy import Taxonomy
from litcat.formats.schema import record_schema

from .conftest import Cli, repo_catalog

TESTS = Path(__file__).parent
REPO = TESTS.parent


def taxonomy_of(root: Path) -> Taxonomy:
    taxonomy, doc = load_taxonomy(root)
    assert taxonomy is not None, doc.problems
    return taxonomy


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def as_json(path: Path) -> Any:
    """A record as an editor's YAML language server sees it: YAML 1.1 types, dates as text."""
    # libyaml where there is one: the same YAML 1.1 reading as the language server's, faster.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return json.loads(json.dumps(data, default=str))


def errors(schema: dict[str, Any], record: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(record)]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return record_schema(taxonomy_of(TESTS / "catalog"))


def test_schema_is_valid_json_schema(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_field_of_the_model_is_in_the_schema(schema: dict[str, Any]) -> None:
    assert list(schema["properties"]) == list(RECORD_FIELDS)
    assert "id" not in schema["properties"]
    required = [n for n, f in Paper.model_fields.items() if f.is_required() and n != "id"]
    assert sorted(schema["required"]) == sorted(required)
    assert list(schema["$defs"]["Links"]["properties"]) == list(Links.model_fields)
    assert schema["additionalProperties"] is False


def test_tag_values_are_the_taxonomy_nodes(schema: dict[str, Any]) -> None:
    taxonomy = taxonomy_of(TESTS / "catalog")
    tags = schema["properties"]["tags"]
    assert list(tags["properties"]) == taxonomy.dimension_ids()
    for dim in taxonomy.dimensions:
        values = tags["properties"][dim.id]
        assert values["items"]["enum"] == list(taxonomy.nodes(dim.id))
        assert values.get("maxItems") == (None if dim.multiple else 1)
    attributes = schema["properties"]["attributes"]
    assert list(attributes["properties"]) == taxonomy.attribute_ids()
    assert attributes["properties"]["setting"]["anyOf"][0]["enum"] == ["field", "lab", "both"]


@pytest.mark.parametrize("path", sorted((TESTS / "catalog/papers").glob("*.yaml")), ids=str)
def test_test_records_validate(schema: dict[str, Any], path: Path) -> None:
    assert errors(schema, as_json(path)) == []


@pytest.mark.skipif(not (REPO / "papers").is_dir(), reason="no papers/ in this checkout")
def test_catalog_records_validate() -> None:
    schema = record_schema(taxonomy_of(REPO))
    catalog = repo_catalog()
    found = {
        catalog.files[pid]: errors(schema, as_json(REPO / catalog.files[pid]))
        for pid in catalog.papers
    }
    assert {file: e for file, e in found.items() if e} == {}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"titel": "x"}, "Additional properties are not allowed ('titel'"),
        ({"tags": {"method": ["gps-tag"]}}, "tags.method.0: 'gps-tag' is not one of"),
        ({"tags": {"colour": ["red"]}}, "tags: Additional properties"),
        ({"tags": {"scale": ["global", "continental"]}}, "tags.scale: ['global', 'continental']"),
        ({"attributes": {"setting": "sea"}}, "attributes.setting: 'sea' is not valid"),
        ({"attributes": {"weight": 3}}, "attributes: Additional properties"),
        ({"arxiv": "arXiv 2101"}, "arxiv: 'arXiv 2101' is not valid"),
        ({"doi": "doi 10.1"}, "doi: 'doi 10.1' is not valid"),
        ({"links": {"code": "javascript:alert(1)"}}, "links.code: 'javascript:alert(1)'"),
        ({"year": 1700}, "year: 1700 is less than the minimum of 1800"),
        ({"authors": "Anna Berg"}, "authors: 'Anna Berg' is not of type 'array'"),
    ],
)
def test_wrong_records_fail(schema: dict[str, Any], change: dict[str, Any], where: str) -> None:
    record = {**as_json(TESTS / "catalog/papers/berg2021flyways.yaml"), **change}
    found = errors(schema, record)
    assert any(e.startswith(where) or where in e for e in found), found


def test_schema_command(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.org/birds\n")
    result = cli(catalog_dir, "schema")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    expected = record_schema(
        taxonomy_of(catalog_dir), "https://example.org/birds/schema/record.json"
    )
    assert printed == expected


def test_schema_command_needs_a_taxonomy(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "taxonomy.yaml").write_text("dimensions: 3\n")
    result = cli(catalog_dir, "schema")
    assert result.exit_code == 1, result.output
    assert "taxonomy.yaml did not load" in result.output


def test_the_attributes_model_is_made_once_per_declaration(tmp_path: Path) -> None:
    """A catalog loaded again finds its attributes' model made; a changed declaration (a new
    choice, another description) gets a model of its own, and the schema shows the change."""
    first, again = taxonomy_of(TESTS / "catalog"), taxonomy_of(TESTS / "catalog")
    assert first is not again
    assert first.attributes_model is again.attributes_model
    changed = yaml.safe_load((TESTS / "catalog/taxonomy.yaml").read_text(encoding="utf-8"))
    attribute = next(a for a in changed["attributes"] if a.get("type") == "choice")
    attribute["choices"].append({"id": "brand-new", "label": "Brand new"})
    attribute["description"] = "Described anew."
    (tmp_path / "taxonomy.yaml").write_text(yaml.safe_dump(changed), encoding="utf-8")
    other = taxonomy_of(tmp_path)
    assert other.attributes_model is not first.attributes_model
    described = record_schema(other)["properties"]["attributes"]["properties"][attribute["id"]]
    assert "Described anew." in json.dumps(described)
    assert "brand-new" in json.dumps(described)
    assert "brand-new" not in json.dumps(record_schema(first))


def test_a_schema_made_again_is_the_same_and_its_own() -> None:
    """The models' schemas are made once per process; each record schema is a copy that its
    caller may change without changing the next one."""
    taxonomy = taxonomy_of(TESTS / "catalog")
    first = record_schema(taxonomy)
    expected = json.loads(json.dumps(first))
    first["properties"]["title"]["description"] = "changed"
    first["properties"]["attributes"]["properties"].clear()
    first["$defs"]["Links"]["properties"].clear()
    assert record_schema(taxonomy) == expected
    assert expected["$defs"]["Links"]["properties"] and expected["properties"]["attributes"]
