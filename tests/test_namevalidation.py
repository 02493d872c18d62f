"""Name and label syntax (tables from apimachinery pkg/api/validate/content kube_test.go, dns_test.go)."""

from __future__ import annotations

import pytest

from model.namevalidation import is_dns1123_label, is_dns1123_subdomain, is_label_key, is_label_value


@pytest.mark.parametrize("key", [
    "simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
    "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple",
    "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
    "requests.storage-foo", "a" * 63, "a" * 253 + "/" + "b" * 63,
])
def test_label_key_ok(key: str) -> None:  # TestIsLabelKey success cases
    assert is_label_key(key) == []


@pytest.mark.parametrize("key", [
    "nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
    "example_com/abc", "example.com/", "/simple", "a" * 64, "a" * 254 + "/abc",
])
def test_label_key_bad(key: str) -> None:  # TestIsLabelKey error cases
    assert is_label_key(key)


@pytest.mark.parametrize("value", ["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "a" * 63, ""])
def test_label_value_ok(value: str) -> None:
    assert is_label_value(value) == []


@pytest.mark.parametrize("value", [
    "nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash",
    "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "a" * 64, "trailing-newline\n",
])
def test_label_value_bad(value: str) -> None:
    assert is_label_value(value)


_LABEL_OK = ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a" * 63]
_LABEL_BAD = ["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_",
              "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "a" * 64]


def test_dns1123_label() -> None:  # TestIsDNS1123Label
    assert [v for v in _LABEL_OK if is_dns1123_label(v)] == []
    assert [v for v in _LABEL_BAD if not is_dns1123_label(v)] == []
    assert is_dns1123_label("a.b") == ["must not contain dots"]


def test_dns1123_subdomain() -> None:  # TestIsDNS1123Subdomain
    good = _LABEL_OK[:-1] + ["a.a", "ab.a", "a--1--2--b.1", "0.1", "1--a--b--2.1", "a.b.c.d.e", "1.2.3.4.5", "a" * 253]
    bad = ["", "A", "aBc", "-", "a-", "-a", "_", "a_b", ".", "a.", ".a", "a..b", "1..2", " ", "a b", "A.a", "ab.A",
           "0.A", "a.B.c.d.e", "a@b", "a,b", "a;b", "a:b", "a%b", "a?b", "a$b", "a" * 254]
    assert [v for v in good if is_dns1123_subdomain(v)] == []
    assert [v for v in bad if not is_dns1123_subdomain(v)] == []
