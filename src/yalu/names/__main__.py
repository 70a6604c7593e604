"""python -m yalu.names compare A B | python -m yalu.names keys NAME — prints JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from . import InvalidName, compare, name_keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m yalu.names")
    commands = parser.add_subparsers(dest="command", required=True)
    compare_command = commands.add_parser("compare", help="compare two names")
    compare_command.add_argument("a")
    compare_command.add_argument("b")
    keys_command = commands.add_parser("keys", help="match keys of a name")
    keys_command.add_argument("name")
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "compare":
            result: object = dataclasses.asdict(compare(arguments.a, arguments.b))
        else:
            result = dataclasses.asdict(name_keys(arguments.name))
    except InvalidName as error:
        print(json.dumps({"error": str(error)}, ensure_ascii=False))
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
