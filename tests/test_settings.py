from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.settings import Settings, load_settings


def test_settings_shipped_defaults_load():
    s = load_settings()
    assert isinstance(s, Settings)
    assert s.extract.include_comments is False  # trafilatura's default would keep comment widgets
    assert s.fetch.verify_tls is True and s.fetch.obey_robots is True
    assert s.fetch.allow_private is False


def test_settings_user_file_overrides_only_its_keys(tmp_path):
    cfg = tmp_path / "my.cfg"
    cfg.write_text("[fetch]\nper_host_concurrency = 4\nobey_robots = no\n", encoding="utf-8")
    s = load_settings(cfg)
    assert s.fetch.per_host_concurrency == 4 and s.fetch.obey_robots is False
    assert s.fetch.concurrency == load_settings().fetch.concurrency


@pytest.mark.parametrize("text, message", [
    ("[fetch]\nconcurrency = lots\n", "not a valid int"),
    ("[fetch]\ncolour = red\n", "unknown key 'colour'"),
    ("[nope]\nx = 1\n", "unknown section [nope]"),
    ("no section header\n", "not valid INI"),
    ("[fetch]\nverify_tls = perhaps\n", "not a valid bool"),
    ("[group]\nfollowup_days = 45\n", "followup_days: 45 must be greater than max_days_apart"),
    ("[group]\nmax_days_apart = 400\n", "followup_days: 365 must be greater than max_days_apart"),
])
def test_settings_bad_file_raises_config_error(tmp_path, text, message):
    cfg = tmp_path / "bad.cfg"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(cfg)


def test_settings_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read settings file"):
        load_settings(tmp_path / "absent.cfg")


def test_settings_replace_and_digest():
    s = load_settings()
    t = s.replace("fetch", concurrency=3, retries=None)
    assert t.fetch.concurrency == 3 and t.fetch.retries == s.fetch.retries
    assert s.replace("fetch") is s
    assert s.digest() == load_settings().digest() != t.digest()
