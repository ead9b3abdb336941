"""Settings: shipped defaults < user file < ``WARTA_*`` environment < command-line flags.

One :class:`Settings` object carries every option; :func:`load_settings` is the only place that
merges the layers, and the CLI converts its arguments into the last layer in exactly one call.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from warta.errors import ConfigError

__all__ = ["Settings", "load_settings"]

_ENV_PREFIX = "WARTA_"


@dataclass(frozen=True, slots=True)
class Settings:
    stages: tuple[str, ...] = ()
    force: bool = False
    languages: tuple[str, ...] = ("id", "ms")
    min_language_chars: int = 40
    workers: int = 1
    chunk_size: int = 16
    backend: str = "local"
    #: Dask scheduler address (``tcp://host:8786``); empty: start a LocalCluster of ``workers``
    scheduler: str = ""
    summary_sentences: int = 3
    max_keywords: int = 10
    stories: bool = True
    max_article_chars: int = 500_000
    events_model: str = "rules"
    events_picker: bool = True
    db: str = "warta.db"
    batch_size: int = 50
    host: str = "127.0.0.1"
    port: int = 8000
    page_size: int = 20
    max_page_size: int = 200
    max_request_bytes: int = 2_000_000
    cache_seconds: int = 30
    #: where each value came from, for `warta config` style debugging
    origin: dict[str, str] = field(default_factory=dict, compare=False)

    def replace(self, **changes: Any) -> Settings:
        return replace(self, **changes)


_FIELDS = {f.name: f for f in fields(Settings) if f.name != "origin"}
#: settings whose value must be one of a few words
_CHOICES = {"backend": ("local", "dask"), "events_model": ("rules", "learned", "classifier")}
#: whole-number settings with a range other than "0 or more": name -> (least, most)
_RANGES = {
    "workers": (1, 256),
    "chunk_size": (1, 100_000),
    "max_article_chars": (1, 2**40),
    "batch_size": (1, 1_000_000),
    "port": (1, 65535),
    "page_size": (1, 100_000),
    "max_page_size": (1, 100_000),
    "max_request_bytes": (1, 2**40),
}


def _coerce(name: str, value: Any, where: str) -> Any:
    """Convert ``value`` (from TOML, an env string or a CLI flag) to the type of setting ``name``."""
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                low = value.strip().lower()
                if low in {"1", "true", "yes", "on"}:
                    return True
                if low in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(default, int):
            number = int(value)
            least, most = _RANGES.get(name, (0, 2**63))
            if not least <= number <= most:
                raise ConfigError(
                    f"setting {name!r} from {where}: invalid value {value!r} (from {least} to {most})"
                )
            return number
        if isinstance(default, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(i).strip() for i in items if str(i).strip())
        text = str(value)
        if name in _CHOICES and text not in _CHOICES[name]:
            raise ConfigError(
                f"setting {name!r} from {where}: {text!r} is not one of {', '.join(_CHOICES[name])}"
            )
        return text
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r} from {where}: invalid value {value!r}") from None


def _layer(values: dict[str, Any], where: str) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        name = key.lower().replace("-", "_")
        if name not in _FIELDS:
            raise ConfigError(f"unknown setting {key!r} in {where} (known: {', '.join(sorted(_FIELDS))})")
        out[name] = _coerce(name, value, where)
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"settings file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from None


def _user_file(explicit: str | Path | None, environ: Mapping[str, str]) -> Path | None:
    """--config FILE, else $WARTA_CONFIG, else ~/.config/warta/config.toml when it exists."""
    if explicit:
        return Path(explicit)
    env = environ.get("WARTA_CONFIG")
    if env:
        return Path(env)
    home = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "warta" / "config.toml"
    return home if home.is_file() else None


def load_settings(
    overrides: dict[str, Any] | None = None,
    *,
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Merge the four layers; ``overrides`` (CLI flags, ``None`` values ignored) win."""
    env = os.environ if environ is None else environ
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}

    shipped = resources.files("warta") / "resources" / "defaults.toml"
    layers: list[tuple[str, dict[str, Any]]] = [("defaults", tomllib.loads(shipped.read_text("utf-8")))]
    user = _user_file(config_file, env)
    if user is not None:
        layers.append((str(user), _read_toml(user)))
    env_values = {
        k[len(_ENV_PREFIX) :]: v
        for k, v in env.items()
        if k.startswith(_ENV_PREFIX) and k[len(_ENV_PREFIX) :].lower() in _FIELDS
    }
    layers.append(("environment", env_values))
    layers.append(("command line", {k: v for k, v in (overrides or {}).items() if v is not None}))

    for where, values in layers:
        for name, value in _layer(values, where).items():
            merged[name] = value
            origin[name] = where
    return Settings(**merged, origin=origin)
