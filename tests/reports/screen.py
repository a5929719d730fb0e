"""Read a report's table as the coordinator sees it on screen."""

from html.parser import HTMLParser


class _Table(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.in_table = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "listing" in (dict(attrs).get("class") or ""):
            self.in_table = True
        elif self.in_table and tag == "tr":
            self.rows.append([])
        elif self.in_table and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif self.in_table and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def screen_rows(response) -> list[dict[str, str]]:
    """The report table's rows as {heading: cell text}."""
    parser = _Table()
    parser.feed(response.content.decode())
    heading, *rows = parser.rows
    return [dict(zip(heading, row, strict=True)) for row in rows]
