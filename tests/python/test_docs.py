"""progflow docs: generated from the database, deterministic, and checked for staleness."""


def server(pg):
    return pg.uri(pg.maintenance_db)


def test_committed_docs_are_current(run, pg):
    assert "docs/ is up to date" in run(["docs", "--check", "--server", server(pg)]).stdout


def test_docs_regenerate_identically(run, pg, project_copy):
    copy = project_copy
    (copy / "docs" / "erd.svg").unlink()  # drawn again by graphviz
    run(["docs", "--server", server(pg)], project=copy)
    first = {p.name: p.read_text() for p in (copy / "docs").glob("*") if p.suffix in (".md", ".dot", ".svg")}
    run(["docs", "--server", server(pg)], project=copy)
    assert {p.name: p.read_text() for p in (copy / "docs").glob("*") if p.suffix in (".md", ".dot", ".svg")} == first
    schema = first["schema.md"]
    assert "### users" in schema and "### `progflow.submit_level_attempt(" in schema and "## Views" in schema
    assert "users ||--o{ user_stats" in first["erd.md"]
    assert "users:id -> user_stats:user_id" in first["erd.dot"]
    assert "<svg" in first["erd.svg"] and "drawn by graphviz from erd.dot sha256:" in first["erd.svg"]
    run(["docs", "--check", "--server", server(pg)], project=copy)


def test_a_stale_picture_is_found_without_graphviz(run, pg, project_copy):
    svg = project_copy / "docs" / "erd.svg"
    svg.write_text(svg.read_text().replace("erd.dot sha256:", "erd.dot sha256:0"))
    result = run(["docs", "--check", "--server", server(pg)], code=1, project=project_copy,
                 env={"PATH": "/nonexistent"})
    assert "docs/ is stale: erd.svg" in result.stderr


def test_a_changed_comment_makes_the_docs_stale(run, pg, project_copy):
    copy = project_copy
    source = copy / "sql" / "progflow" / "tables" / "users.sql"
    source.write_text(source.read_text().replace("Public handle", "Public name"))
    result = run(["docs", "--check", "--server", server(pg)], code=1, project=copy)
    assert "docs/ is stale: schema.md" in result.stderr


def test_drawing_the_picture_needs_graphviz(run, pg, project_copy):
    (project_copy / "docs" / "erd.svg").unlink()
    result = run(["docs", "--server", server(pg)], code=2, project=project_copy, env={"PATH": "/nonexistent"})
    assert "graphviz's dot is needed to draw docs/erd.svg" in result.stderr and "apt-get install graphviz" in result.stderr


def test_the_erd_is_grouped_by_area_and_wider_than_tall():
    """One screen: the picture is wider than tall, in four areas; the Mermaid diagrams split the same way."""
    import re

    from conftest import ROOT
    from progflow.docs import AREAS

    svg = (ROOT / "docs" / "erd.svg").read_text()
    width, height = (float(v) for v in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    assert width > height, (width, height)
    dot = (ROOT / "docs" / "erd.dot").read_text()
    tables = set(re.findall(r"^    (\w+) \[label=", dot, re.M))
    assert tables == {t for names in AREAS.values() for t in names}, "every table in exactly one area, none in Other"
    erd = (ROOT / "docs" / "erd.md").read_text()
    assert re.findall(r"^## (\w+)$", erd, re.M) == list(AREAS)
    for area, names in AREAS.items():
        section = erd.split(f"## {area}\n", 1)[1].split("\n## ", 1)[0]
        assert all(f"    {name} {{" in section for name in names), area
