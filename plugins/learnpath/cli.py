"""The `learnpath` command: another thin adapter over the core, for authors and CI."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from learnpath.roadmap.advice import roadmap_advice
from learnpath.roadmap.problems import RoadmapInvalid, plural
from learnpath.roadmap.schema import LEVELS, RESOURCE_TYPES
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.export import json_schemas

DESCRIPTION = """\
Build a learning-roadmap website from YAML.

`learnpath build` and `learnpath serve` build the site with MkDocs (the default), ProperDocs or
Zensical; `mkdocs build` and `mkdocs serve` work too. The other commands help you write and
check the YAML.
"""

EPILOG = """\
examples:
  learnpath serve                    preview the site on http://127.0.0.1:8000/
  learnpath build --strict           build site/, failing on warnings as CI does
  learnpath build --engine zensical  the same site, built by Zensical
  learnpath validate                 check ./roadmap and report every problem
  learnpath init my-roadmap          start a new roadmap project
  learnpath new stage statistics     add roadmap/stages/statistics.yml and list it
  learnpath new resource maths ID --url URL --title TITLE --type TYPE
                                     add a resource to a list, dated today
  learnpath schema --out schemas     JSON Schemas for editor completion
  learnpath check-links --archive    find dead resource links
"""


NEW_RESOURCE_DESCRIPTION = """\
Append a resource to roadmap/resources/LIST.yml with today's date as its `added`
date, so that it is listed on the What's new page and in the feed. The file keeps
its comments and layout. The entry is checked as `learnpath validate` checks it,
then the whole roadmap with it: if anything is wrong, the file is left as it was.
"""
NEW_RESOURCE_EXAMPLE = """\
example:
  learnpath new resource maths khan-statistics --type course \\
      --title "Statistics and probability" \\
      --url https://www.khanacademy.org/math/statistics-probability
"""


def default_roadmap_dir() -> Path:
    return Path("roadmap") if Path("roadmap", "roadmap.yml").exists() else Path(".")


def command_validate(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else default_roadmap_dir()
    try:
        roadmap = load_roadmap(folder)
    except RoadmapInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    # The same advice the build shows as warnings, so a clean `validate` means a clean build.
    advice = roadmap_advice(roadmap, folder)
    for warning in advice:
        print(f"warning: {warning}", file=sys.stderr)
    if advice and args.strict:
        counted = plural(len(advice), "warning")
        which = "which fails" if len(advice) == 1 else "which fail"
        print(f"{folder}: {counted}, {which} under --strict. Fix or remove what it says.",
              file=sys.stderr)  # fmt: skip
        return 1
    print(
        f"{folder}: OK. {plural(len(roadmap.stages), 'stage')}, "
        f"{plural(len(roadmap.lists), 'resource list')}, "
        f"{plural(len(roadmap.resources), 'resource')}, about {roadmap.total_hours:g} hours."
    )
    return 0


def command_schema(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in json_schemas().items():
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


def command_check_links(args: argparse.Namespace) -> int:
    from learnpath.linkcheck.command import run

    folder = Path(args.dir) if args.dir else default_roadmap_dir()
    try:
        roadmap = load_roadmap(folder)
    except RoadmapInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    links = [(resource.id, resource.url) for resource in roadmap.resources.values()]
    return run(args, links)


def command_build_or_serve(args: argparse.Namespace) -> int:
    from learnpath import engines
    from learnpath.engines.project import Project, ProjectError

    try:
        project = Project.read(args.config_file)
    except ProjectError as error:
        print(f"learnpath {args.command}: {error}", file=sys.stderr)
        return 2
    if args.command == "serve":
        return engines.serve(args.engine, project, args.dev_addr)
    site_dir = Path(args.site_dir) if args.site_dir else None
    return engines.build(args.engine, project, site_dir, strict=args.strict)


def command_init(args: argparse.Namespace) -> int:
    from learnpath.scaffold import ScaffoldError, create_project

    try:
        written = create_project(Path(args.dir), force=args.force, title=args.title)
    except ScaffoldError as error:
        print(f"learnpath init: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"  created {path}")
    print(
        f"\nNext: cd {args.dir} && mkdocs serve\n"
        "Edit roadmap/*.yml and the site reloads; `learnpath validate` checks your changes.\n"
        "Before you publish, check requirements.txt: the workflows install learnpath from it."
    )
    return 0


def command_new(args: argparse.Namespace) -> int:
    from learnpath.scaffold import ScaffoldError, add_list, add_stage

    folder = Path(args.dir) if args.dir else default_roadmap_dir()
    if args.kind == "resource":
        return command_new_resource(args, folder)
    try:
        if args.kind == "stage":
            path = add_stage(folder, args.id, title=args.title)
        else:
            path = add_list(folder, args.id, title=args.title)
    except ScaffoldError as error:
        print(f"learnpath new: {error}", file=sys.stderr)
        return 1
    print(f"created {path}" + (" and listed it in roadmap.yml" if args.kind == "stage" else ""))
    return 0


def command_new_resource(args: argparse.Namespace, folder: Path) -> int:
    from learnpath.roadmap.additions import AdditionRefused, add_resource

    fields = {
        "id": args.id,
        "title": args.title,
        "url": args.url,
        "type": args.type,
        "added": args.added,
        "author": args.author,
        "free": args.free,
        "level": args.level,
    }
    try:
        added = add_resource(folder, args.list, {k: v for k, v in fields.items() if v is not None})
    except AdditionRefused as refused:
        print(f"learnpath new resource: {refused}", file=sys.stderr)
        return 1
    print(
        f"added '{added.entry.id}' at {added} (added: {added.entry.added}); list it in a "
        "stage's topic or project to put it on the path"
    )
    return 0


def _date(text: str) -> datetime.date:
    """An argparse type: a real YYYY-MM-DD date, said plainly when it is not."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a real date written as YYYY-MM-DD"
        ) from None


def add_new_commands(new: argparse.ArgumentParser) -> None:
    """`learnpath new stage|list|resource`, each with its own --help."""
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--dir", help="roadmap folder (default: ./roadmap)")
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, what in (
        ("stage", "roadmap/stages/ID.yml, listed last in roadmap.yml"),
        ("list", "roadmap/resources/ID.yml, with one example resource to replace"),
    ):
        command = kinds.add_parser(
            kind,
            parents=[where],
            help=f"add {what}",
            description=f"Add {what}, with the required keys filled in to edit.",
        )
        command.add_argument("id", help="lowercase id, e.g. 'statistics'; becomes the file name")
        command.add_argument("--title", help="title (default: from the id)")
    resource = kinds.add_parser(
        "resource",
        parents=[where],
        help="append a resource to a list, dated today (for What's new and the feed)",
        description=NEW_RESOURCE_DESCRIPTION,
        epilog=NEW_RESOURCE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    resource.add_argument("list", metavar="LIST", help="the list's id: its file's name")
    resource.add_argument(
        "id", metavar="ID", help="the resource's id, unique in the roadmap, e.g. 'khan-statistics'"
    )
    resource.add_argument("--url", required=True, help="its http(s) address")
    resource.add_argument("--title", required=True, help="its title, as readers will see it")
    resource.add_argument(
        "--type", required=True, metavar="TYPE", help=f"one of {', '.join(RESOURCE_TYPES)}"
    )
    resource.add_argument("--author", help="who made it")
    resource.add_argument("--level", metavar="LEVEL", help=f"one of {', '.join(LEVELS)}")
    resource.add_argument(
        "--free",
        action=argparse.BooleanOptionalAction,
        help="it costs nothing (--no-free: it costs something)",
    )
    resource.add_argument(
        "--added",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day it joined the roadmap (default: today)",
    )


def add_engine_options(command: argparse.ArgumentParser) -> None:
    """--engine and -f, shared by `build` and `serve`."""
    from learnpath.engines import ENGINES

    command.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="the site engine: mkdocs (default; Material for MkDocs), properdocs (MkDocs 1.x "
        "continued) or zensical (Material's successor); see docs/engines.md",
    )
    command.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="the project's config (default: mkdocs.yml)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learnpath",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check a roadmap folder and report every problem (exit 1 if any)",
        description="Check roadmap.yml, stages/*.yml and resources/*.yml; report all problems "
        "as file:line:column: field: message. Exit 0 when valid, 1 otherwise. Warnings (what "
        "`mkdocs build` warns about) are printed too, and fail only with --strict.",
    )
    validate.add_argument("dir", nargs="?", help="roadmap folder (default: ./roadmap)")
    validate.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on warnings too, as `mkdocs build --strict` does (use it in CI)",
    )
    validate.set_defaults(handler=command_validate)

    build = commands.add_parser(
        "build",
        help="build the site (MkDocs by default; ProperDocs or Zensical with --engine)",
        description="Check the roadmap, then build the whole site into SITE_DIR with the chosen "
        "engine. A roadmap with problems publishes nothing.",
    )
    add_engine_options(build)
    build.add_argument("-d", "--site-dir", help="where to write the site (default: site/)")
    build.add_argument("--strict", action="store_true", help="fail on warnings too (use it in CI)")
    build.set_defaults(handler=command_build_or_serve)

    serve = commands.add_parser(
        "serve",
        help="preview the site, rebuilding when the YAML or docs change",
        description="Serve the site on a local address and rebuild it whenever a file in "
        "roadmap/ or docs/ changes.",
    )
    add_engine_options(serve)
    serve.add_argument(
        "-a", "--dev-addr", metavar="IP:PORT", help="address to serve on (default: 127.0.0.1:8000)"
    )
    serve.set_defaults(handler=command_build_or_serve)

    schema = commands.add_parser(
        "schema",
        help="write JSON Schemas of the five file kinds (for editors)",
        description="Write roadmap, stage, resource-list, progress and tags JSON Schemas, "
        "generated from the models the validator uses. Point VS Code's YAML extension at them "
        "with a '# yaml-language-server: $schema=...' first line.",
    )
    schema.add_argument("--out", default="schemas", help="folder to write to (default: schemas)")
    schema.set_defaults(handler=command_schema)

    init = commands.add_parser(
        "init",
        help="start a new roadmap project in DIR",
        description="Create mkdocs.yml, a roadmap with two example stages and a resource "
        "list, docs/ and a GitHub Pages workflow. Existing files are never overwritten "
        "unless --force is given.",
    )
    init.add_argument("dir", help="folder to create the project in")
    init.add_argument("--title", default="My learning roadmap", help="the roadmap's title")
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    init.set_defaults(handler=command_init)

    new = commands.add_parser(
        "new",
        help="add a stage, a resource list or a resource",
        description="Add a stage (roadmap/stages/ID.yml, listed last in roadmap.yml), a "
        "resource list (roadmap/resources/ID.yml), or a resource to a list, dated today. "
        "`learnpath new KIND --help` says more.",
    )
    add_new_commands(new)
    new.set_defaults(handler=command_new)

    check = commands.add_parser(
        "check-links",
        help="check every resource URL (network; not part of the build)",
        description="Check every resource URL concurrently and politely; report ok, "
        "redirected (with the new URL), broken and unreachable links. Exit 1 if any "
        "are broken or unreachable.",
    )
    check.add_argument("dir", nargs="?", help="roadmap folder (default: ./roadmap)")
    try:
        from learnpath.linkcheck.command import add_arguments

        add_arguments(check)
    except ImportError:  # pragma: no cover - the link checker ships with the package
        pass
    check.set_defaults(handler=command_check_links)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
