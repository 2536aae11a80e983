"""progflow docs: generated from the database, deterministic, and checked for staleness."""


def server(pg):
    return pg.uri(pg.maintenance_db)


def test_committed_docs_are_current(run, pg):
    assert "docs/ is up to date" in run(["docs", "--check", "--server", server(pg)]).stdout


def test_docs_regenerate_identically(run, pg, project_copy):
    copy = project_copy
    run(["docs", "--server", server(pg)], project=copy)
    first = {p.name: p.read_text() for p in (copy / "docs").glob("*.md")}
    run(["docs", "--server", server(pg)], project=copy)
    assert {p.name: p.read_text() for p in (copy / "docs").glob("*.md")} == first
    schema = first["schema.md"]
    assert "### users" in schema and "### `progflow.submit_level_attempt(" in schema and "## Views" in schema
    assert "users ||--o{ user_stats" in first["erd.md"]


def test_a_changed_comment_makes_the_docs_stale(run, pg, project_copy):
    copy = project_copy
    source = copy / "sql" / "progflow" / "tables" / "users.sql"
    source.write_text(source.read_text().replace("Public handle", "Public name"))
    result = run(["docs", "--check", "--server", server(pg)], code=1, project=copy)
    assert "docs/ is stale: schema.md" in result.stderr
