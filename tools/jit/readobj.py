"""Turn `llvm-readobj --elf-output-style=JSON` output for one stencil object into a StencilGroup."""

import json
import typing

from llvm import BuildError
from stencils import Hole, HoleValue, StencilGroup, symbol_to_value


# --- The JSON fields we read (llvm-readobj 19, ELF) -------------------------------------------------


class Named(typing.TypedDict):
    Name: str
    Value: int


class Flags(typing.TypedDict):
    Value: int
    Flags: list[Named]


class SectionData(typing.TypedDict):
    Offset: int
    Bytes: list[int]


class Section(typing.TypedDict):
    Index: int
    Name: Named
    Type: Named
    Flags: Flags
    Size: int
    Info: int
    AddressAlignment: int
    SectionData: SectionData


class Symbol(typing.TypedDict):
    Name: Named
    Value: int
    Section: Named


class Relocation(typing.TypedDict):
    Offset: int
    Type: Named
    Symbol: Named
    Addend: int


class RelocationSection(typing.TypedDict):
    SectionIndex: int
    Relocs: list[dict[typing.Literal["Relocation"], Relocation]]


class ObjectFile(typing.TypedDict):
    Sections: list[dict[typing.Literal["Section"], Section]]
    Symbols: list[dict[typing.Literal["Symbol"], Symbol]]
    Relocations: list[RelocationSection]


READOBJ_ARGS = ("--elf-output-style=JSON", "--sections", "--section-data", "--symbols", "--relocations")

# Sections that hold nothing a stencil needs at run time.
_IGNORED_TYPES = frozenset({"SHT_NULL", "SHT_STRTAB", "SHT_SYMTAB", "SHT_RELA", "SHT_LLVM_ADDRSIG", "SHT_NOTE"})


def parse(group: StencilGroup, output: bytes) -> None:
    """Fills [group]'s code and data from readobj's JSON [output]; raises BuildError on anything unknown."""
    objects: list[ObjectFile] = json.loads(output)
    if len(objects) != 1:
        raise BuildError(f"{group.name}: expected one object file in llvm-readobj's output")
    obj = objects[0]
    # Where each loaded section (and so each symbol defined in it) lands: (CODE or DATA, offset).
    bases: dict[int, tuple[HoleValue, int]] = {}
    for wrapped in obj["Sections"]:
        section = wrapped["Section"]
        place = _load_section(group, section)
        if place is not None:
            bases[section["Index"]] = place
    symbols = _symbol_places(obj, bases)
    for rela in obj["Relocations"]:
        target = _relocated_section(group, obj, rela["SectionIndex"])
        if target not in bases:
            continue  # relocations of a section we do not load
        value, base = bases[target]
        stencil = {HoleValue.CODE: group.code, HoleValue.COLD: group.cold}.get(value, group.data)
        for wrapped in rela["Relocs"]:
            stencil.holes.append(_hole(group, wrapped["Relocation"], base, symbols))


def _load_section(group: StencilGroup, section: Section) -> tuple[HoleValue, int] | None:
    name = section["Name"]["Name"]
    kind = section["Type"]["Name"]
    flags = {flag["Name"] for flag in section["Flags"]["Flags"]}
    if kind in _IGNORED_TYPES or "SHF_ALLOC" not in flags:
        return None
    if "SHF_WRITE" in flags or kind != "SHT_PROGBITS":
        # JIT memory is read+execute once patched: a stencil cannot own mutable static data.
        raise BuildError(f"{group.name}: writable or uninitialised section {name} ({kind}): "
                         "stencils may not have static variables")
    if "SHF_EXECINSTR" in flags and name == ".text.cold":
        value, stencil = HoleValue.COLD, group.cold  # see stencils.fall_through
    elif "SHF_EXECINSTR" in flags:
        value, stencil = HoleValue.CODE, group.code
    else:
        value, stencil = HoleValue.DATA, group.data
    stencil.pad(max(section["AddressAlignment"], 1))
    base = len(stencil.body)
    stencil.body.extend(section["SectionData"]["Bytes"])
    return value, base


def _symbol_places(obj: ObjectFile, bases: dict[int, tuple[HoleValue, int]]) -> dict[str, tuple[HoleValue, int]]:
    """Where each defined symbol lives; section symbols are named after their section."""
    places: dict[str, tuple[HoleValue, int]] = {}
    index_by_name = {s["Section"]["Name"]["Name"]: s["Section"]["Index"] for s in obj["Sections"]}
    for name, index in index_by_name.items():
        if index in bases:
            places[name] = bases[index]
    for wrapped in obj["Symbols"]:
        symbol = wrapped["Symbol"]
        index = symbol["Section"]["Value"]
        if symbol["Name"]["Name"] and index in bases:
            value, base = bases[index]
            places[symbol["Name"]["Name"]] = value, base + symbol["Value"]
    return places


def _relocated_section(group: StencilGroup, obj: ObjectFile, rela_index: int) -> int:
    for wrapped in obj["Sections"]:
        if wrapped["Section"]["Index"] == rela_index:
            return wrapped["Section"]["Info"]
    raise BuildError(f"{group.name}: relocations for unknown section {rela_index}")


def _hole(group: StencilGroup, relocation: Relocation, base: int,
          symbols: dict[str, tuple[HoleValue, int]]) -> Hole:
    match relocation:
        case {
            "Offset": offset,
            "Type": {"Name": ("R_X86_64_64" | "R_X86_64_32" | "R_X86_64_32S" | "R_X86_64_PC32" | "R_X86_64_PLT32"
                              | "R_X86_64_GOTPCRELX" | "R_X86_64_REX_GOTPCRELX" | "R_X86_64_GOTPCREL") as kind},
            "Symbol": {"Name": symbol},
            "Addend": addend,
        }:
            addend = _signed64(addend)
            if symbol in symbols:
                value, where = symbols[symbol]
                return Hole(base + offset, kind, value, None, where + addend)
            value, step, name = symbol_to_value(symbol)
            return Hole(base + offset, kind, value, name, addend, step)
        case _:
            raise BuildError(f"{group.name}: unsupported relocation {relocation['Type']['Name']} "
                             f"to {relocation['Symbol']['Name']} at {relocation['Offset']:#x}")


def _signed64(value: int) -> int:
    """readobj prints addends as unsigned 64-bit numbers."""
    return value - (1 << 64) if value >= 1 << 63 else value
