"""Open users' images safely and re-encode them without any metadata.

Every image a renderer embeds passes through :func:`prepare_image` (usually via one
:class:`ImageCache` per build). The stories are about people whose safety depends on not being
found, so the output must never carry anything but pixels: no EXIF (GPS, camera serial, owner
name, an embedded thumbnail of the unedited photo), no XMP, IPTC, comments, PNG text chunks,
no second MPO picture, no later GIF/WebP frames or TIFF pages, no hidden colour under fully
transparent pixels. We guarantee that by decoding to pixels, copying them into a brand-new image
object (Pillow's encoders otherwise pick up ``im.info``) and encoding with explicit options only;
:func:`_check_clean` re-reads every result as a last line of defence.

Colour handling, chosen so renderers never need to care:

* Embedded non-sRGB ICC profiles (Display P3 phone photos, Adobe RGB, CMYK) are converted to sRGB
  with LittleCMS and then dropped; an sRGB profile is simply dropped. If Pillow was built without
  LittleCMS, an RGB profile is kept so colours stay right (it describes colour, not a person).
* ``cmyk=PRESS`` (``--cmyk``, for print shops) converts colour photos to a CMYK JPEG through the
  press's ICC output profile with LittleCMS (see makedocs/colour.py: the profile's own black
  generation and ink limit), and greyscale through its black-only ramp, still single-channel
  (prints on K alone). A CMYK source is converted from its own profile, or kept as it is when it
  has none. Images with transparency or few colours stay PNG, because neither JPEG nor PNG can
  carry CMYK with alpha and JPEG would blur line art: the renderer flattens and converts those.
"""

from __future__ import annotations

import codecs
import math
import os
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from makedocs.errors import MakedocsError

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from makedocs.colour import Press

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without LittleCMS
    ImageCms = None  # type: ignore[assignment]

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "MAX_IMAGE_BYTES",
    "SUPPORTED_FORMATS",
    "ImageCache",
    "MetadataLeakError",
    "PreparedImage",
    "crop_to_aspect",
    "max_px_for_box",
    "prepare_image",
    "prepare_image_data",
]

#: Formats users may supply, as named in error messages.
SUPPORTED_FORMATS = ("JPEG", "PNG", "WebP", "GIF", "TIFF", "BMP")
# Pillow plugin ids tried when opening. Restricting them keeps untrusted files away from
# plugins we never want (EPS shells out to Ghostscript; PSD, ICO, ... are needless surface).
# Phone "JPEG"s with a depth map or preview are MPO; the JPEG plugin hands those over itself.
_PIL_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP")

#: Refuse images with more pixels than this (a 90 MP photo is ~270 MB decoded). Pillow's own
#: ``Image.MAX_IMAGE_PIXELS`` is honoured as well, whichever is lower.
DEFAULT_MAX_PIXELS = 90_000_000
#: Refuse image files larger than this before reading them: an uncompressed 90 MP TIFF is
#: about 270 MB, and no picture in a booklet or deck needs more.
MAX_IMAGE_BYTES = 300 * 1024 * 1024

JPEG_QUALITY = 88
# Below these distinct-colour counts an image is a graphic (logo, map, diagram) and goes to PNG.
# Grey needs a lower bar: a grey photo never has more than 256 levels.
_LINE_ART_COLOURS = {"RGB": 256, "L": 64}

# Keys Pillow reports for our own clean output; anything else means metadata survived.
_CLEAN_INFO_KEYS = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "adobe",
    "adobe_transform",
}

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
#: Orientations whose transposition swaps width and height.
_SIDES_SWAPPED = frozenset({5, 6, 7, 8})
#: A JPEG wanted at most ``max_px`` long is decoded at the smallest of libjpeg's 1/2, 1/4 and
#: 1/8 scales still at least this many times ``max_px`` on each side, then resampled as any
#: other picture: a 64-pixel probe decodes an eighth of the pixels. At print and slide sizes
#: the full-size decode stays (their bytes do not change).
_DRAFT_MARGIN = 2


class MetadataLeakError(RuntimeError):
    """A bug in this module, not in the user's file: the build must stop with a traceback."""


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """Re-encoded, metadata-free image bytes ready to embed."""

    data: bytes  # re-encoded bytes, never the original bytes
    format: str  # "JPEG" or "PNG"
    width: int  # pixels after orientation + downsampling
    height: int
    original_width: int  # after EXIF orientation, before downsampling
    original_height: int
    mode: str = "RGB"  # "RGB", "RGBA", "L", "LA" or "CMYK"; tells renderers about alpha/CMYK

    @property
    def aspect(self) -> float:
        """Width divided by height."""
        return self.width / self.height

    @property
    def has_alpha(self) -> bool:
        return self.mode in ("RGBA", "LA")

    def ppi_at(self, printed_width_pt: float) -> float:
        """Effective pixels per inch when printed ``printed_width_pt`` points wide."""
        if not printed_width_pt > 0:
            raise ValueError(f"printed width must be positive, not {printed_width_pt!r}")
        return self.width * 72.0 / printed_width_pt


def max_px_for_box(width_pt: float, height_pt: float, ppi: float) -> int:
    """The ``max_px`` that still gives ``ppi`` for an image fitted (not cropped) into a box.

    An image fitted inside the box has its longer side no longer than the box's longer side,
    so capping at that length in pixels never drops below ``ppi``. For cover/full-bleed crops,
    prepare without a cap and pass ``max_px`` to :func:`crop_to_aspect` instead.
    """
    if not (width_pt > 0 and height_pt > 0 and ppi > 0):
        raise ValueError("box size and ppi must be positive")
    return max(1, math.ceil(max(width_pt, height_pt) / 72.0 * ppi))


def prepare_image(
    path: Path,
    *,
    max_px: int | None = None,
    cmyk: Press | None = None,
    ref_file: str | None = None,
    ref_line: int | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> PreparedImage:
    """Open safely and re-encode.

    max_px caps the longer side (renderers compute it from the theme: e.g. 300 ppi at printed
    size for PDF, ~200 ppi for slides; see :func:`max_px_for_box`). ``max_pixels`` refuses
    decompression bombs before any pixel is decoded; only a regular file of at most
    ``MAX_IMAGE_BYTES`` is read (never a device such as ``/dev/zero``, a pipe or a socket).

    Any problem with the file raises :class:`MakedocsError` naming the image and, when given,
    the source ``ref_file:ref_line`` that referenced it. Output is deterministic: the same input
    and options give identical bytes (with the same Pillow/libjpeg/zlib).
    """

    def fail(problem: str) -> MakedocsError:
        return MakedocsError(f"image {path}: {problem}", ref_file, ref_line)

    if max_px is not None and max_px < 1:
        raise ValueError(f"max_px must be at least 1, not {max_px}")
    data = _read(Path(path), fail)
    return prepare_image_data(
        data,
        str(path),
        max_px=max_px,
        cmyk=cmyk,
        ref_file=ref_file,
        ref_line=ref_line,
        max_pixels=max_pixels,
    )


def prepare_image_data(
    data: bytes,
    label: str,
    *,
    max_px: int | None = None,
    cmyk: Press | None = None,
    ref_file: str | None = None,
    ref_line: int | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> PreparedImage:
    """:func:`prepare_image` for bytes already in memory (a picture inside a template).

    ``label`` names the picture in messages (``image LABEL: problem``).
    """
    if max_px is not None and max_px < 1:
        raise ValueError(f"max_px must be at least 1, not {max_px}")

    def fail(problem: str) -> MakedocsError:
        return MakedocsError(f"image {label}: {problem}", ref_file, ref_line)

    if not data:
        raise fail("file is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise fail(_too_many_bytes(len(data)))
    with _pillow_warnings_silenced():
        im, header = _open_and_load(data, max_pixels, fail, max_px)
        try:
            orientation = _orientation(im)
            im = _upright(im, orientation)
            # The file's own size, upright (a JPEG may have been decoded at a fraction of it).
            original_size = header[::-1] if orientation in _SIDES_SWAPPED else header
            icc = im.info.get("icc_profile")
            im, graphic = _normalise_mode(im, fail)
            # Without LittleCMS we cannot convert, so an RGB profile travels with the pixels.
            keep_icc = icc if ImageCms is None and im.mode in ("RGB", "RGBA") else None
            if cmyk is not None and im.mode == "CMYK":
                im = cmyk.cmyk_picture(im, icc)
            else:
                im = _to_srgb(im, icc)
            im = _settle_alpha(im)
            fmt = _choose_format(im, graphic)
            im = _downsample(im, max_px)
            if cmyk is not None and fmt == "JPEG" and im.mode == "RGB":
                im = cmyk.picture(im)
                keep_icc = None
            elif cmyk is not None and im.mode == "L":
                im = cmyk.grey_picture(im)
            out = _encode(im, fmt, icc=keep_icc)
        except (MakedocsError, MetadataLeakError):
            raise
        except Exception as exc:  # a decoder quirk on a hostile file must not become a traceback
            raise fail(
                f"could not be processed ({_short(exc)}); try re-saving it as JPEG or PNG"
            ) from exc
    return PreparedImage(
        data=out,
        format=fmt,
        width=im.width,
        height=im.height,
        original_width=original_size[0],
        original_height=original_size[1],
        mode=im.mode,
    )


_Key = tuple[Path, int, int, "int | None", "str | None"]


class ImageCache:
    """One per build: prepare_image memoised on (resolved path, file size, mtime_ns, max_px, cmyk).

    Errors are not cached, so every reference to a bad image reports its own source line.
    Inside :meth:`ahead`, pictures are prepared in a background thread.
    """

    def __init__(self, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> None:
        self.max_pixels = max_pixels
        self._items: dict[_Key, PreparedImage] = {}
        self._thread: ThreadPoolExecutor | None = None
        self._pending: dict[_Key, Future[PreparedImage]] = {}

    def __len__(self) -> int:
        return len(self._items)

    @contextmanager
    def ahead(self, wanted: Iterable[tuple[Path, int | None]]) -> Iterator[None]:
        """Prepare the ``wanted`` pictures (path, max_px) in a background thread, in that
        order, while the caller goes on laying out text: Pillow decodes, resizes and encodes
        without holding the GIL, so a booklet's pictures leave its critical path on a second
        core. Within the block every preparation runs in that one thread (so Pillow's warning
        filter, which is process-wide, is never entered twice at once); when it ends, nothing
        runs in the background any more, and a process may fork safely."""
        from concurrent.futures import ThreadPoolExecutor

        if self._thread is not None:  # already ahead: one background thread is enough
            yield
            return
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="makedocs-pictures")
        try:
            for path, max_px in wanted:
                key = self._key(path, max_px, None)
                if key is not None and key not in self._items and key not in self._pending:
                    self._pending[key] = self._thread.submit(
                        self._prepare, path, max_px, None, None, None
                    )
            yield
        finally:
            self._thread.shutdown(wait=True, cancel_futures=True)
            self._thread = None
            self._pending.clear()

    def _key(self, path: Path, max_px: int | None, cmyk: Press | None) -> _Key | None:
        """The memo key of a picture file as it is now; None if it cannot be read (the
        preparation then says why, at the line that uses it)."""
        try:
            stat = os.stat(path)
            resolved = Path(path).resolve()
        except (OSError, ValueError):
            return None
        return (resolved, stat.st_size, stat.st_mtime_ns, max_px, cmyk.key if cmyk else None)

    def get(
        self,
        path: Path,
        *,
        max_px: int | None = None,
        cmyk: Press | None = None,
        ref_file: str | None = None,
        ref_line: int | None = None,
    ) -> PreparedImage:
        """Return the prepared image, preparing it only the first time."""
        key = self._key(path, max_px, cmyk)
        found = None if key is None else self._items.get(key)
        if found is not None:
            return found
        args = (path, max_px, cmyk, ref_file, ref_line)
        pending = None if key is None else self._pending.pop(key, None)
        if pending is not None and pending.exception() is None:
            found = pending.result()
        elif self._thread is not None:
            # Prepared (again) in the background thread: a picture that failed there is
            # prepared once more to name this use's line.
            found = self._thread.submit(self._prepare, *args).result()
        else:
            found = self._prepare(*args)
        if key is not None:
            self._items[key] = found
        return found

    def _prepare(
        self,
        path: Path,
        max_px: int | None,
        cmyk: Press | None,
        ref_file: str | None,
        ref_line: int | None,
    ) -> PreparedImage:
        return prepare_image(
            path,
            max_px=max_px,
            cmyk=cmyk,
            ref_file=ref_file,
            ref_line=ref_line,
            max_pixels=self.max_pixels,
        )


def crop_to_aspect(
    img: PreparedImage,
    aspect: float,
    focus: tuple[float, float] = (0.5, 0.5),
    *,
    max_px: int | None = None,
) -> PreparedImage:
    """Crop (for full-bleed slide photos) to the target width/height ratio.

    The focal point (fractions 0..1 of width/height) is kept as centred as the image allows.
    Re-encodes in the same format and mode, still metadata-free.
    ``max_px`` optionally downsamples after cropping, so a cover crop can start from a larger
    image and still end at the needed resolution. ``original_width``/``original_height`` of the
    result are the crop's size in original pixels.
    """
    if not (math.isfinite(aspect) and aspect > 0):
        raise ValueError(f"aspect must be a positive number, not {aspect!r}")
    fx, fy = focus
    if not (0.0 <= fx <= 1.0 and 0.0 <= fy <= 1.0):
        raise ValueError(f"focus must be fractions between 0 and 1, not {focus!r}")
    if max_px is not None and max_px < 1:
        raise ValueError(f"max_px must be at least 1, not {max_px}")

    w, h = img.width, img.height
    if w / h > aspect:  # too wide: keep full height
        cw, ch = min(w, max(1, round(h * aspect))), h
    else:  # too tall: keep full width
        cw, ch = w, min(h, max(1, round(w / aspect)))
    needs_downsample = max_px is not None and max(cw, ch) > max_px
    if (cw, ch) == (w, h) and not needs_downsample:
        return img
    left = _clamp(round(fx * w - cw / 2), 0, w - cw)
    top = _clamp(round(fy * h - ch / 2), 0, h - ch)

    with Image.open(BytesIO(img.data)) as source:
        source.load()
        icc = source.info.get("icc_profile")  # only present in the no-LittleCMS fallback
        cropped = source.crop((left, top, left + cw, top + ch))
    cropped = _downsample(cropped, max_px)
    out = _encode(cropped, img.format, icc=icc)
    return replace(
        img,
        data=out,
        width=cropped.width,
        height=cropped.height,
        original_width=max(1, round(cw * img.original_width / w)),
        original_height=max(1, round(ch * img.original_height / h)),
    )


# --- reading and decoding -------------------------------------------------------------------


def _read(path: Path, fail: Callable[[str], MakedocsError]) -> bytes:
    """Read the whole file once, so the two decodes below see exactly the same bytes.

    Only a regular file is read, and never more than MAX_IMAGE_BYTES: ``/dev/zero`` would fill
    the memory and a FIFO would wait forever. The file is opened without blocking and checked
    on the open handle, so swapping it for a pipe after a check cannot slip through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not an image file") from None
    except PermissionError:
        raise fail("cannot be read (permission denied)") from None
    except (OSError, ValueError) as exc:
        raise fail(f"cannot be read ({_short(exc)})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not an image file")
        if not stat.S_ISREG(info.st_mode):
            raise fail("is not a regular file (a device, pipe or socket); use a picture file")
        if info.st_size > MAX_IMAGE_BYTES:
            raise fail(_too_many_bytes(info.st_size))
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_IMAGE_BYTES:  # a file that grows while being read stops at the cap
            chunk = os.read(fd, min(1 << 20, MAX_IMAGE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise fail(f"cannot be read ({_short(exc)})") from None
    finally:
        os.close(fd)
    if size > MAX_IMAGE_BYTES:
        raise fail(_too_many_bytes(size))
    data = b"".join(chunks)
    if not data:
        raise fail("file is empty")
    return data


def _too_many_bytes(size: int) -> str:
    mb = 1024 * 1024
    return (
        f"file is {size / mb:,.0f} MB; images over {MAX_IMAGE_BYTES // mb} MB are not read "
        "(export a JPEG or PNG of the size you need)"
    )


@contextmanager
def _pillow_warnings_silenced() -> Iterator[None]:
    """Silence warnings raised inside Pillow while it handles an untrusted file.

    Pillow warns about metadata it cannot parse (we discard it anyway) and about large images
    (checked exactly in :func:`_open_and_load`, against our limit). Only warnings attributed to
    Pillow's own modules are silenced: a deprecation of an API we call is attributed to us and
    still shows. ``catch_warnings`` is process-wide before Python 3.14, so another thread's
    warnings from Pillow may be hidden while an image is being prepared.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"PIL(\.|$)")
        yield


def _open_and_load(
    data: bytes, max_pixels: int, fail: Callable[[str], MakedocsError], max_px: int | None = None
) -> tuple[Image.Image, tuple[int, int]]:
    """Identify, size-check, verify, then decode from a fresh handle (verify() spends the first).
    Return the decoded image and the file's own size (see ``_DRAFT_MARGIN``).

    Pillow's DecompressionBombWarning is superseded by our exact check against the lower of
    ``max_pixels`` and ``Image.MAX_IMAGE_PIXELS``; its DecompressionBombError (twice the global
    limit, raised before we see the size) becomes the same MakedocsError.
    """
    limit = max_pixels
    if Image.MAX_IMAGE_PIXELS:  # honour a stricter global limit someone else set
        limit = min(limit, int(Image.MAX_IMAGE_PIXELS))
    try:
        probe = Image.open(BytesIO(data), formats=_PIL_FORMATS)
    except Image.DecompressionBombError as exc:
        raise fail(f"image too large ({_short(exc)}); scale it down before adding it") from None
    except UnidentifiedImageError:
        raise fail(_unsupported_message(data)) from None
    except Exception as exc:
        raise fail(f"is damaged or unreadable ({_short(exc)}); re-export it") from None
    w, h = probe.size
    if w * h > limit:
        raise fail(
            f"image too large: {w}×{h} pixels ({w * h:,}; the limit is {limit:,}); "
            "scale it down before adding it"
        )
    try:
        probe.verify()
        im = Image.open(BytesIO(data), formats=_PIL_FORMATS)
        if max_px is not None and im.format == "JPEG":
            im.draft(im.mode, (max_px * _DRAFT_MARGIN, max_px * _DRAFT_MARGIN))
        im.load()  # first frame/page only: later ones are never looked at
    except Image.DecompressionBombError as exc:
        raise fail(f"image too large ({_short(exc)}); scale it down before adding it") from None
    except Exception as exc:
        raise fail(f"is damaged or truncated ({_short(exc)}); re-export it") from None
    return im, (w, h)


def _unsupported_message(data: bytes) -> str:
    """Name the format when we can, so the user knows what to convert."""
    supported = ", ".join(SUPPORTED_FORMATS)
    head = data[:1024]
    kind = None
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            kind = "HEIC/HEIF (the iPhone photo format)"
        elif brand in (b"avif", b"avis"):
            kind = "AVIF"
        else:
            kind = "a video or other ISO media file"
    elif head.startswith(b"%PDF"):
        kind = "a PDF document"
    elif b"<svg" in head.lower():
        kind = "SVG (vector graphics)"
    elif head.startswith(b"8BPS"):
        kind = "a Photoshop (PSD) file"
    elif head.startswith((b"\x00\x00\x00\x0cjP  ", b"\xff\x4f\xff\x51")):
        kind = "JPEG 2000"
    elif head.startswith(b"%!PS"):
        kind = "PostScript/EPS"
    elif b"\x00" not in head:
        try:  # incremental: a multibyte character cut at 1024 bytes is still text
            codecs.getincrementaldecoder("utf-8")().decode(head)
        except UnicodeDecodeError:
            pass
        else:
            kind = "a text file"
    if kind:
        return f"is {kind}, which is not supported; export it as one of {supported}"
    return f"is not a supported image (supported: {supported}) or is damaged"


# --- pixel processing -----------------------------------------------------------------------


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation; unreadable EXIF counts as "no rotation", which is also what
    viewers show the user."""
    try:
        return int(im.getexif().get(0x0112, 1))
    except Exception:
        return 1


def _upright(im: Image.Image, orientation: int) -> Image.Image:
    """Apply the EXIF orientation (as ``ImageOps.exif_transpose`` does) so phone photos stand up."""
    method = _TRANSPOSE.get(orientation)
    return im.transpose(method) if method is not None else im


def _normalise_mode(
    im: Image.Image, fail: Callable[[str], MakedocsError]
) -> tuple[Image.Image, bool]:
    """Bring any decoded mode to RGB, RGBA, L, LA or CMYK; also say if it is palette/bilevel art."""
    mode = im.mode
    transparent = "transparency" in im.info
    if mode in ("RGB", "L", "CMYK", "RGBA", "LA"):
        if transparent and mode in ("RGB", "L"):  # PNG tRNS colour key
            return im.convert("RGBA" if mode == "RGB" else "LA"), False
        return im, False
    if mode in ("P", "PA"):
        has_alpha = transparent or mode == "PA" or im.palette.mode == "RGBA"
        return im.convert("RGBA" if has_alpha else "RGB"), True
    if mode == "1":
        return im.convert("L"), True
    if mode in ("RGBa", "La"):  # premultiplied
        return im.convert("RGBA" if mode == "RGBa" else "LA"), False
    if mode.startswith("I;16"):
        return _scale_to_l(im.convert("I"), 1 / 257), False
    if mode in ("I", "F"):
        low, high = im.getextrema()
        if mode == "F" and high <= 1.0:
            scale = 255.0
        elif high <= 65535:
            scale = 1 / 257 if high > 255 else 1.0
        else:
            scale = 255.0 / high
        return _scale_to_l(im, scale), False
    try:
        return im.convert("RGB"), False  # RGBX, YCbCr, LAB, HSV, ...
    except Exception:
        raise fail(
            f"uses the colour mode {mode}, which is not supported; re-save it as RGB"
        ) from None


def _scale_to_l(im: Image.Image, scale: float) -> Image.Image:
    """16/32-bit and float greys: scale to 0..255 before converting, which otherwise clips."""
    if im.mode == "I" and scale != 1.0:
        im = im.convert("F")
    if scale != 1.0:
        im = im.point(lambda v: v * scale)
    return im.convert("L")


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert pixels described by an embedded ICC profile to sRGB; the profile is not kept."""
    if icc and ImageCms is not None and im.mode in ("RGB", "RGBA", "CMYK"):
        converted = _icc_to_srgb(im, icc)
        if converted is not None:
            return converted
    if im.mode == "CMYK":
        return im.convert("RGB")
    return im


def _icc_to_srgb(im: Image.Image, icc: bytes) -> Image.Image | None:
    """LittleCMS conversion; None when the profile is sRGB already, broken or mismatched."""
    assert ImageCms is not None
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc))
        description = (source.profile.profile_description or "").lower()
        space = source.profile.xcolor_space.strip()
        expected = "CMYK" if im.mode == "CMYK" else "RGB"
        if "srgb" in description.replace(" ", "") or space != expected:
            return None
        alpha = im.getchannel("A") if im.mode == "RGBA" else None
        colour = im.convert("RGB") if alpha is not None else im
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        converted = ImageCms.profileToProfile(colour, source, srgb, outputMode="RGB")
    except Exception:
        return None  # a broken profile: fall back to the numbers as they are
    if converted is None:
        return None
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _settle_alpha(im: Image.Image) -> Image.Image:
    """Drop an alpha channel that is fully opaque; blank colour under fully transparent pixels.

    Editors "erase" to transparency but often keep the old colour underneath, which any tool
    can reveal; a redacted face must not survive that way.
    """
    if im.mode not in ("RGBA", "LA"):
        return im
    alpha = im.getchannel("A")
    low, _ = alpha.getextrema()
    if low == 255:
        return im.convert("RGB" if im.mode == "RGBA" else "L")
    visible = alpha.point(lambda a: 255 if a else 0)
    blank = Image.new(im.mode, im.size, (0,) * len(im.getbands()))
    return Image.composite(im, blank, visible)


def _choose_format(im: Image.Image, graphic: bool) -> str:
    """Photos go to JPEG; transparency, palette/bilevel art and few-colour graphics to PNG."""
    if im.mode == "CMYK":
        return "JPEG"  # PNG has no CMYK
    if im.mode in ("RGBA", "LA") or graphic:
        return "PNG"
    limit = _LINE_ART_COLOURS[im.mode]
    if im.getcolors(maxcolors=limit) is not None:
        return "PNG"
    return "JPEG"


def _downsample(im: Image.Image, max_px: int | None) -> Image.Image:
    """Shrink with LANCZOS so the longer side is at most max_px; never enlarge."""
    longest = max(im.size)
    if max_px is None or longest <= max_px:
        return im
    scale = max_px / longest
    size = (
        min(max_px, max(1, round(im.width * scale))),
        min(max_px, max(1, round(im.height * scale))),
    )
    return im.resize(size, Image.Resampling.LANCZOS)


def _encode(im: Image.Image, fmt: str, *, icc: bytes | None = None) -> bytes:
    """Encode a fresh copy of the pixels with explicit options only, then prove it is clean."""
    # Image.frombytes gives an object with empty .info: Pillow's JPEG and PNG writers would
    # otherwise copy im.info["comment"], ["icc_profile"] and ["transparency"] into the output.
    fresh = Image.frombytes(im.mode, im.size, im.tobytes())
    extra = {"icc_profile": icc} if icc else {}
    buffer = BytesIO()
    if fmt == "JPEG":
        fresh.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False, **extra)
    else:
        fresh.save(buffer, "PNG", compress_level=6, **extra)
    data = buffer.getvalue()
    _check_clean(data, allow_icc=bool(icc))
    return data


def _check_clean(data: bytes, *, allow_icc: bool = False) -> None:
    """Defence in depth: a metadata leak is a bug that must stop the build, not ship."""
    with Image.open(BytesIO(data)) as check:
        allowed = _CLEAN_INFO_KEYS | ({"icc_profile"} if allow_icc else set())
        leaked = set(check.info) - allowed
        if leaked or len(check.getexif()):
            raise MetadataLeakError(f"metadata survived re-encoding: {sorted(leaked)}")


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
