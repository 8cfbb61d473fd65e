import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class KeepsFormerNames:
    """A unit or a body: its present name on itself, the names it bore before in its
    `former_names` (each used until a day), so that a document prints the name of its
    own date."""

    def former_name_on(self, day):
        """The former name borne on `day`, or None when the present name was already in
        use: the earliest former name used until `day` or later."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "former_names" in cache:
            records = [r for r in cache["former_names"] if r.used_until >= day]
            return min(records, key=lambda r: r.used_until, default=None)
        return self.former_names.filter(used_until__gte=day).order_by("used_until").first()

    def name_on(self, day):
        """The (short) name borne on `day`."""
        record = self.former_name_on(day)
        return record.name if record else self.name

    def full_name_on(self, day):
        """The full name a document dated `day` prints."""
        record = self.former_name_on(day)
        return self._former_full_name(record) if record else self.full_name


class AdministrativeUnit(KeepsFormerNames, models.Model):
    """A node of the tree province › district › commune."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province / centrally-run city")
        DISTRICT = 2, _("District / town / provincial city")
        COMMUNE = 3, _("Commune / ward / township")

    class Category(models.TextChoices):
        PROVINCE = "tinh", _("province")
        CENTRAL_CITY = "thanh_pho_tw", _("centrally-run city")
        URBAN_DISTRICT = "quan", _("urban district")
        RURAL_DISTRICT = "huyen", _("rural district")
        TOWN = "thi_xa", _("town")
        PROVINCIAL_CITY = "thanh_pho", _("provincial city")
        WARD = "phuong", _("ward")
        COMMUNE = "xa", _("commune")
        TOWNSHIP = "thi_tran", _("township")

    # Which categories belong on which level of the tree.
    CATEGORY_LEVELS = {
        Category.PROVINCE: Level.PROVINCE,
        Category.CENTRAL_CITY: Level.PROVINCE,
        Category.URBAN_DISTRICT: Level.DISTRICT,
        Category.RURAL_DISTRICT: Level.DISTRICT,
        Category.TOWN: Level.DISTRICT,
        Category.PROVINCIAL_CITY: Level.DISTRICT,
        Category.WARD: Level.COMMUNE,
        Category.COMMUNE: Level.COMMUNE,
        Category.TOWNSHIP: Level.COMMUNE,
    }

    name = models.CharField(_("name"), max_length=120, help_text=_("For example: Thanh Trì"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    began_on = models.DateField(_("in existence from"), null=True, blank=True)
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("The last day it existed; set by the reorganisation that ended it."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Sources, and what in this record is illustrative.")
    )

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "category", "name"], name="unit_unique_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["category", "name"],
                condition=Q(parent__isnull=True),
                name="unit_unique_top_level_name",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=3), name="unit_level_in_range"
            ),
            models.CheckConstraint(
                condition=Q(level=1, parent__isnull=True) | Q(level__gt=1, parent__isnull=False),
                name="unit_only_provinces_are_roots",
            ),
        ]

    # The word written before a unit's name, where it differs from the category's
    # label: both kinds of city are just "thành phố" ("thành phố Hà Nội").
    NAME_WORDS = {
        Category.CENTRAL_CITY: _("city"),
        Category.PROVINCIAL_CITY: _("city"),
    }

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """ "huyện Thanh Trì", "thành phố Ngã Bảy": the category word, lower case."""
        return self._full_name(self.category, self.name)

    def _full_name(self, category, name):
        word = self.NAME_WORDS.get(category) or self.Category(category).label
        return f"{word} {name}"

    def _former_full_name(self, record):
        """ "huyện Thanh Trì" for a day before it was renamed, as documents of that day
        print it."""
        return self._full_name(record.category, record.name)

    def is_active_on(self, day):
        return (self.began_on is None or self.began_on <= day) and (
            self.ended_on is None or day <= self.ended_on
        )

    def clean(self):
        expected = self.CATEGORY_LEVELS.get(self.category)
        if expected is not None and self.level != expected:
            raise ValidationError(
                {
                    "level": _("A %(category)s belongs on another level of the tree.")
                    % {"category": self.get_category_display()}
                }
            )
        # Since 1 July 2025 communes and wards sit directly under their province.
        if self.parent_id and self.parent.level >= self.level:
            raise ValidationError({"parent": _("The parent unit must be above this one.")})

    def ancestors(self):
        """This unit's parents, nearest first (at most two queries deep)."""
        found, unit = [], self.parent
        while unit is not None:
            found.append(unit)
            unit = unit.parent
        return found


def unit_subtree(path, value, lookup="exact"):
    """Q for rows whose unit at `path` is `value` or one of the units below it.

    `path` leads from the queried model to a unit ("" for units themselves,
    "unit" for bodies, "body__unit" for parties); the tree is three levels deep.
    """
    own = f"{path or 'pk'}__{lookup}"
    below = f"{path}__parent" if path else "parent"
    return (
        Q(**{own: value})
        | Q(**{f"{below}__{lookup}": value})
        | Q(**{f"{below}__parent__{lookup}": value})
    )


class Body(KeepsFormerNames, models.Model):
    """A public body (cơ quan, tổ chức) that can be a party to a programme."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        PARTY_ORGAN = "party_organ", _("Party committee organ")
        PEOPLES_COUNCIL = "peoples_council", _("People's Council")
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front committee")
        COURT = "court", _("People's Court")
        PROCURACY = "procuracy", _("People's Procuracy")
        MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
        GROUP = "group", _("Group")
        DEPARTMENT = "department", _("Specialised department")

    # Bodies whose documents follow the Party's rules for headers and numbers.
    PARTY_KINDS = frozenset({Kind.PARTY_COMMITTEE, Kind.PARTY_ORGAN})

    name = models.CharField(
        _("short name"),
        max_length=200,
        help_text=_(
            "The name used in lists and on crowded pages, abbreviations allowed. "
            "For example: UBND huyện Thanh Trì"
        ),
    )
    full_name = models.CharField(
        _("full official name"),
        max_length=250,
        help_text=_(
            "The name as documents give it, in full and in ordinary case; a document header "
            "prints it in capitals. For example: Ủy ban nhân dân huyện Thanh Trì"
        ),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        related_name="bodies",
        on_delete=models.PROTECT,
    )
    code = models.CharField(
        _("short code"),
        max_length=20,
        help_text=_("Used in document symbols, for example BTGTU, UBND, MTTQ."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("governing body"),
        help_text=_("The body above it that is named first in a document header."),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    began_on = models.DateField(_("in existence from"), null=True, blank=True)
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("The last day it existed; set by the reorganisation that ended it."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "For the record's keepers only, never printed on pages or documents: for example, "
            "which details are illustrative and not from the source."
        ),
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["unit__level", "unit__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="body_unique_code_in_unit"),
            models.UniqueConstraint(fields=["unit", "name"], name="body_unique_name_in_unit"),
        ]

    def __str__(self):
        return self.name

    def _former_full_name(self, record):
        return record.full_name

    def is_active_on(self, day):
        return (self.began_on is None or self.began_on <= day) and (
            self.ended_on is None or day <= self.ended_on
        )

    @property
    def is_party_body(self):
        return self.kind in self.PARTY_KINDS

    def format_reference(self, number, symbol):
        """A document's "number and symbol" as this body writes it.

        State bodies follow Decree 30/2020/NĐ-CP ("12/BC-UBND", a leading
        zero under 10); Party bodies follow the Party's rules ("686-BC/BTGTU").
        """
        return self.reference_of_kind(self.kind, number, symbol)

    @classmethod
    def reference_of_kind(cls, kind, number, symbol):
        """`format_reference` for a body known by its kind alone: rows read as values
        (a province's programmes, each with its issuer's kind)."""
        separator = "-" if kind in cls.PARTY_KINDS else "/"
        return f"{number:02d}{separator}{symbol}"

    def document_symbol(self, type_code):
        """The symbol of a document of this type: "BC/BTGTU" or "BC-UBND"."""
        if self.is_party_body:
            return f"{type_code}/{self.code}"
        return f"{type_code}-{self.code}"

    def clean(self):
        errors = {}
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("A body cannot govern itself.")
        letters = [char for char in self.full_name if char.isalpha()]
        if len(letters) > 1 and all(char.isupper() for char in letters):
            # Capitals cannot be turned back into the ordinary case running text needs.
            errors["full_name"] = _(
                "Write the full name in ordinary case, for example “Ủy ban nhân dân huyện "
                "Thanh Trì”: a document header puts it in capitals by itself."
            )
        if errors:
            raise ValidationError(errors)


class Official(models.Model):
    """A person holding a position in a body for a span of time."""

    full_name = models.CharField(_("full name"), max_length=120)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), related_name="officials", on_delete=models.PROTECT
    )
    position = models.CharField(
        _("position"),
        max_length=250,
        help_text=_("For example: Phó Bí thư, Chủ tịch UBND huyện"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    active_from = models.DateField(_("in office from"), null=True, blank=True)
    active_to = models.DateField(_("in office until"), null=True, blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "For the record's keepers only, never printed on pages or documents: for example, "
            "which details are illustrative and not from the source."
        ),
    )

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["body__name", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="official_active_to_not_before_from",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.position}"

    def is_active_on(self, day):
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )

    def position_on(self, day):
        """The position held on `day`: from the positions held over dates, else the one
        recorded on the official while in office, else "" (no position that day)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        positions = cache["positions"] if "positions" in cache else self.positions.all()
        held = [p for p in positions if p.covers(day)]
        if held:
            return max(held, key=lambda p: p.held_from).title
        if not positions and self.is_active_on(day):
            return self.position
        return ""

    def title_on(self, day):
        """What a document dated `day` prints under the name: the position then held,
        else the one on record."""
        return self.position_on(day) or self.position

    def clean(self):
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValidationError(
                {"active_to": _("The end of the term cannot be before its start.")}
            )


class Membership(models.Model):
    """Links a user account to the body they work for and their role there."""

    class Role(models.TextChoices):
        OFFICIAL = "official", _("Official")
        SECRETARIAT = "secretariat", _("Secretariat")
        LEADER = "leader", _("Leader")
        ADMINISTRATOR = "administrator", _("Administrator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="membership",
        on_delete=models.CASCADE,
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), related_name="memberships", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    official = models.ForeignKey(
        Official,
        verbose_name=_("official record"),
        related_name="memberships",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body__name", "user__username"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.body}"

    def clean(self):
        if self.official_id and self.body_id and self.official.body_id != self.body_id:
            raise ValidationError(
                {"official": _("The official record must belong to the same body.")}
            )


class FormerName(models.Model):
    """A name borne until a day; the present name is on the unit or body itself."""

    used_until = models.DateField(_("used until"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.name


class UnitName(FormerName):
    """A name a unit bore until a day; its present name is on the unit itself."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        related_name="former_names",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(
        _("category"), max_length=20, choices=AdministrativeUnit.Category.choices
    )

    class Meta:
        verbose_name = _("former name of a unit")
        verbose_name_plural = _("former names of units")
        ordering = ["unit", "used_until"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "used_until"], name="unit_name_one_per_day"),
        ]


class BodyName(FormerName):
    """A name a body bore until a day; its present name is on the body itself."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), related_name="former_names", on_delete=models.CASCADE
    )
    name = models.CharField(_("short name"), max_length=200)
    full_name = models.CharField(_("full official name"), max_length=250)

    class Meta:
        verbose_name = _("former name of a body")
        verbose_name_plural = _("former names of bodies")
        ordering = ["body", "used_until"]
        constraints = [
            models.UniqueConstraint(fields=["body", "used_until"], name="body_name_one_per_day"),
        ]


class Position(models.Model):
    """A position an official held in a body over a span of dates."""

    official = models.ForeignKey(
        Official, verbose_name=_("official"), related_name="positions", on_delete=models.CASCADE
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), related_name="positions", on_delete=models.PROTECT
    )
    title = models.CharField(
        _("position"), max_length=250, help_text=_("For example: Phó Bí thư, Chủ tịch UBND xã")
    )
    held_from = models.DateField(_("held from"))
    held_to = models.DateField(_("held until"), null=True, blank=True)

    class Meta:
        verbose_name = _("position held")
        verbose_name_plural = _("positions held")
        ordering = ["official", "held_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(held_to__isnull=True) | Q(held_to__gte=models.F("held_from")),
                name="position_held_to_not_before_from",
            ),
        ]

    def __str__(self):
        return self.title

    def covers(self, day):
        return self.held_from <= day and (self.held_to is None or day <= self.held_to)

    def clean(self):
        if self.held_to and self.held_from and self.held_to < self.held_from:
            raise ValidationError({"held_to": _("The end of the term cannot be before its start.")})


class Reorganisation(models.Model):
    """One act that ends units or bodies and names their successors: its legal basis (the
    resolution or decision) and the day the successors take over."""

    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("For example: Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025"),
    )
    decided_on = models.DateField(_("decided on"))
    effective_on = models.DateField(
        _("in effect from"),
        help_text=_("The first day of the successors; the others end the day before."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Sources, and what in this record is illustrative.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["-effective_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("decided_on")),
                name="reorganisation_effective_not_before_decided",
            ),
        ]

    def __str__(self):
        return self.legal_basis

    def clean(self):
        if self.decided_on and self.effective_on and self.effective_on < self.decided_on:
            raise ValidationError(
                {"effective_on": _("It cannot take effect before it was decided.")}
            )


class Succession(models.Model):
    """What succeeded what in a reorganisation: a unit by a unit, or a body by a body."""

    class Kind(models.TextChoices):
        MERGED = "merged", _("merged into")
        SPLIT = "split", _("split into (part of it)")
        RENAMED = "renamed", _("renamed")

    reorganisation = models.ForeignKey(
        Reorganisation,
        verbose_name=_("reorganisation"),
        related_name="successions",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    predecessor_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit that ended"),
        related_name="successions_out",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    successor_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("successor unit"),
        related_name="successions_in",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    predecessor_body = models.ForeignKey(
        Body,
        verbose_name=_("body that ended"),
        related_name="successions_out",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    successor_body = models.ForeignKey(
        Body,
        verbose_name=_("successor body"),
        related_name="successions_in",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["reorganisation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(predecessor_unit__isnull=False, successor_unit__isnull=False)
                    & Q(predecessor_body__isnull=True, successor_body__isnull=True)
                )
                | (
                    Q(predecessor_unit__isnull=True, successor_unit__isnull=True)
                    & Q(predecessor_body__isnull=False, successor_body__isnull=False)
                ),
                name="succession_units_or_bodies",
            ),
        ]

    def __str__(self):
        old = self.predecessor_body or self.predecessor_unit
        new = self.successor_body or self.successor_unit
        return f"{old} → {new}"


def predecessor_ids(model, start_id, depth=5):
    """Ids of the units (or bodies) that `start_id` succeeded, at any remove (a few
    reorganisations deep; each step is one query)."""
    side = "unit" if model is AdministrativeUnit else "body"
    found, frontier = set(), {start_id}
    for _step in range(depth):
        rows = Succession.objects.filter(**{f"successor_{side}_id__in": frontier}).values_list(
            f"predecessor_{side}_id", flat=True
        )
        frontier = set(rows) - found - {start_id}
        if not frontier:
            break
        found |= frontier
    return found


class IssuedDocument(models.Model):
    """A document the app has printed, as the verification page knows it.

    Whatever app issues a document (a programme, an amendment, a report) records it
    here under a random key, which the PDF carries in its metadata and its QR code:
    enough to say which document a copy is — number, issuing bodies, date — and
    whether the copy is byte for byte the file handed out, without naming its
    content. The issuing app keeps the file and the rest.
    """

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Coordination programme")
        AMENDMENT = "amendment", _("Amendment to a coordination programme")
        REPORT = "report", _("Report")

    key = models.UUIDField(_("key"), unique=True, default=uuid.uuid4, editable=False)
    source = models.CharField(
        _("source"),
        max_length=100,
        unique=True,
        help_text=_("The record the document prints, for example programme:12."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    reference = models.CharField(_("number and symbol"), max_length=120)
    issuer_names = models.CharField(_("issuing bodies"), max_length=1000)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    is_draft = models.BooleanField(_("draft"), default=False)
    text_sha256 = models.CharField(_("SHA-256 of the signed text"), max_length=64, blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file handed out"), max_length=64, blank=True)
    digital_signatures = models.PositiveSmallIntegerField(_("digital signatures"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-updated_at"]

    def __str__(self):
        return f"{self.reference} ({self.get_kind_display()})"


class SigningCertificate(models.Model):
    """A body's certificate for digital signatures (chữ ký số), uploaded by an
    administrator as PKCS#12. The file and its passphrase are kept encrypted with
    the key from DJANGO_CERTIFICATE_KEY (parties/certificates.py); what is shown
    of it (subject, validity, fingerprint) is read from it at upload."""

    body = models.OneToOneField(
        Body,
        verbose_name=_("body"),
        related_name="signing_certificate",
        on_delete=models.CASCADE,
    )
    encrypted_pkcs12 = models.BinaryField(_("PKCS#12, encrypted"), editable=False)
    encrypted_passphrase = models.BinaryField(_("passphrase, encrypted"), editable=False)
    subject = models.CharField(_("subject"), max_length=500, editable=False)
    issuer = models.CharField(_("issued by"), max_length=500, editable=False)
    serial_number = models.CharField(_("serial number"), max_length=100, editable=False)
    valid_from = models.DateTimeField(_("valid from"), editable=False)
    valid_until = models.DateTimeField(_("valid until"), editable=False)
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, editable=False)
    note = models.TextField(_("note"), blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["body__name"]

    def __str__(self):
        return f"{self.body} – {self.subject}"
