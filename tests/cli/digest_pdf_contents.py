#!/usr/bin/env python3
"""Checks a PDF digest's table of contents against its pages, from the outside: the text of each
page as poppler's pdftotext reads it. The titles come from the HTML digest of the same issue and
language (the contents links, in order); for each title the number that follows it on the
contents page must be the first page after the contents where that title stands.

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
    # the contents page: the first that holds every title
    toc = next((i for i, t in enumerate(texts) if all(" ".join(x.split()) in t for x in titles)),
               None)
    if toc is None:
        print("no page holds the whole contents")
        return 1
    bad = 0
    for title in titles:
        flat = " ".join(title.split())
        m = re.search(re.escape(flat) + r" (\d+)(?: |$)", texts[toc])
        if not m:
            print(f"FAIL no page number after '{flat}' in the contents (page {toc + 1})")
            bad += 1
            continue
        listed = int(m.group(1))
        found = next((i + 1 for i in range(toc + 1, len(texts)) if flat in texts[i]), None)
        ok = found == listed
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} '{flat}': contents say page {listed}, "
              f"the title stands on page {found}")
    print(f"{len(titles)} entries, {len(texts)} pages, contents on page {toc + 1}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
