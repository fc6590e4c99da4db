"""Take the README's screenshots of the shipped site, with some progress ticked: light and dark,
desktop and phone, so a reader sees what each looks like before installing anything.

Usage: .venv/bin/python scripts/screenshot.py [folder, default docs/assets]
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
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}
# name: (page, colour scheme, viewport, whether to open the phone's navigation drawer)
SHOTS = {
    "overview-light.png": ("", "light", DESKTOP, False),
    "stage-dark.png": ("stages/python-and-tools/", "dark", DESKTOP, False),
    "overview-phone-light.png": ("", "light", PHONE, False),
    "library-phone-dark.png": ("resources/?tag=pytorch", "dark", PHONE, False),
    "navigation-phone-dark.png": ("stages/the-maths/", "dark", PHONE, True),
}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs/assets")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        subprocess.run(
            [sys.executable, "-m", "learnpath.cli", "build", "-d", str(site)], cwd=REPO, check=True
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        progress = json.dumps(
            {
                "version": 1,
                "resources": dict.fromkeys(
                    ["google-colab", "cs50p", "python-tutor", "think-python-3e"], True
                ),
                "outcomes": {},
                "stages": {
                    "start-here": "done",
                    "learning-together": "done",
                    "the-maths": "skipped",
                },
                "notes": {
                    "resources": {"cs50p": "Week 1 done; redo the problem set."},
                    "stages": {},
                },
                "pace": {"hours": 8, "start": "2026-12-01"},
                "updated": None,
            }
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, (path, scheme, viewport, drawer) in SHOTS.items():
                page = browser.new_page(viewport=viewport, color_scheme=scheme)
                page.goto(url)
                # learnpath.js keeps progress under the site root's path, here "/".
                page.evaluate("v => localStorage.setItem('learnpath:/', v)", progress)
                page.goto(url + path, wait_until="networkidle")
                if drawer:
                    page.locator("label.md-header__button[for='__drawer']").click()
                    page.wait_for_timeout(400)
                page.screenshot(path=str(folder / name))
                page.close()
                print(f"wrote {folder / name}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
