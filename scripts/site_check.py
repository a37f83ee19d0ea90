#!/usr/bin/env python3
"""Static checks of a built site, driven by scripts/site-check.

    site_check.py SITE_DIR

- feed.xml and sitemap.xml (and every other .xml file) parse as XML;
- every internal link of every HTML page (a, area, link, script, img, source,
  iframe, form) points at a file of the build, and every #fragment names an
  id (or <a name>) on the page it points at;
- every sitemap <loc> and Atom <link href> of the site resolves to a file.

"Internal" means relative or root-relative; an absolute URL on the site's own
host (taken from the home page's <link rel="canonical">) is checked too when
it is a webcal: link, a <link> element, a sitemap <loc> or an Atom link. An
absolute http(s) <a> link is left alone even on that host: authors use them
for other services (registration, recordings) the build does not hold.
Prints one line per problem and a count; exits 1 on any problem.
"""
import os
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
    "img": ("src",), "source": ("src",), "iframe": ("src",), "form": ("action",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.urls = []  # (line, tag, url)
        self.canonical = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "link" and (a.get("rel") or "").lower() == "canonical":
            self.canonical = a.get("href")
        for name in URL_ATTRS.get(tag, ()):
            value = a.get(name)
            if value is not None:
                self.urls.append((self.getpos()[0], tag, value.strip()))
        if tag in ("img", "source") and a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.urls.append((self.getpos()[0], tag, part.strip().split()[0]))

    handle_startendtag = handle_starttag


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def url_path(root, rel):
    """The site URL path of a file: index.html → its folder."""
    path = "/" + rel.replace(os.sep, "/")
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path


def main():
    root = os.path.abspath(sys.argv[1])
    problems = []
    html, xmls = [], []
    for d, _, files in os.walk(root):
        for name in files:
            rel = os.path.relpath(os.path.join(d, name), root)
            if name.endswith(".html"):
                html.append(rel)
            elif name.endswith(".xml"):
                xmls.append(rel)
    html.sort()
    xmls.sort()

    # --- XML well-formedness
    trees = {}
    for rel in xmls:
        try:
            trees[rel] = ET.parse(os.path.join(root, rel))
        except ET.ParseError as e:
            problems.append(f"{rel}: not well-formed XML: {e}")
    for must in ("feed.xml", "sitemap.xml"):
        if must not in xmls:
            problems.append(f"{must}: missing")

    # --- parse every page
    pages = {}
    for rel in html:
        try:
            pages[rel] = parse(os.path.join(root, rel))
        except Exception as e:  # noqa: BLE001 - report and go on
            problems.append(f"{rel}: cannot parse: {e}")
    home = pages.get("index.html")
    base = urlsplit(home.canonical) if home and home.canonical else None
    base_host = base.netloc if base else None
    base_path = (base.path if base else "/") or "/"

    skipped = 0

    def resolve(page_url, url, tag="link"):
        """(file relative to root or None if external, fragment) for a URL."""
        nonlocal skipped
        if url == "" or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
            return None, None
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "webcal") or parts.netloc:
            if not base_host or parts.netloc != base_host:
                return None, None
            if tag != "link" and parts.scheme != "webcal":
                skipped += 1
                return None, None
            target = parts.path or "/"
        elif parts.scheme:
            return None, None
        else:
            target = urlsplit(urljoin("http://x" + page_url, url)).path
        if not target.startswith(base_path):
            return ("", parts.fragment)  # outside the site's path: broken
        target = unquote(target[len(base_path):])
        full = os.path.normpath(os.path.join(root, target))
        if not (full == root or full.startswith(root + os.sep)):
            return ("", parts.fragment)
        if os.path.isdir(full):
            full = os.path.join(full, "index.html")
        if not os.path.isfile(full):
            return ("", parts.fragment)
        return os.path.relpath(full, root), parts.fragment

    checked = 0
    for rel, page in pages.items():
        here = url_path(root, rel)
        for line, tag, url in page.urls:
            target, frag = resolve(here, url, tag)
            if target is None:
                continue
            checked += 1
            if target == "":
                problems.append(f"{rel}:{line}: <{tag}> {url}: no such file in the build")
                continue
            if frag:
                frag = unquote(frag)
                if not target.endswith(".html"):
                    continue
                t = pages.get(target)
                if t is None or frag not in t.ids:
                    problems.append(f"{rel}:{line}: <{tag}> {url}: no id \"{frag}\" on {url_path(root, target)}")

    # --- URLs in the sitemap and the Atom feed
    for rel, tree in trees.items():
        for el in tree.iter():
            url = None
            if el.tag.endswith("}loc"):
                url = (el.text or "").strip()
            elif el.tag.endswith("}link"):
                url = el.get("href")
            if not url:
                continue
            target, _ = resolve("/", url)
            if target is None:
                continue
            checked += 1
            if target == "":
                problems.append(f"{rel}: {url}: no such file in the build")

    for p in problems:
        print("  " + p)
    print(f"links: {len(html)} pages, {checked} internal links checked, "
          f"{len(xmls)} XML files parsed, {len(problems)} problems"
          + (f" ({skipped} absolute http(s) links to {base_host} left unchecked)" if skipped else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
