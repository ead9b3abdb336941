"""Stage ``language``: detect the article's language offline (py3langid, model ships in its wheel).

A text the detector does not take for Indonesian (or Malay, which Indonesian news is often
scored as) is a per-record :class:`~warta.errors.LanguageError` unless ``force`` is set.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from warta.cache import cache_dir
from warta.errors import LanguageError
from warta.model import Document
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["LanguageStage", "detect_language"]

_LETTERS = re.compile(r"[^\W\d_]")
_SAMPLE_CHARS = 1500
#: a first look at a shorter prefix: taken when it is clearly Indonesian, else the full sample
#: decides. The model walks one byte at a time through a 40 MB automaton, so the bytes it reads
#: are the stage's cost; on 4,754 articles (raw corpus + articles.jsonl) the short look never
#: said Indonesian where the full sample did not (docs/speed.md).
_QUICK_CHARS = 600
_QUICK_PROB = 0.5
_identifier: Any = None
#: arrays of py3langid's model, stored uncompressed under the cache directory
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _load_cached(model: Path, cache: Path) -> Any:
    """The identifier from uncompressed ``.npy`` files (written on the first load).

    py3langid ships its model LZMA-compressed (4.5 MB → 68 MB): decompressing it is most of a
    process's start-up (0.5–0.7 s here). The arrays are the same, so are the decisions. The DFA
    walk reads a memoryview of the mapped table (15–20% slower per byte than py3langid's copied
    ``array``, 0.05 ms an article; the copy costs 60 ms at every start).
    """
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array, load_model

    stat = model.stat()
    folder = cache / f"py3langid-{stat.st_size}-{int(stat.st_mtime)}"
    if not (folder / "out_feat.npy").is_file():
        ptc, pc, classes, nextmove, row, output = load_model(model)
        arrays = {
            "ptc": ptc,
            "pc": pc,
            "classes": np.array(classes),
            "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
            "nextmove_row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
            "out_feat": np.asarray(output, dtype=np.int32),
        }
        tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=cache))
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", array, allow_pickle=False)
        try:
            tmp.rename(folder)  # atomic: another process may have written it meanwhile
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
    data = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    return LanguageIdentifier(
        np.asarray(data["ptc"]),
        np.array(data["pc"]),
        data["classes"].tolist(),
        # the 39 MB transition table stays memory-mapped (shared by every process, read a page at
        # a time) instead of copied into an array: 60 ms less start-up, the same integers
        memoryview(data["nextmove"]),
        data["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_to_array(data["nextmove_row"]),
    )


def _get_identifier() -> Any:
    global _identifier  # noqa: PLW0603 - one model per process, loaded on first use
    if _identifier is None:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        cache = cache_dir()
        if cache is not None:
            try:
                cache.mkdir(parents=True, exist_ok=True)
                _identifier = _load_cached(Path(MODEL_DIR) / MODEL_FILE, cache)
            except (OSError, ValueError, ImportError):
                _identifier = None  # a read-only or broken cache: load the shipped file
        if _identifier is None:
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability for ``text`` (its first 1,500 characters)."""
    lang, prob = _get_identifier().classify(text[:_SAMPLE_CHARS])
    return str(lang), float(prob)


class LanguageStage(Stage):
    name = "language"
    requires = ("text",)
    provides = ("language",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.accepted = set(settings.languages)
        _get_identifier()

    def __call__(self, doc: Document) -> None:
        if len(_LETTERS.findall(doc.text[:_SAMPLE_CHARS])) < self.settings.min_language_chars:
            doc.language = "id"  # too short to judge: assume the language warta is for
            return
        lang, prob = _get_identifier().classify(doc.text[:_QUICK_CHARS])
        if lang != "id" or prob < _QUICK_PROB:
            lang, prob = detect_language(doc.text)
        if lang == "ms":
            # Indonesian news is often scored as Malay; report it as Indonesian when id is close
            ranked = dict(_get_identifier().rank(doc.text[:_SAMPLE_CHARS])[:5])
            if ranked.get("id", 0.0) > 0.05:
                lang = "id"
        doc.language = lang
        if lang not in self.accepted and not self.settings.force:
            raise LanguageError(
                f"not Indonesian: language detected as {lang!r} (p={prob:.2f}); "
                "use --force to analyse it anyway"
            )
