"""The only place that registers ``Doc._`` extensions (idempotent).

Each attribute holds records from :mod:`pipeline.records` (plain values), written by one
component:

=====================  ==========================  =========================================
attribute              written by                  value
=====================  ==========================  =========================================
``doc._.organisations``  ``incident_orgs``         ``list[Organisation]`` (role "victim" marks victims)
``doc._.threat_actors``  ``incident_orgs``         ``list[str]``
``doc._.malware``        ``incident_orgs``         ``list[str]``
``doc._.cves``           ``incident_orgs``         ``list[str]``
``doc._.attack_types``   ``attack_type_classifier``  ``list[LabelScore]``
``doc._.incident_kind``  ``attack_type_classifier``  ``IncidentKind`` value (str)
``doc._.services``       ``affected_services``     ``list[Service]``
``doc._.compromised_data`` ``affected_services``   ``list[str]``
``doc._.quotes``         ``quoted_experts``        ``list[Quote]``
``doc._.title``          the caller (annotate)     ``str | None`` article title, if known
``doc._.language``       the caller (annotate)     ``str`` ISO 639-1 code of the text ("en" if unknown)
=====================  ==========================  =========================================
"""
from __future__ import annotations

from spacy.tokens import Doc

_LIST_ATTRS = ("organisations", "threat_actors", "malware", "cves", "attack_types", "services",
               "compromised_data", "quotes")


def register_extensions() -> None:
    for name in _LIST_ATTRS:
        if not Doc.has_extension(name):
            # a getter-free default must not be a shared mutable list: components assign
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("incident_kind"):
        Doc.set_extension("incident_kind", default="none")
    if not Doc.has_extension("title"):
        Doc.set_extension("title", default=None)
    if not Doc.has_extension("language"):
        Doc.set_extension("language", default="en")


__all__ = ["register_extensions"]
