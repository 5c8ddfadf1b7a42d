"""Names that whole-word redaction leaves alone: near-misses (warned about by ``check``) and
Korean names with particles (redacted) or inside longer words (left, and listed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from makedocs.transforms import Redactor

# --- Korean: the name alone or with particles, never a longer word -----------------------------

KOREAN = {"한나": "지은", "이수": "민수", "박연미": "김철수", "수진": "하나"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("한나가 왔다", "지은이 왔다"),  # 가 after a vowel becomes 이 after 은's consonant
        ("한나를 봤다", "지은을 봤다"),
        ("한나는 웃었다", "지은은 웃었다"),
        ("한나와 함께", "지은과 함께"),
        ("한나로 불렀다", "지은으로 불렀다"),
        ("한나야!", "지은아!"),
        ("한나의 집", "지은의 집"),
        ("한나에게는 비밀", "지은에게는 비밀"),
        ("한나씨에게", "지은씨에게"),
        ("한나께서 말씀하셨다", "지은께서 말씀하셨다"),
        ("한나도 한나만", "지은도 지은만"),
        ("한나", "지은"),
        ("“한나”", "“지은”"),
        ("박연미는 박연미의 집에 갔다. 박연미다", "김철수는 김철수의 집에 갔다. 김철수다"),
        ("수진이 왔다", "하나가 왔다"),  # 이 after a consonant becomes 가 after a vowel
        ("수진을 만나", "하나를 만나"),
        ("수진으로", "하나로"),
        ("한나라당은 정당이다", "한나라당은 정당이다"),  # a party, not Hannah
        ("이수정이 왔다", "이수정이 왔다"),  # another person
        ("한나라", "한나라"),
        ("김한나가", "김한나가"),
    ],
)
def test_hangul_names_are_redacted_alone_or_before_particles_only(text: str, expected: str) -> None:
    assert Redactor(KOREAN).text(text) == expected


def test_check_lists_every_longer_word_that_starts_with_a_korean_name(tmp_path: Path) -> None:
    lines = _check(
        tmp_path,
        "# 이야기\n\n한나가 왔다. 한나라당 그리고 이수정.\n\n이수는 집에 갔다.\n",
        '{ "한나" = "지은", "이수" = "민수" }',
    )
    story = (tmp_path / "src" / "s.md").as_posix()
    longer = [line for line in lines if "is a longer word" in line]
    assert longer == [
        f"{story}:3: warning: '한나라당' starts with the redacted name '한나' but is a longer "
        "word, so it is not redacted; add it to [privacy] redact if it names the person",
        f"{story}:3: warning: '이수정' starts with the redacted name '이수' but is a longer "
        "word, so it is not redacted; add it to [privacy] redact if it names the person",
    ]
    found = [line for line in lines if "is in the source" in line]
    assert [line.split(": warning")[0] for line in found] == [f"{story}:3", f"{story}:5"]


def test_the_booklet_prints_the_alias_with_its_particle_and_the_party_untouched(
    tmp_path: Path,
) -> None:
    from pypdf import PdfReader

    src = tmp_path / "src"
    src.mkdir()
    (src / "s.md").write_text("# 이야기\n\n한나가 왔다. 한나라당 그리고 이수정.\n", "utf-8")
    config = tmp_path / "makedocs.toml"
    config.write_text('[privacy]\nredact = { "한나" = "지은", "이수" = "민수" }\n', "utf-8")
    out = tmp_path / "s.pdf"
    result = CliRunner().invoke(
        main, ["booklet", str(src), "-o", str(out), "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "지은이왔다" in text and "한나라당" in text and "이수정" in text
    assert "한나가" not in text and "지은라당" not in text and "민수정" not in text


# --- near-misses ------------------------------------------------------------------------------

LATIN = '{ "Yusung Park" = "Minho Lee", "Yusung" = "Minho" }'


def _check(tmp_path: Path, story: str, redact: str) -> list[str]:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "s.md").write_text(story, "utf-8")
    config = tmp_path / "makedocs.toml"
    config.write_text(f"[privacy]\nredact = {redact}\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(src), "--config", str(config)])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("variant", "shown"),
    [
        ("Yusung_Park", "'Yusung_Park' looks like the redacted name 'Yusung Park'"),
        (
            "@yusung_park",
            "'yusung_park' in '@yusung_park' looks like the redacted name 'Yusung Park'",
        ),
        ("YusungPark", "'YusungPark' looks like the redacted name 'Yusung Park'"),
        ("yusung.park", "'yusung.park' looks like the redacted name 'Yusung Park'"),
        ("Yusung-Park", "'Yusung-Park' looks like the redacted name 'Yusung Park'"),
        ("Ｙｕｓｕｎｇ", "'Ｙｕｓｕｎｇ' looks like the redacted name 'Yusung'"),
        (
            "ＹＵＳＵＮＧ ＰＡＲＫ",
            "'ＹＵＳＵＮＧ ＰＡＲＫ' looks like the redacted name 'Yusung Park'",
        ),
        ("MrYusung", "'Yusung' in 'MrYusung' looks like the redacted name 'Yusung'"),
        ("Yu\u00adsung_Park", "looks like the redacted name 'Yusung Park'"),
    ],
)
def test_check_warns_about_each_near_miss_with_its_line(
    tmp_path: Path, variant: str, shown: str
) -> None:
    lines = _check(tmp_path, f"# Title\n\nText.\n\nWe met {variant} at the river.\n", LATIN)
    story = (tmp_path / "src" / "s.md").as_posix()
    near = [line for line in lines if "looks like the redacted name" in line]
    assert len(near) == 1, lines
    assert near[0].startswith(f"{story}:5: warning: ") and shown in near[0]
    assert near[0].endswith("add it to [privacy] redact if it is the same person")


@pytest.mark.parametrize(
    "text",
    ["Yusungs are a family.", "Yusungite is a mineral.", "Yusung Park waved.", "YUSUNG waved."],
)
def test_other_words_and_redacted_names_are_no_near_misses(tmp_path: Path, text: str) -> None:
    lines = _check(tmp_path, f"# Title\n\n{text}\n", LATIN)
    assert not [line for line in lines if "looks like" in line], lines


def test_near_misses_in_titles_captions_and_link_addresses_are_found(tmp_path: Path) -> None:
    story = (
        "---\ntitle: Story of Yusung_Park\n---\n\nText.\n\n"
        "[profile](https://example.org/@yusungpark) and more.\n"
    )
    lines = _check(tmp_path, story, LATIN)
    where = (tmp_path / "src" / "s.md").as_posix()
    near = [line for line in lines if "looks like" in line]
    assert any(line.startswith(f"{where}:2:") and "'Yusung_Park'" in line for line in near)
    assert any(
        line.startswith(
            f"{where}:7: warning: in the link address 'https://example.org/@yusungpark'"
        )
        for line in near
    )
