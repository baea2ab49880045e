"""Does an English text use any computer-security vocabulary at all?

The attack-type model is trained on incident summaries and cyber news, so on news about
something else (a plague case, a prison scandal, a gadget review) it can still give a
confident label. An article that never names a computer-security term reports no cyber
incident, whatever the model says: :func:`names_cyber_terms` is that check, applied by
:func:`pipeline.classifier.classify` to full-length English articles (``CHECK_MIN_CHARS``)
the model calls incidents. Shorter articles (``ASSET_MIN_CHARS`` up to ``CHECK_MIN_CHARS``)
may tell a data incident in everyday words, but they still name the information or equipment
it happened to — records, files, data, a laptop, an email, a system: :func:`names_information_assets`
is that weaker check (a blackmailer who threatens by post to publish private letters names
neither).
Terms are chosen to be rare outside computing ("ransom" alone is kidnapping news, "breach"
alone is contract news, "attack" alone is war or medicine).
"""
from __future__ import annotations

import re

# full-length articles only: shorter incident summaries (VCDB's misdelivered letters, an
# employee photographing a patient) report data incidents in everyday words
CHECK_MIN_CHARS = 1500
# articles from this length up to CHECK_MIN_CHARS must at least name an information asset
# (of VCDB's 638 summaries of 600-1,499 characters, 68 name no computer-security term and
# every one of them names such an asset; below 600 characters some do not)
ASSET_MIN_CHARS = 600

CYBER_TERMS = re.compile(r"""\b(?:
    cyber\w* | hack(?:ed|er|ers|ing|s)? | hacktivis\w* | infosec
  | (?:data|security|privacy)\s+breach\w* | breach\w*\s+(?:of\s+)?(?:its|their|the)?\s*(?:it\s+)?
        (?:systems?|networks?|servers?|databases?|computers?)
  | ransomware | ransom\s+(?:attacks?|demands?|notes?|payments?) | extortion\s+gang\w*
  | malware | malicious | phish\w* | smishing | vishing | spoof\w*
  | ddos | denial[- ]of[- ]service | spyware | stalkerware | trojans? | botnets? | backdoors?
  | keyloggers? | rootkits? | wipers? | info-?stealers? | zero[- ]days? | cve-\d+
  | vulnerabilit(?:y|ies) | exploit(?:ed|ing|s)?\s+(?:a\s+|the\s+)?(?:flaw|bug|vulnerabilit\w*)
  | (?:security\s+)?(?:flaws?|bugs?)\s+in | unauthori[sz]ed\s+access | threat\s+actors?
  | skimm(?:er|ers|ing) | credential\w* | passwords? | personal\s+(?:data|information|details)
  | encrypt\w* | decrypt\w* | servers? | databases? | (?:computer|it|network)\s+systems?
  | firewalls? | antivirus | security\s+(?:researchers?|firms?|experts?|patch\w*|updates?|incidents?)
  | data\s+(?:leak\w*|theft|exposure) | compromis\w*\s+(?:accounts?|systems?|servers?|networks?|data|emails?)
  | intrusions? | doxx?\w* | two-factor | 2fa | sim[- ]swap\w* | card\s+(?:numbers?|details|data)
  | (?:email|e-mail|online|user)\s+accounts?
  | software | browsers? | vpns? | bitcoin | cryptocurrenc\w* | blockchain | jailbreak\w*
  | (?:sql|code|script|html|xfbml)\s+injection | publi(?:c|ca)lly\s+accessible
  | breach\w*\s+of\s+(?:security|privacy|data|confidentiality)
  | security\s+(?:flaws?|bugs?|holes?|loopholes?|loop|settings?|teams?|issues?|bypass\w*|protocols?)
  | bypass\w*\s+(?:the\s+)?(?:security|authentication|lock\w*|login)
  | dates?\s+of\s+birth | social\s+security\s+(?:numbers?|nos?\.?) | hipaa | gdpr | pii
  | (?:personally\s+identifiable|protected\s+health)\s+information | names\s+and\s+addresses
  | (?:medical|health|tax|confidential|sensitive|private|financial|bank|payroll)\s+(?:\w+\s+)?
        (?:documents?|records?|information|data|details|files)
  | lab\s+results | (?:paper|hard)\s+cop(?:y|ies)
  | patients?['\u2019]?s?\s+(?:\w+\s+)?(?:information|records?|data|details|results|files|charts?)
  | misdeliver\w* | mis-?mailed | (?:sent|mailed|faxed|e-?mailed)\s+to\s+the\s+wrong
  | laptops? | hard\s+drives? | usb | (?:patient|medical|health|customer|client|employee|staff
        |student|voter)\s+(?:records|files|data|information)
)\b""", re.I | re.X)


# the information or equipment a data incident happens to (deliberately broad: a misdelivered
# statement, a stolen phone, patient charts); "letters" and "post" are not in it, since a
# blackmail or a poison-pen letter is no data incident of its own
INFORMATION_ASSETS = re.compile(r"""\b(?:
    data | information | records? | files? | documents? | paperwork | details | databases?
  | computers? | pcs? | laptops? | notebooks? | tablets? | (?:smart|mobile|cell)?phones?
  | devices? | drives? | disks? | tapes? | backups? | usb | thumb\s?drives? | media
  | servers? | systems? | networks? | e-?mails? | inbox\w* | websites? | web\s?sites? | web
  | online | internet | accounts? | logins? | passwords? | credentials? | cards? | numbers?
  | ssns? | pins? | keys? | portals? | apps? | software | charts? | prescriptions? | x-rays?
  | scans? | results | reports? | spreadsheets? | lists? | forms? | statements? | invoices?
  | payroll | faxe?[sd]? | cctv | cameras? | footage | photos? | photographs? | images?
  | videos?
)\b""", re.I | re.X)


def names_cyber_terms(text: str) -> bool:
    """Whether ``text`` names at least one computer-security term."""
    return CYBER_TERMS.search(text) is not None


def names_information_assets(text: str) -> bool:
    """Whether ``text`` names any information or equipment a data incident could concern."""
    return INFORMATION_ASSETS.search(text) is not None


__all__ = ["ASSET_MIN_CHARS", "CHECK_MIN_CHARS", "CYBER_TERMS", "INFORMATION_ASSETS",
           "names_cyber_terms", "names_information_assets"]
