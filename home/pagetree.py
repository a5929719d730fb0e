"""Creating pages inside data migrations, where treebeard's tree methods are unavailable."""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def _decode(text: str) -> int:
    return int(text, len(ALPHABET))


def add_child_page(apps, parent, model_label: str, **fields):
    """Create a page of ``model_label`` as the last child of ``parent`` (a historical Page)."""
    Page = apps.get_model("wagtailcore.Page")
    ContentType = apps.get_model("contenttypes.ContentType")
    Model = apps.get_model(model_label)
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    position = _decode(last.path[-STEPLEN:]) + 1 if last else 1
    content_type, _ = ContentType.objects.get_or_create(
        app_label=Model._meta.app_label, model=Model._meta.model_name
    )
    page = Model.objects.create(
        content_type=content_type,
        path=parent.path + _encode(position),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/",
        draft_title=fields["title"],
        locale_id=parent.locale_id,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return page
