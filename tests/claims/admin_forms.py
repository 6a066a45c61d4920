"""Read a form out of a rendered admin page, so a test posts what the browser would post."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None, action_contains: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.action_contains = form_id, action_contains
        self.forms: list[dict[str, object]] = []
        self._current: dict[str, object] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _wanted(self, attrs: dict[str, str | None]) -> bool:
        if self.form_id is not None:
            return attrs.get("id") == self.form_id
        return self.action_contains is not None and self.action_contains in (
            attrs.get("action") or ""
        )

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "form" and self._wanted(attrs):
            self._current = {}
            return
        data = self._current
        if data is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            data[name] = attrs.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            data.setdefault(name, "")
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                data[self._select] = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if self._current is None:
            return
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that directly follows <textarea>.
            self._current[self._textarea] = "".join(self._text).removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._current)
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


def read_form(
    html: str, *, form_id: str | None = None, action_contains: str | None = None
) -> dict[str, object]:
    """The fields of the first matching form as a browser would submit them unchanged."""
    reader = _FormReader(form_id, action_contains)
    reader.feed(html)
    if not reader.forms:
        raise AssertionError(f"no form {form_id or action_contains!r} on the page")
    return reader.forms[0]
