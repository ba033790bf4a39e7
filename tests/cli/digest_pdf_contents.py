#!/usr/bin/env python3
"""Checks a PDF digest's table of contents against its pages, from the outside: the text of each
page as poppler's pdftotext reads it (-layout, spaces collapsed). The titles come from the HTML
digest of the same issue and language (the contents links, in order); the contents are the pages
from the first that holds a title to the one by which every title is held; for each title the
number that follows it there (after its last line) must be the first page after the contents
where that title stands.

Usage: digest_pdf_contents.py DIGEST.pdf DIGEST.html
Prints one line per item and exits 1 when any entry is wrong, 2 when the files cannot be read.
"""
import html
import re
import subprocess
import sys


def page_texts(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    texts = []
    for p in range(1, pages + 1):
        out = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"],
                             capture_output=True, text=True, check=True).stdout
        texts.append(" ".join(out.split()))
    return texts


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    pdf, page = sys.argv[1], sys.argv[2]
    src = open(page, encoding="utf-8").read()
    titles = [html.unescape(re.sub(r"<[^>]+>", "", t))
              for t in re.findall(r'<li><a href="#item-\d+">(.*?)</a>', src)]
    if not titles:
        print("no contents entries in " + page)
        return 1
    texts = page_texts(pdf)
    # the contents: from the first page that holds a title, as many pages as hold them all
    flat_titles = [" ".join(x.split()) for x in titles]
    first = next((i for i, t in enumerate(texts) if any(x in t for x in flat_titles)), None)
    if first is None:
        print("no page holds the contents")
        return 1
    last = first
    while last < len(texts) and not all(x in " ".join(texts[first:last + 1]) for x in flat_titles):
        last += 1
    if last == len(texts):
        print("the contents do not hold every title")
        return 1
    contents = " ".join(texts[first:last + 1])
    bad = 0
    for title in titles:
        flat = " ".join(title.split())
        m = re.search(re.escape(flat) + r" (\d+)(?: |$)", contents)
        if not m:
            print(f"FAIL no page number after '{flat}' in the contents (pages {first + 1}-{last + 1})")
            bad += 1
            continue
        listed = int(m.group(1))
        found = next((i + 1 for i in range(last + 1, len(texts)) if flat in texts[i]), None)
        ok = found == listed
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} '{flat}': contents say page {listed}, "
              f"the title stands on page {found}")
    print(f"{len(titles)} entries, {len(texts)} pages, contents on pages {first + 1}-{last + 1}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
