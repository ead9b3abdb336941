"""Settings: shipped defaults < user file < WARTA_* environment < command-line flags."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from importlib import resources
from pathlib import Path

import pytest

from warta.cli.main import build_parser, settings_from_args
from warta.errors import ConfigError
from warta.settings import Settings, load_settings

NO_ENV: dict[str, str] = {}


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('workers = 3\nchunk_size = 5\nstages = ["clean"]\nforce = true\n', "utf-8")
    return path


def test_shipped_defaults_match_the_dataclass() -> None:
    shipped = tomllib.loads((resources.files("warta") / "resources" / "defaults.toml").read_text("utf-8"))
    names = {f.name for f in fields(Settings)} - {"origin"}
    assert set(shipped) == names, "every setting has a documented default in defaults.toml"
    settings = load_settings(config_file=None, environ=NO_ENV)
    for name in names:
        if name != "stages":
            assert getattr(settings, name) == getattr(Settings(), name), name
    assert set(settings.origin.values()) == {"defaults"}


def test_precedence(user_file: Path) -> None:
    env = {"WARTA_WORKERS": "4", "WARTA_FORCE": "no"}
    s = load_settings({"workers": 2, "chunk_size": None}, config_file=user_file, environ=env)
    assert s.workers == 2
    assert s.origin["workers"] == "command line"
    assert s.force is False
    assert s.origin["force"] == "environment"
    assert s.chunk_size == 5
    assert s.origin["chunk_size"] == str(user_file)
    assert s.stages == ("clean",)
    assert s.batch_size == 50
    assert s.origin["batch_size"] == "defaults"
    s = load_settings(config_file=user_file, environ=env)
    assert s.workers == 4
    s = load_settings(config_file=user_file, environ=NO_ENV)
    assert s.workers == 3


def test_user_file_from_environment(user_file: Path) -> None:
    s = load_settings(environ={"WARTA_CONFIG": str(user_file)})
    assert s.workers == 3


def test_environment_lists_and_booleans() -> None:
    s = load_settings(
        environ={"WARTA_STAGES": "clean, segment", "WARTA_FORCE": "true", "WARTA_BACKEND": "dask"}
    )
    assert s.stages == ("clean", "segment")
    assert s.force is True
    assert s.backend == "dask"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WARTA_WORKERS": "many"}, "invalid value"),
        ({"WARTA_WORKERS": "-2"}, "invalid value"),
        ({"WARTA_WORKERS": "0"}, r"invalid value '0' \(from 1 to 256\)"),
        ({"WARTA_PORT": "70000"}, "from 1 to 65535"),
        ({"WARTA_BATCH_SIZE": "0"}, "batch_size"),
        ({"WARTA_FORCE": "perhaps"}, "invalid value"),
        ({"WARTA_BACKEND": "spark"}, "not one of local, dask"),
    ],
)
def test_bad_environment_values(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=env)


def test_bad_user_files(tmp_path: Path) -> None:
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("wrokers = 2\n", "utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'wrokers'"):
        load_settings(config_file=unknown, environ=NO_ENV)
    broken = tmp_path / "broken.toml"
    broken.write_text("workers = [\n", "utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config_file=broken, environ=NO_ENV)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(config_file=tmp_path / "missing.toml", environ=NO_ENV)


def test_cli_flags_are_the_top_layer(user_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_WORKERS", "4")
    monkeypatch.setenv("WARTA_STAGES", "clean,language")
    args = build_parser().parse_args(
        [
            "analyze",
            "x.txt",
            "--config",
            str(user_file),
            "--workers",
            "2",
            "--stages",
            "segment",
            "--backend",
            "dask",
        ]
    )
    s = settings_from_args(args)
    assert (s.workers, s.stages, s.backend, s.chunk_size) == (2, ("segment",), "dask", 5)
    args = build_parser().parse_args(["analyze", "x.txt", "--config", str(user_file)])
    s = settings_from_args(args)
    assert (s.workers, s.stages, s.force) == (4, ("clean", "language"), True)
