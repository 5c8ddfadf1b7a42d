"""``makedocs handout``: one event or a CSV batch, read back with pypdf, poppler and zxing-cpp."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from makedocs.handout.dates import long_date
from tests.handout.reading import (
    CONFIG,
    csv_file,
    handout,
    pages_text,
    qr_codes,
    run,
)

COLLECTION_URL = "https://www.libertyinnorthkorea.org"
TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "project" / "events.csv"
EVENT = [
    "--event-title",
    "Beyond Utopia screening",
    "--date",
    "2027-02-11",
    "--time",
    "7:00 PM",
    "--venue",
    "Student Union Theater",
    "--address",
    "1 College Ave",
    "--host",
    "Campus chapter",
    "--url",
    "https://www.example.org/events/union",
    "--notes",
    "Doors open at 6:30 PM",
]


def test_one_event_is_one_page_with_every_field_its_weekday_and_a_qr_code_that_scans(
    tmp_path: Path,
) -> None:
    out = tmp_path / "handout.pdf"
    result = handout("-o", str(out), *EVENT)
    assert result.exit_code == 0, result.output
    (text,) = pages_text(out)
    for value in (
        "Beyond Utopia",  # the collection's title
        "Thursday, February 11, 2027",  # the weekday worked out from the date
        "7:00 PM",
        "Student Union Theater",
        "1 College Ave",
        "Hosted by Campus chapter",
        "Doors open at 6:30 PM",
        "www.example.org/events/union",  # the address the code opens, as text
        "Help North Korean refugees reach freedom.",  # the call to action
        "www.libertyinnorthkorea.org",  # the organisation's own address
        "When life hands you an opportunity",  # the epigraph, with its attribution
        "INDIEWIRE",
    ):
        assert value.casefold() in text.casefold(), value
    assert "BEYOND UTOPIA SCREENING" in text
    assert qr_codes(out) == ["https://www.example.org/events/union"]


def test_back_adds_a_second_page_with_the_organisations_code(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    assert handout("-o", str(out), *EVENT, "--back").exit_code == 0
    front, back = pages_text(out)
    assert "Student Union Theater" in front and "Student Union Theater" not in back
    assert "Liberty in North Korea (LiNK) rescues" in back  # [collection] about
    assert qr_codes(out, page=1) == [COLLECTION_URL]


def test_the_template_csv_writes_one_file_per_row_and_a_combined_file(tmp_path: Path) -> None:
    out = tmp_path / "dist" / "handout.pdf"
    result = handout("-o", str(out), "--events", str(TEMPLATE))
    assert result.exit_code == 0, result.output
    folder = out.parent / "handouts"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "2027-02-11-student-union-theater.pdf",
        "2027-02-18-public-library-hall.pdf",
        "2027-03-04-community-center.pdf",
    ]
    expected = {  # each code opens the row's own page, else the collection's
        "2027-02-11-student-union-theater.pdf": "https://www.example.org/events/union",
        "2027-02-18-public-library-hall.pdf": COLLECTION_URL,
        "2027-03-04-community-center.pdf": "https://www.example.org/events/talk",
    }
    weekdays = {
        "2027-02-11-student-union-theater.pdf": "Thursday, February 11, 2027",
        "2027-02-18-public-library-hall.pdf": "Thursday, February 18, 2027",
        "2027-03-04-community-center.pdf": "Thursday, March 4, 2027",
    }
    for name, url in expected.items():
        (text,) = pages_text(folder / name)  # exactly one page per event
        assert weekdays[name] in text
        assert qr_codes(folder / name) == [url]
    combined = pages_text(out)
    assert len(combined) == 3
    assert [weekdays[name] in page for name, page in zip(names, combined, strict=True)] == [
        True
    ] * 3
    for line in result.output.strip().splitlines()[:4]:
        assert "1 page" in line or "3 pages" in line


def test_the_init_project_builds_handouts_from_its_own_events_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = run("handout", "--events", "events.csv")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "dist" / "handouts").glob("*.pdf"))) == 3
    assert len(PdfReader(tmp_path / "dist" / "handout.pdf").pages) == 3


def test_rows_with_the_same_date_and_venue_get_distinct_stable_names(tmp_path: Path) -> None:
    rows = [
        "Matinee,2027-05-06,2:00 PM,Town Hall,,,,",
        "Evening,2027-05-06,7:00 PM,Town Hall,,,,",
        "Late,2027-05-06,9:00 PM,Town Hall,,,,",
        "Other,2027-05-07,7:00 PM,Town Hall,,,,",
    ]
    events = csv_file(tmp_path, rows)
    seen = []
    for attempt in range(2):
        out = tmp_path / f"run{attempt}" / "handout.pdf"
        assert handout("-o", str(out), "--events", str(events)).exit_code == 0
        folder = out.parent / "handouts"
        seen.append(sorted(p.name for p in folder.iterdir()))
        assert "MATINEE" in pages_text(folder / "2027-05-06-town-hall.pdf")[0]
        assert "LATE" in pages_text(folder / "2027-05-06-town-hall-3.pdf")[0]
    assert (
        seen[0]
        == seen[1]
        == [
            "2027-05-06-town-hall-2.pdf",
            "2027-05-06-town-hall-3.pdf",
            "2027-05-06-town-hall.pdf",
            "2027-05-07-town-hall.pdf",
        ]
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Talk,2027-02-30,7 PM,Hall,,,,", "date '2027-02-30' is not a real date"),
        (
            "Talk,11/02/2027,7 PM,Hall,,,,",
            "date '11/02/2027' is not a real date written YYYY-MM-DD",
        ),
        ("Talk,2027-02-11,7 PM,,,,,", "venue is missing"),
        ("Talk,,7 PM,Hall,,,,", "date is missing"),
        ("Talk,2027-02-11,7 PM,Hall,,,www.example.org,", "url 'www.example.org' is not an http"),
        ("Talk,2027-02-11,7 PM,Hall,,,ftp://example.org/x,", "url 'ftp://example.org/x' is not"),
        (
            "Talk,2027-02-11,7 PM,Hall,,,,Free entry, donations welcome",
            "has 9 fields but the header row has 8; a comma inside a field needs quotes",
        ),
    ],
)
def test_one_bad_row_writes_nothing_and_names_its_row(
    tmp_path: Path, row: str, message: str
) -> None:
    events = csv_file(tmp_path, ["Good,2027-02-11,7 PM,Hall,,,,", row])
    out = tmp_path / "dist" / "handout.pdf"
    result = handout("-o", str(out), "--events", str(events))
    assert result.exit_code == 1
    assert f"{events}:3: {message}" in result.output
    assert "nothing was written" in result.output
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").rglob("*.pdf"))


def test_skip_bad_rows_writes_the_good_ones_and_lists_the_skipped(tmp_path: Path) -> None:
    events = csv_file(
        tmp_path,
        [
            "Good,2027-02-11,7 PM,Hall,,,,",
            "Bad,2027-13-01,7 PM,Hall,,,,",
            "Also good,2027-02-12,7 PM,Library,,,,",
            "No venue,2027-02-12,7 PM,,,,,",
        ],
    )
    out = tmp_path / "dist" / "handout.pdf"
    result = handout("-o", str(out), "--events", str(events), "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out.parent / "handouts").iterdir()) == [
        "2027-02-11-hall.pdf",
        "2027-02-12-library.pdf",
    ]
    assert f"{events}:3: warning: skipped this row: date '2027-13-01'" in result.output
    assert f"{events}:5: warning: skipped this row: venue is missing" in result.output
    assert len(PdfReader(out).pages) == 2


def test_a_row_may_end_in_empty_cells_beyond_the_header(tmp_path: Path) -> None:
    """Spreadsheets export trailing commas: empty cells past the header are no shifted value."""
    events = csv_file(tmp_path, ["Talk,2027-02-11,7 PM,Hall,,,,Free entry,,,"])
    out = tmp_path / "dist" / "handout.pdf"
    result = handout("-o", str(out), "--events", str(events))
    assert result.exit_code == 0, result.output
    assert "Free entry" in PdfReader(out).pages[0].extract_text()


def test_extra_columns_are_ignored_and_optional_ones_may_be_missing(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text(
        "\ufeffVenue,Seats,Date\r\nRiver Hall,120,2027-06-01\r\n\r\n", "utf-8"
    )  # Excel's BOM and line ends, columns in any order and case
    out = tmp_path / "handout.pdf"
    result = handout("-o", str(out), "--events", str(events))
    assert result.exit_code == 0, result.output
    (text,) = pages_text(tmp_path / "handouts" / "2027-06-01-river-hall.pdf")
    assert "Tuesday, June 1, 2027" in text and "River Hall" in text and "120" not in text


def test_a_csv_without_a_venue_column_is_refused_at_its_header(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text("title,date\nTalk,2027-02-11\n", "utf-8")
    result = handout("-o", str(tmp_path / "h.pdf"), "--events", str(events))
    assert result.exit_code == 1
    assert f"{events}:1: has no 'venue' column" in result.output


def test_one_event_and_a_csv_together_are_a_usage_error(tmp_path: Path) -> None:
    result = handout("-o", str(tmp_path / "h.pdf"), "--events", str(TEMPLATE), "--venue", "Hall")
    assert result.exit_code == 2 and "--venue describes one event" in result.output
    result = handout("-o", str(tmp_path / "h.pdf"), "--skip-bad-rows")
    assert result.exit_code == 2 and "--skip-bad-rows only applies with --events" in result.output


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--date", "2027-02-30", "must be a real date written YYYY-MM-DD"),
        ("--url", "javascript:alert(1)", "must be an http:// or https:// address"),
    ],
)
def test_a_bad_event_option_is_a_usage_error(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    result = handout("-o", str(tmp_path / "h.pdf"), "--venue", "Hall", option, value)
    assert result.exit_code == 2
    assert message in result.output


def test_an_event_needs_a_date_and_a_venue(tmp_path: Path) -> None:
    result = handout("-o", str(tmp_path / "h.pdf"), "--venue", "Hall")
    assert result.exit_code == 1 and "--date is missing" in result.output


def _project(tmp_path: Path, event: str) -> Path:
    config = tmp_path / "makedocs.toml"
    config.write_text(CONFIG.read_text("utf-8") + "\n" + event, "utf-8")
    return config


def test_build_writes_the_handout_with_the_event_of_makedocs_toml(tmp_path: Path) -> None:
    config = _project(
        tmp_path,
        '[event]\ntitle = "Screening"\ndate = 2027-09-03\nvenue = "Main Library"\n'
        'url = "https://www.example.org/library"\n',
    )
    out = tmp_path / "dist"
    result = run("build", str(CONFIG.parent / "seeds"), "-o", str(out), "--config", str(config))
    assert result.exit_code == 0, result.output
    (text,) = pages_text(out / "handout.pdf")
    assert "Friday, September 3, 2027" in text and "Main Library" in text
    assert qr_codes(out / "handout.pdf") == ["https://www.example.org/library"]


def test_without_an_event_build_writes_a_generic_handout(seed_build: Path) -> None:
    (text,) = pages_text(seed_build / "handout.pdf")
    assert "Beyond Utopia" in text and "Help North Korean refugees reach freedom." in text
    assert not any(day in text for day in ("Monday", "Tuesday", "Wednesday", "Thursday"))
    assert qr_codes(seed_build / "handout.pdf") == [COLLECTION_URL]


@pytest.mark.parametrize(
    ("event", "line", "message"),
    [
        ('[event]\nvenue = "Hall"\ndate = "11/02/2027"\n', 3, "[event] date must be a real date"),
        ('[event]\nvenue = "Hall"\ndate = 2027-02-11\nurl = "www.x.org"\n', 4, "[event] url must"),
        ("[handout]\nup = 3\n", 2, "[handout] up must be 1, 2 or 4"),
    ],
)
def test_a_bad_event_setting_is_an_error_at_its_line(
    tmp_path: Path, event: str, line: int, message: str
) -> None:
    config = _project(tmp_path, event)
    start = len(CONFIG.read_text("utf-8").splitlines()) + 1
    result = run(
        "handout",
        str(CONFIG.parent / "seeds"),
        "-o",
        str(tmp_path / "h.pdf"),
        "--config",
        str(config),
    )
    assert result.exit_code == 1
    assert f"{config}:{start + line}: {message}" in result.output


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    built = []
    for attempt in range(2):
        out = tmp_path / str(attempt) / "handout.pdf"
        assert handout("-o", str(out), "--events", str(TEMPLATE), "--back").exit_code == 0
        files = sorted(out.parent.rglob("*.pdf"))
        built.append([(p.relative_to(out.parent), p.read_bytes()) for p in files])
    assert built[0] == built[1] and len(built[0]) == 4


def test_the_files_carry_only_what_makedocs_toml_says(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    assert handout("-o", str(out), "--events", str(TEMPLATE)).exit_code == 0
    one = tmp_path / "handouts" / "2027-02-11-student-union-theater.pdf"
    info = PdfReader(one).metadata
    assert info.title == "Beyond Utopia — Student Union Theater, 2027-02-11"
    assert info.author == "Liberty in North Korea"
    assert info.creator == info.producer == "makedocs"
    data = one.read_bytes()
    assert str(tmp_path).encode() not in data and b"ReportLab Generated" not in data
    assert not PdfReader(one).pages[0].images  # nothing but type and vectors


def test_dates_are_printed_in_the_collections_language_with_the_weekday() -> None:
    day = datetime.date(2027, 2, 11)
    assert long_date(day, "en") == "Thursday, February 11, 2027"
    assert long_date(day, "en-GB") == "Thursday, 11 February 2027"
    assert long_date(day, "ko") == "2027년 2월 11일 목요일"
    assert long_date(day, "de") == "Donnerstag, 11. Februar 2027"
    assert long_date(datetime.date(2027, 2, 12), "en").startswith("Friday")


def test_redaction_reaches_every_word_the_handout_prints(tmp_path: Path) -> None:
    (tmp_path / "stories").mkdir()
    story = tmp_path / "stories" / "story.md"
    story.write_text(
        "---\ntitle: Yusung's Road\nsummary: Yusung Park crossed the river at night.\n---\n\n"
        '> "I never looked back."\n> — Yusung Park\n\nHe walked.\n',
        "utf-8",
    )
    config = tmp_path / "makedocs.toml"
    config.write_text(
        '[collection]\nurl = "https://www.example.org"\n'
        '[privacy]\nredact = { "Yusung Park" = "Minho Lee", "Yusung" = "Minho" }\n',
        "utf-8",
    )
    out = tmp_path / "dist" / "handout.pdf"
    result = handout("-o", str(out), "--back", sources=(str(story),), config=config)
    assert result.exit_code == 0, result.output
    text = " ".join(pages_text(out))
    assert "Yusung" not in text and "YUSUNG" not in text
    assert "Minho’s Road" in text and "Minho Lee crossed the river" in text
    assert "MINHO LEE" in text  # the quotation's attribution
    assert b"Yusung" not in out.read_bytes()
