#!/usr/bin/env python3
"""Puts a bench's section into docs/PERFORMANCE.md (or any Markdown file).

    write_section.py DOC NAME SECTION_FILE [ANCHOR]

The section file holds the whole section, from its `<!-- NAME: begin ... -->` line to its
`<!-- NAME: end -->` line. If DOC already has that section, it is replaced; otherwise the section
goes before the first line that starts with ANCHOR (a heading), or, without an anchor or when DOC
has none, nothing is written and the exit status is 1. One copy of this for every bench that
writes its figures (bench-group, bench-takeover, bench-hacn, bench-delegation).
"""
import re
import sys


def main(doc_path, name, section_path, anchor=None):
    doc = open(doc_path).read()
    section = open(section_path).read()
    if not section.endswith("\n"):
        section += "\n"
    pattern = re.compile(r"<!-- " + re.escape(name) + r": begin.*?<!-- " + re.escape(name) + r": end -->\n", re.S)
    if pattern.search(doc):
        doc = pattern.sub(lambda _: section, doc, count=1)
    elif anchor and ("\n" + anchor) in doc:
        doc = doc.replace("\n" + anchor, "\n" + section + "\n" + anchor, 1)
    else:
        print(f"{doc_path} has no {name} section and no line starting with {anchor!r}: nothing written",
              file=sys.stderr)
        return 1
    open(doc_path, "w").write(doc)
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(*sys.argv[1:]))
