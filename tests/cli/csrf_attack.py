"""CSRF on every form of the web observatory (used by test_web_security.sh).

usage: python3 csrf_attack.py PORT REGISTRY PASSWORD
The accounts eve (editor) and ada (admin) have PASSWORD; the registry has a pending registration.
Every POST form is collected from the pages that carry one (the login and registration forms of
an anonymous visitor; the cluster page, the header and the moderation queue of a signed-in
admin), filled with values the form would accept, and sent as a forged request would be: without
the csrf field, with a wrong one, with another session's, without the session cookie, and (the
anonymous forms) without the cs_csrf cookie or with one that differs from the field. Each must be
refused (403, or the login page for a visitor who is not signed in) with the registry's contents
unchanged (every table but the sessions). Then the same edit with its right token is accepted and
changes the registry, so the refusals were the token's doing. Prints each finding; exits 1 when
there is one.
"""
import hashlib
import http.client
import sqlite3
import sys
import urllib.parse
from html.parser import HTMLParser

port, db, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
problems = []


def request(method, path, cookies=None, form=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    text = r.read().decode("utf-8", "replace")
    set_cookies = {}
    for k, v in r.getheaders():
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            set_cookies[name] = rest.split(";")[0]
    location = r.getheader("Location")
    c.close()
    return r.status, text, set_cookies, location


class Forms(HTMLParser):
    """Every <form method=post>: its action and the fields it would send as they are."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.form = {"action": a.get("action"), "fields": {}}
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("checkbox", "radio"):
            self.form["fields"][a["name"]] = a.get("value") or ""
        elif tag == "button" and a.get("name"):
            self.form["fields"][a["name"]] = a.get("value") or ""
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select:
            value = a.get("value") or ""
            if self.select not in self.form["fields"] or "selected" in a:
                if value or self.select not in self.form["fields"]:
                    self.form["fields"][self.select] = value
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.form["fields"][a["name"]] = ""

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form["fields"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms_of(html):
    p = Forms()
    p.feed(html)
    return p.forms


def contents():
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    h = hashlib.sha256()
    tables = con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'session' "
                         "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    for (t,) in tables:
        h.update(t.encode())
        for row in sorted(repr(r) for r in con.execute('SELECT * FROM "%s"' % t)):
            h.update(row.encode())
    con.close()
    return h.hexdigest()


def login(name):
    status, page, cookies, _ = request("GET", "/en/login")
    token = next(f for f in forms_of(page) if f["action"] == "/en/login")["fields"]["csrf"]
    anon = cookies["cs_csrf"]
    status, _, set_cookies, _ = request("POST", "/en/login", {"cs_csrf": anon},
                                        {"name": name, "password": password, "csrf": token})
    if status != 303 or "cs_session" not in set_cookies:
        sys.exit("cannot log in as %s: %d" % (name, status))
    return {"cs_session": set_cookies["cs_session"]}


# what each form needs to be accepted, when its token is right
FILL = {
    "register": {"key": "csrf-bio", "name_en": "CSRF Bio", "country": "SE", "kind": "biomedical",
                 "contact": "Eve <eve@example.org>", "source": "https://example.org/csrf"},
    "edit": {"city": "Forged city", "source": "hse-2019"},
    "facts": {"fact": "xss_note", "value": "forged", "status": "stated", "year": "",
              "source": "hse-2019"},
    "reject": {"reason": "forged"},
}


def filled(form):
    fields = dict(form["fields"])
    for suffix, values in FILL.items():
        if form["action"].endswith("/" + suffix):
            fields.update({k: v for k, v in values.items()})
    return fields


def refused(what, form, cookies, fields, signed_in=True):
    """SIGNED_IN: COOKIES hold a real session (else the visitor may be sent to the login page)."""
    before = contents()
    status, _, set_cookies, location = request("POST", form["action"], cookies, fields)
    ok = status == 403 or (not signed_in and status == 303 and location and "/login" in location
                           and form["action"] != "/en/login")
    if not ok:
        problems.append("%s %s answered %d" % (form["action"], what, status))
    if contents() != before:
        problems.append("%s %s changed the registry" % (form["action"], what))
    if "cs_session" in set_cookies:
        problems.append("%s %s opened a session" % (form["action"], what))


ada = login("ada")
eve = login("eve")
# every form a signed-in admin and an anonymous visitor see
signed = {}
for path in ("/en/clusters/medicon-valley", "/ru/clusters/medicon-valley", "/en/moderation"):
    status, page, _, _ = request("GET", path, ada)
    if status != 200:
        sys.exit("%s answered %d to the admin" % (path, status))
    for f in forms_of(page):
        # one form of each kind (every revert button and decision is the same form)
        signed.setdefault(f["action"].rsplit("/", 1)[-1], f)
anonymous = {}
for path in ("/en/login", "/en/register"):
    status, page, cookies, _ = request("GET", path)
    for f in forms_of(page):
        anonymous[f["action"]] = (f, cookies.get("cs_csrf"))
_, eve_page, _, _ = request("GET", "/en/clusters/medicon-valley", eve)
eve_token = forms_of(eve_page)[0]["fields"]["csrf"]

want = {"edit", "facts", "revert", "logout", "approve", "reject"}
if set(signed) != want:
    problems.append("the signed-in forms are %s, expected %s" % (sorted(signed), sorted(want)))
if set(anonymous) != {"/en/login", "/en/register"}:
    problems.append("the anonymous forms are %s" % sorted(anonymous))

for kind, f in sorted(signed.items()):
    fields = filled(f)
    if "csrf" not in fields:
        problems.append("%s has no csrf field" % f["action"])
        continue
    good = fields["csrf"]
    refused("without csrf", f, ada, {k: v for k, v in fields.items() if k != "csrf"})
    refused("with a wrong csrf", f, ada, dict(fields, csrf="A" * len(good)))
    refused("with an empty csrf", f, ada, dict(fields, csrf=""))
    refused("with another session's csrf", f, ada, dict(fields, csrf=eve_token))
    refused("without the session cookie", f, {}, fields, False)
    refused("with the token as the cookie", f, {"cs_session": good}, fields, False)

for action, (f, cookie) in sorted(anonymous.items()):
    fields = filled(f)
    if action == "/en/login":
        fields.update({"name": "ada", "password": password})
    good = fields.get("csrf")
    if not good or not cookie:
        problems.append("%s has no double-submit token" % action)
        continue
    refused("without csrf", f, {"cs_csrf": cookie}, {k: v for k, v in fields.items() if k != "csrf"},
            False)
    refused("without the cs_csrf cookie", f, {}, fields, False)
    refused("with a cookie that differs", f, {"cs_csrf": "B" * len(cookie)}, fields, False)
    refused("with another visitor's token", f, {"cs_csrf": cookie}, dict(fields, csrf="C" * len(good)),
            False)

# the right token is accepted: the refusals above were the token's doing
before = contents()
edit = signed.get("edit")
if edit:
    status, _, _, _ = request("POST", edit["action"], ada, filled(edit))
    if status != 303 or contents() == before:
        problems.append("the edit with its right token answered %d%s" %
                        (status, "" if contents() != before else ", registry unchanged"))
for p in problems:
    print(p)
print("%d signed-in and %d anonymous forms attacked" % (len(signed), len(anonymous)))
sys.exit(1 if problems else 0)
