"""Pagefind's filter chunks rewritten in a fixed order, so two builds give the same index bytes.

Pagefind 1.5.2 collects each filter's values in a hash map seeded afresh in every process
and writes them, and the lists of filters and of sort keys in its `pagefind.<hash>.pf_meta`
file, in that map's order (fixed upstream after 1.5.2 the same way, Pagefind PR #1124: the
pinned npm release, 1.6.0, writes the same bytes every run, and this leaves them as they are;
the 1.5.2 wheel is still the engine where npm is missing). The files are named after a hash
of their content, so the names differ too, and with them `pagefind-entry.json`, which names
the meta file. Everything else it writes (word index chunks, fragments, wasm, pagefind.js)
already comes out the same.

After Pagefind has run, `stabilise` decodes each filter chunk, sorts its values and their
page numbers, encodes it again the way Pagefind does (a "pagefind_dcd" signature, then
CBOR with definite lengths and the shortest integers, gzipped), names it by Pagefind's own
content hash, lists the filters and sort keys by name in the meta file, and renames that
file and its entry the same way. Pagefind's browser code reads filter values into sorted
maps and their pages into sets, so this order is as good as any and search works as before.

The files hold only CBOR arrays, text strings and unsigned integers, so a small decoder for
that subset is enough; anything else (another Pagefind version's layout) raises
`UnexpectedFormat` naming the file, before anything is rewritten.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import zlib
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# The meta file's fields (Pagefind 1.5's `MetaIndex`): version, pages, word index chunks,
# filters [[name, chunk hash], ...], sorts [[key, [page, ...]], ...], metadata field names.
META_FIELDS = 6
FILTERS, SORTS = 3, 4

Cbor = int | str | list["Cbor"]


class UnexpectedFormat(ValueError):
    """Pagefind wrote something this module does not know how to reorder."""


def stabilise(output: Path) -> None:
    """Rewrite the filter chunks, meta files and entry file under `output` (Pagefind's output folder) in a fixed order."""
    entry_path = output / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        hashes = {language: languages[language]["hash"] for language in languages}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise UnexpectedFormat(f"{entry_path}: not a Pagefind entry file ({err})") from None
    # Every file is read and checked before any is written: an error leaves Pagefind's index as it was.
    old_files: list[Path] = []
    new_files: dict[Path, bytes] = {}
    for language, meta_hash in sorted(hashes.items()):
        languages[language]["hash"] = _stabilise_language(output, language, meta_hash, old_files, new_files)
    # Pagefind's own serialisation (serde_json: compact, no ASCII escaping), languages by name.
    entry["languages"] = {language: languages[language] for language in sorted(languages)}
    new_files[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    for path in old_files:
        if path not in new_files:
            path.unlink()
    for path, data in new_files.items():
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)


def _stabilise_language(output: Path, language: str, meta_hash: str, old_files: list[Path], new_files: dict[Path, bytes]) -> str:
    """One language's filter chunks and meta file in a fixed order: the files they replace go to
    `old_files`, their new names and bytes to `new_files`; returns the meta file's new hash."""
    meta_path = output / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    if not (
        isinstance(meta, list)
        and len(meta) == META_FIELDS
        and isinstance(meta[0], str)
        and all(isinstance(field, list) for field in meta[1:])
    ):
        raise UnexpectedFormat(f"{meta_path}: expected [version, {META_FIELDS - 1} lists] (Pagefind 1.5's layout)")
    meta[SORTS] = _sorted_sorts(meta_path, meta[SORTS])
    chunks: dict[str, bytes] = {}
    for item in meta[FILTERS]:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) for part in item)):
            raise UnexpectedFormat(f"{meta_path}: a filter entry is not [name, hash]: {item!r}")
        name, chunk_hash = item
        chunk_path = output / "filter" / f"{chunk_hash}.pf_filter"
        chunks[name] = _encode(_sorted_filter(chunk_path, name, _read(chunk_path)))
        old_files.append(chunk_path)

    taken: set[str] = set()
    filters: list[Cbor] = []
    for name in sorted(chunks):
        chunk_hash = _short_hash(language, chunks[name], taken)
        taken.add(chunk_hash)
        filters.append([name, chunk_hash])
        new_files[output / "filter" / f"{chunk_hash}.pf_filter"] = _pack(chunks[name])
    meta[FILTERS] = filters
    encoded_meta = _encode(meta)
    # The meta file's name keeps more of the hash than the chunks' do (Pagefind's own rule).
    new_meta_hash = f"{language}_{_full_hash(encoded_meta)[: len(language) + 8]}"
    new_files[output / f"pagefind.{new_meta_hash}.pf_meta"] = _pack(encoded_meta)
    old_files.append(meta_path)
    return new_meta_hash


def _sorted_sorts(path: Path, sorts: list[Cbor]) -> list[Cbor]:
    """The sort keys by name; each key's page list is an order, kept as it is."""
    for item in sorts:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)):
            raise UnexpectedFormat(f"{path}: a sort entry is not [key, [page numbers]]: {item!r:.200}")
    return sorted(sorts, key=lambda item: item[0])  # type: ignore[index]


def _sorted_filter(path: Path, name: str, chunk: Cbor) -> Cbor:
    """The chunk [name, [[value, [page, ...]], ...]] with values by name and pages by number."""
    if not (isinstance(chunk, list) and len(chunk) == 2 and chunk[0] == name and isinstance(chunk[1], list)):
        raise UnexpectedFormat(f"{path}: expected [{name!r}, [values]]")
    values = []
    for value in chunk[1]:
        if not (
            isinstance(value, list)
            and len(value) == 2
            and isinstance(value[0], str)
            and isinstance(value[1], list)
            and all(isinstance(page, int) for page in value[1])
        ):
            raise UnexpectedFormat(f"{path}: a value is not [text, [page numbers]]: {value!r:.200}")
        values.append([value[0], sorted(value[1])])
    return [name, sorted(values)]


def _full_hash(data: bytes) -> str:
    """Pagefind's `full_hash`: SHA-1 written byte by byte as `{:x?}`, without zero padding."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data, usedforsecurity=False).digest())


def _short_hash(language: str, data: bytes, taken: set[str]) -> str:
    """Pagefind's chunk name: language, "_", then the hash cut to 8 more characters, longer on a clash."""
    full = f"{language}_{_full_hash(data)}"
    length = len(language) + 8
    while full[:length] in taken and length < len(full):
        length += 1
    return full[:length]


def _read(path: Path) -> Cbor:
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise UnexpectedFormat(f"{path}: cannot be read as a gzipped Pagefind file ({err})") from None
    if not data.startswith(SIGNATURE):
        raise UnexpectedFormat(f"{path}: no {SIGNATURE.decode()} signature")
    value, end = _decode(data, len(SIGNATURE), path)
    if end != len(data):
        raise UnexpectedFormat(f"{path}: {len(data) - end} bytes after the CBOR value")
    return value


# Pagefind's gzip header (flate2's): no name, no time stamp, "best" compression, unknown OS.
# Written out here because Python's zlib puts the OS it was built for in that last byte.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"


def _pack(encoded: bytes) -> bytes:
    """Signature and CBOR, gzipped at Pagefind's compression level."""
    data = SIGNATURE + encoded
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate: the header is ours
    body = deflate.compress(data) + deflate.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return GZIP_HEADER + body + trailer


# CBOR (RFC 8949), the subset Pagefind writes: unsigned integers (major type 0), text
# strings (3) and arrays (4), all of definite length, lengths and integers in the shortest form.
UINT, TEXT, ARRAY = 0, 3, 4


def _head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | extra]) + number.to_bytes(size, "big")
    raise UnexpectedFormat(f"integer too large for CBOR: {number}")


def _encode(value: Cbor) -> bytes:
    parts: list[bytes] = []
    stack = [value]
    while stack:  # iterative: a meta file at 10,000 pages nests shallowly but is long
        item = stack.pop()
        if isinstance(item, bool):
            raise UnexpectedFormat(f"cannot encode {item!r}")
        if isinstance(item, int):
            parts.append(_head(UINT, item))
        elif isinstance(item, str):
            text = item.encode("utf-8")
            parts.append(_head(TEXT, len(text)) + text)
        else:
            parts.append(_head(ARRAY, len(item)))
            stack.extend(reversed(item))
    return b"".join(parts)


def _decode(data: bytes, at: int, path: Path) -> tuple[Cbor, int]:
    """The value starting at `at` and the offset after it."""
    root: list[Cbor] = []
    # Open arrays: (the list being filled, how many items it still needs).
    open_arrays: list[tuple[list[Cbor], int]] = [(root, 1)]
    while open_arrays:
        target, remaining = open_arrays.pop()
        if remaining == 0:
            continue
        open_arrays.append((target, remaining - 1))
        if at >= len(data):
            raise UnexpectedFormat(f"{path}: the CBOR data ends early")
        major, info = data[at] >> 5, data[at] & 31
        at += 1
        if info < 24:
            number = info
        elif info <= 27:
            size = 1 << (info - 24)
            if at + size > len(data):
                raise UnexpectedFormat(f"{path}: the CBOR data ends early")
            number = int.from_bytes(data[at : at + size], "big")
            at += size
        else:
            raise UnexpectedFormat(f"{path}: CBOR item of indefinite or reserved length at byte {at - 1}")
        if major == UINT:
            target.append(number)
        elif major == TEXT:
            if at + number > len(data):
                raise UnexpectedFormat(f"{path}: the CBOR data ends early")
            try:
                target.append(data[at : at + number].decode("utf-8"))
            except UnicodeDecodeError:
                raise UnexpectedFormat(f"{path}: a CBOR text string is not UTF-8") from None
            at += number
        elif major == ARRAY:
            items: list[Cbor] = []
            target.append(items)
            open_arrays.append((items, number))
        else:
            raise UnexpectedFormat(f"{path}: CBOR major type {major} at byte {at - 1}, expected integers, text and arrays")
    return root[0], at
