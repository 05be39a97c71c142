#!/usr/bin/env python3
"""Finds what the API reference leaves undocumented and Doxygen does not warn about: a header
without its `/// @file` comment (the page's introduction), an enumerator, a destructor
(Doxygen's WARN_IF_UNDOCUMENTED covers the rest). An enumerator counts as documented when it
has a comment of its own (`///<`) or its enum's comment names it (`` `asam3` ``), which is how
the one-line enums are explained.

Reads the XML output of the docs target; prints each finding as FILE:LINE: error: ... and
exits 1 when there is any. Run by the docs target after Doxygen.

usage: check_reference.py XML_DIR
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def text_of(element):
    return "" if element is None else "".join(element.itertext()).strip()


def described(member):
    return bool(text_of(member.find("briefdescription")) or text_of(member.find("detaileddescription")))


def where(member):
    loc = member.find("location")
    if loc is None:
        return "?:0"
    return f"{loc.get('file', '?')}:{loc.get('line', '0')}"


def main() -> int:
    xml_dir = Path(sys.argv[1])
    index = ET.parse(xml_dir / "index.xml").getroot()
    findings, checked = [], 0
    for compound in index.findall("compound"):
        kind = compound.get("kind")
        if kind not in {"class", "struct", "union", "namespace", "file"}:
            continue
        root = ET.parse(xml_dir / f"{compound.get('refid')}.xml").getroot()
        for definition in root.findall("compounddef"):
            if kind == "file":
                if not text_of(definition.find("compoundname")).endswith((".hpp", ".h")):
                    continue  # docs/api.md, docs/namespaces.dox
                checked += 1
                if not described(definition):
                    findings.append(f"{where(definition)}: error: this header has no file comment (open it with "
                                    f"/// @file and what it is for)")
                continue
            owner = text_of(definition.find("compoundname"))
            for member in definition.iter("memberdef"):
                if member.get("prot") not in (None, "public"):
                    continue
                name = text_of(member.find("name"))
                if member.get("kind") == "enum":
                    enum_text = text_of(member.find("briefdescription")) + " " + text_of(
                        member.find("detaileddescription"))
                    for value in member.findall("enumvalue"):
                        checked += 1
                        value_name = text_of(value.find("name"))
                        if described(value) or re.search(rf"\b{re.escape(value_name)}\b", enum_text):
                            continue
                        findings.append(f"{where(member)}: error: enumerator {value_name} of {owner}::{name} is "
                                        f"not documented (a ///< comment, or name it in the enum's comment)")
                elif member.get("kind") == "function" and name.startswith("~"):
                    checked += 1
                    if not described(member):
                        findings.append(f"{where(member)}: error: destructor {owner}::{name} is not documented")
    for line in sorted(set(findings)):
        print(line)
    if checked == 0:
        print(f"{xml_dir}: error: no header, enumerator or destructor found: is this Doxygen's XML output?")
        return 1
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
