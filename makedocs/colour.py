"""Colour management for the print shop (``--cmyk``): theme colours and pictures into the CMYK
of one press, through its ICC output profile (LittleCMS, by Pillow's ImageCms).

A shop prints on a known *condition* (FOGRA39: sheet-fed offset on coated paper) that an ICC
output profile describes. The theme's ``[print]`` table names the profile (the bundled one is
computed from Fogra's FOGRA39 characterisation data) and how colours go through it:

- Theme colours use ``colour_intent`` (relative colorimetric with black point compensation),
  except that a *near-neutral dark* colour (body text, rules, the running heads) goes on the
  black plate alone: C, M and Y misregistered by a tenth of a millimetre would fringe small
  type. "Near-neutral dark" is judged on what the profile would print (its Lab chroma at most
  ``neutral_chroma``, its lightness L* at most ``dark_lightness``); the black ink is then as
  dark as the colour, matched through the profile's own black-only ramp, so text darker than
  black ink is solid 100% K.
- Large areas (the cover) use the same colours, but a colour that would be solid black ink is
  ``rich_black`` instead (black alone looks grey over a whole page).
- Pictures use ``picture_intent`` (perceptual); a greyscale picture stays one channel and
  goes through the black-only ramp, so it prints on K alone with the tones it shows on screen.
  A CMYK picture carrying its own profile is converted from it; one without is taken as
  already made for the press.
- Nothing exceeds ``ink_limit`` (total C+M+Y+K): the profile keeps its results within it, and
  the theme's rich black is checked against it.

Registration colour (every plate at 100%) is not a theme colour: only crop marks use it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from makedocs.resources import PROFILES_DIR

if TYPE_CHECKING:
    from PIL import Image

    from makedocs.theme import Theme

Cmyk = tuple[float, float, float, float]  # fractions of full ink, 0..1

INTENTS = ("perceptual", "relative", "saturation", "absolute")
_TABLE = "print"


@dataclass(frozen=True, slots=True)
class Press:
    """One press condition: its ICC output profile and the theme's rules for reaching it."""

    profile: bytes = field(repr=False)
    file: str  # the profile's file name, for messages and the output intent's /Info
    description: str  # the profile's own description
    condition: str  # OutputConditionIdentifier ("FOGRA39")
    registry: str  # where ``condition`` is registered ("http://www.color.org"), or ""
    condition_info: str  # a human description of the condition
    colour_intent: str
    picture_intent: str
    ink_limit: float  # total ink in percent
    neutral_chroma: float
    dark_lightness: float
    rich_black: Cmyk | None  # None: the profile's own result

    @property
    def key(self) -> str:
        """Identifies the press in caches: same profile and rules, same conversions."""
        digest = hashlib.sha256(self.profile).hexdigest()[:16]
        rules = (self.colour_intent, self.picture_intent, self.neutral_chroma)
        return f"{digest}:{rules}:{self.dark_lightness}:{self.rich_black}"

    def ink(self, value: str) -> Cmyk:
        """A ``#rrggbb`` theme colour for text, rules and small marks."""
        found = self._profile_result(value)
        if self._black_only(found):
            return 0.0, 0.0, 0.0, self._black_for(found)
        return found

    def area(self, value: str) -> Cmyk:
        """A ``#rrggbb`` theme colour filling a large area (the cover)."""
        found = self._profile_result(value)
        if self._black_only(found) and self._black_for(found) >= 1.0:
            return self.rich_black if self.rich_black is not None else found
        return self.ink(value)

    def picture(self, im: Image.Image) -> Image.Image:
        """An RGB picture in the press's CMYK."""
        from PIL import ImageCms

        return ImageCms.applyTransform(im, _transform(self.profile, "RGB", self.picture_intent))

    def grey_picture(self, im: Image.Image) -> Image.Image:
        """A greyscale picture (mode L) as black ink only, still mode L (DeviceGray: K = 1 - g),
        with each grey's lightness matched through the press's black-only ramp; black point
        compensation scales the screen's black to black ink's, so shadows keep their detail."""
        ramp = _black_ramp(self.profile)
        darkest = ramp[-1]
        table = [
            255 - round(255 * _black_for_lightness(ramp, darkest + (100 - darkest) * light / 100))
            for light in map(_grey_lightness, range(256))
        ]
        return im.point(table)

    def cmyk_picture(self, im: Image.Image, icc: bytes | None) -> Image.Image:
        """A CMYK picture: converted from its own profile, else taken as made for this press."""
        from PIL import ImageCms

        if not icc or icc == self.profile:
            return im
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(icc))
            if source.profile.xcolor_space.strip() != "CMYK":
                return im
            intent = _intent(self.picture_intent)
            return ImageCms.profileToProfile(
                im, source, _profile(self.profile), renderingIntent=intent, outputMode="CMYK"
            )
        except (OSError, ValueError, ImageCms.PyCMSError):
            return im  # a broken profile: the numbers as they are, as for no profile

    def flat_picture(self, data: bytes) -> bytes:
        """A prepared PNG (graphics, transparency) flattened onto white paper, in press colours,
        as a lossless TIFF: black-only if it is grey, else CMYK."""
        from PIL import Image as PILImage

        with PILImage.open(BytesIO(data)) as source:
            grey = source.mode in ("L", "LA")
            rgba = source.convert("RGBA")
        paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = PILImage.alpha_composite(paper, rgba)
        out = BytesIO()
        if grey:
            converted = self.grey_picture(flat.convert("L"))
        else:
            converted = self.picture(flat.convert("RGB"))
        converted.save(out, "TIFF", compression="tiff_deflate")
        return out.getvalue()

    # --- the rules ----------------------------------------------------------------------

    def _profile_result(self, value: str) -> Cmyk:
        return _colour(self.profile, value.lower(), self.colour_intent)

    def _black_only(self, cmyk: Cmyk) -> bool:
        lightness, a, b = _printed_lab(self.profile, cmyk)
        return (a * a + b * b) ** 0.5 <= self.neutral_chroma and lightness <= self.dark_lightness

    def _black_for(self, cmyk: Cmyk) -> float:
        lightness, _, _ = _printed_lab(self.profile, cmyk)
        return _black_for_lightness(_black_ramp(self.profile), lightness)


# --- loading [print] --------------------------------------------------------------------------


def load_press(theme: Theme) -> Press:
    """The theme's ``[print]`` table, checked; a bad value is ``theme.toml:LINE: [print] ...``."""
    from makedocs.typesetting.values import Table

    table = Table(theme, _TABLE)
    path = profile_file(theme)
    if path is None:
        raise table.error(
            "profile",
            f"{table.text('profile')!r} is neither beside the theme nor among the bundled "
            f"profiles ({', '.join(sorted(p.name for p in PROFILES_DIR.glob('*.ic[cm]')))})",
        )
    data, description = _read_profile(path, table)
    ink_limit = table.number("ink_limit", minimum=100)
    if ink_limit > 400:
        raise table.error("ink_limit", f"must be at most 400 (%), not {ink_limit:g}")
    neutral = table.number("neutral_chroma")
    dark = table.number("dark_lightness")
    if dark > 100:
        raise table.error("dark_lightness", f"is a lightness L* from 0 to 100, not {dark:g}")
    return Press(
        profile=data,
        file=path.name,
        description=description,
        condition=_text(table, "condition", empty=False),
        registry=_text(table, "registry", empty=True),
        condition_info=_text(table, "condition_info", empty=True),
        colour_intent=table.choice("colour_intent", INTENTS),
        picture_intent=table.choice("picture_intent", INTENTS),
        ink_limit=ink_limit,
        neutral_chroma=neutral,
        dark_lightness=dark,
        rich_black=_rich_black(table, ink_limit),
    )


def profile_file(theme: Theme) -> Path | None:
    """The profile ``[print] profile`` names: beside the theme file that named it (or in its
    ``profiles/`` folder), else among the bundled profiles; None if there is none."""
    name = theme.table(_TABLE).get("profile")
    if not isinstance(name, str) or not name or Path(name).name != name:
        return None
    origin = theme.origins.get((_TABLE, "profile"))
    folders = [origin.folder, origin.folder / "profiles"] if origin is not None else []
    for folder in [*folders, PROFILES_DIR]:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _read_profile(path: Path, table: Any) -> tuple[bytes, str]:
    from PIL import ImageCms

    try:
        data = path.read_bytes()
        profile = ImageCms.ImageCmsProfile(BytesIO(data)).profile
    except (OSError, ValueError, ImageCms.PyCMSError) as error:
        raise table.error("profile", f"{path.name} is not an ICC profile ({error})") from None
    space, kind = profile.xcolor_space.strip(), profile.device_class.strip()
    if space != "CMYK" or kind != "prtr":
        raise table.error(
            "profile",
            f"{path.name} must be a CMYK output (printer) profile, not a {space} {kind} profile",
        )
    return data, profile.profile_description or path.name


def _text(table: Any, key: str, *, empty: bool) -> str:
    value = table.text(key)
    if not empty and not value.strip():
        raise table.error(key, "must not be empty")
    if any(ord(c) < 32 or ord(c) > 126 for c in value):
        raise table.error(key, "must be plain ASCII text (it is written into the PDF as is)")
    return value


def _rich_black(table: Any, ink_limit: float) -> Cmyk | None:
    value = table["rich_black"]
    if value == "profile":
        return None
    if (
        not isinstance(value, list)
        or len(value) != 4
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        or not all(0 <= v <= 100 for v in value)
    ):
        raise table.error(
            "rich_black", f'must be [C, M, Y, K] in % (0 to 100) or "profile", not {value!r}'
        )
    if sum(value) > ink_limit:
        raise table.error(
            "rich_black", f"uses {sum(value):g}% ink, more than ink_limit ({ink_limit:g}%)"
        )
    c, m, y, k = (round(v / 100, 4) for v in value)
    return c, m, y, k


# --- LittleCMS, once per profile per process --------------------------------------------------


def _intent(name: str) -> Any:
    from PIL import ImageCms

    return {
        "perceptual": ImageCms.Intent.PERCEPTUAL,
        "relative": ImageCms.Intent.RELATIVE_COLORIMETRIC,
        "saturation": ImageCms.Intent.SATURATION,
        "absolute": ImageCms.Intent.ABSOLUTE_COLORIMETRIC,
    }[name]


@cache
def _profile(data: bytes) -> Any:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(BytesIO(data))


@cache
def _transform(data: bytes, mode: str, intent: str) -> Any:
    """sRGB (``mode`` RGB) into the press's CMYK, with black point compensation."""
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        _profile(data),
        mode,
        "CMYK",
        renderingIntent=_intent(intent),
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@cache
def _to_lab(data: bytes) -> Any:
    """The press's CMYK back to Lab: what a colour will look like printed (paper white)."""
    from PIL import ImageCms

    return ImageCms.buildTransform(
        _profile(data),
        ImageCms.createProfile("LAB"),
        "CMYK",
        "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


@cache
def _colour(data: bytes, value: str, intent: str) -> Cmyk:
    from PIL import Image as PILImage
    from PIL import ImageCms

    rgb = tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))
    pixel = ImageCms.applyTransform(
        PILImage.new("RGB", (1, 1), rgb), _transform(data, "RGB", intent)
    )
    c, m, y, k = (round(v / 255, 4) for v in pixel.getpixel((0, 0)))
    return c, m, y, k


@cache
def _printed_lab(data: bytes, cmyk: Cmyk) -> tuple[float, float, float]:
    """L* (0..100), a*, b* of a CMYK colour printed on the press."""
    from PIL import Image as PILImage
    from PIL import ImageCms

    pixel = PILImage.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    lightness, a, b = ImageCms.applyTransform(pixel, _to_lab(data)).getpixel((0, 0))
    return lightness * 100 / 255, a - 128.0, b - 128.0


@cache
def _black_ramp(data: bytes) -> tuple[float, ...]:
    """L* of black ink alone at 0, 1/255, ... 100%: the press's black-only tones."""
    from PIL import Image as PILImage
    from PIL import ImageCms

    ramp = PILImage.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    lab = ImageCms.applyTransform(ramp, _to_lab(data))
    return tuple(lab.getpixel((k, 0))[0] * 100 / 255 for k in range(256))


def _grey_lightness(value: int) -> float:
    """L* of the sRGB grey ``value`` (0..255)."""
    v = value / 255
    y = v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def _black_for_lightness(ramp: tuple[float, ...], lightness: float) -> float:
    """The black ink (0..1) whose tone has ``lightness``: solid for anything darker than
    black ink itself, none for anything as light as the paper."""
    if lightness <= ramp[-1]:
        return 1.0
    if lightness >= ramp[0]:
        return 0.0
    for k in range(1, len(ramp)):
        if ramp[k] <= lightness:
            upper, lower = ramp[k - 1], ramp[k]
            share = (upper - lightness) / (upper - lower) if upper > lower else 1.0
            return round((k - 1 + share) / 255, 3)
    return 1.0  # pragma: no cover - the first test covers it
