"""A config given as a dict, written as the TOML text aiplus reads."""
import json
import math
import re

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key):
    return ".".join(part if _BARE.match(part) else json.dumps(part) for part in str(key).split("."))


def _value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) or type(v).__name__.startswith(("int", "uint")):
        return str(int(v))
    if isinstance(v, float) or type(v).__name__.startswith("float"):
        v = float(v)
        return ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")) if not math.isfinite(v) else repr(v)
    if isinstance(v, str):
        return json.dumps(v)  # a TOML basic string takes JSON's escapes
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"a config value must be a bool, number, string, list or dict, not {type(v).__name__}")


def dumps(config):
    """`{"adoption": {"p": 0.02}, "simulation.firms": 1000}` as TOML: plain and dotted
    keys first, then one [section] per dict (a dict inside a section, such as a
    schedule, becomes an inline table)."""
    lines, sections = [], []
    for key, value in config.items():
        if isinstance(value, dict) and "." not in str(key):
            sections.append(f"\n[{_key(key)}]")
            sections += [f"{_key(k)} = {_value(x)}" for k, x in value.items()]
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    return "\n".join(lines + sections) + "\n"
