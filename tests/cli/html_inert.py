"""Checks that HTML answers of the web observatory are inert (used by test_web_security.sh).

usage: python3 html_inert.py INDEX   (INDEX: lines "FILE<TAB>WHAT", WHAT the request it answered)
Each FILE is parsed as a browser would tokenize it (html.parser, character references decoded);
it fails when any element carries an event-handler attribute (on...=, which the pages never use:
their CSP allows no inline script), when a link, source or form target would run a script
(javascript: or vbscript:, after the spaces and control characters a browser ignores; data: on
links and forms), when a script element holds inline code, or when an element the attack payloads
bring (img, svg, iframe, object, embed) carries their alert(. Prints each finding with the request;
exits 1 when there is one.
"""
import re
import sys
from html.parser import HTMLParser

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data"}
LINKS = {"href", "action", "formaction", "xlink:href"}
IGNORED = re.compile(r"[\x00-\x20]+")


class Inert(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append("<%s %s=...>: an event handler" % (tag, name))
            if name in URL_ATTRS:
                v = IGNORED.sub("", value).lower()
                if v.startswith(("javascript:", "vbscript:")) or (name in LINKS and v.startswith("data:")):
                    self.problems.append("<%s %s=%r>: a script URL" % (tag, name, value[:60]))
        if tag in ("img", "svg", "iframe", "object", "embed") and any("alert(" in (v or "") for _, v in attrs):
            self.problems.append("<%s ...alert(>: an injected element" % tag)
        if tag == "script":
            self.in_script = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append("<script> with inline code: %r" % data.strip()[:60])


def main():
    bad = 0
    n = 0
    for line in open(sys.argv[1], encoding="utf-8"):
        path, _, what = line.rstrip("\n").partition("\t")
        p = Inert()
        p.feed(open(path, encoding="utf-8", errors="replace").read())
        p.close()
        n += 1
        for problem in p.problems:
            print("%s: %s" % (what, problem))
            bad = 1
    print("%d answers checked" % n)
    return bad


if __name__ == "__main__":
    sys.exit(main())
