"""Take the README's screenshot: the shipped site's overview, with some progress ticked.

Usage: .venv/bin/python scripts/screenshot.py [docs/assets/screenshot.png]
Needs Debian's chromium (`make chromium`). Builds the site into a temp dir and serves it locally.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs/assets/screenshot.png")
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run(
            [sys.executable, "-m", "learnpath.cli", "build", "-d", str(site)], cwd=REPO, check=True
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        # learnpath.js keeps progress under the site root's path, here "/".
        key = "learnpath:/"
        progress = {
            "version": 1,
            "resources": {},
            "outcomes": {},
            "stages": {
                "start-here": "done",
                "python-and-tools": "done",
                "the-maths": "in-progress",
            },
            "updated": None,
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.goto(url)
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(progress)])
            page.reload(wait_until="networkidle")
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target))
            browser.close()
        server.shutdown()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
