"""Demo courses: two Thai courses of five lessons, their topics, experts, pictures and files.

Pages are found by slug under the catalogue, snippets by slug or name and media by title,
so a second load updates everything in place. Learner progress is not made here.
"""

from courses.models import CourseIndexPage, CoursePage, ExpertProfile, LessonPage, Topic
from home.demo import course_media as media
from home.demo.course_content import Media, online_selling, product_development, worksheets

COURSE_MODULES = [product_development, online_selling]

TOPICS = {
    "product-development": "พัฒนาผลิตภัณฑ์",
    "online-marketing": "การตลาดออนไลน์",
}

# name: (short biography, portrait key)
EXPERTS = {
    "อาจารย์สมศรี ใจดี": (
        "ที่ปรึกษาด้านพัฒนาผลิตภัณฑ์ชุมชน ทำงานกับกลุ่มแม่บ้านและวิสาหกิจชุมชนในภาคเหนือมากว่า 15 ปี "
        "ช่วยชุมชนเลือกสินค้า ปรับสูตร คิดต้นทุน และออกแบบบรรจุภัณฑ์ "
        "เชื่อว่าสินค้าที่ขายได้นานเริ่มจากสิ่งที่ชุมชนภูมิใจ",
        "portrait-somsri",
    ),
    "คุณธนากร พูนผล": (
        "ที่ปรึกษาด้านการตลาดออนไลน์ เคยช่วยกลุ่มผู้ผลิตในภาคใต้เปิดเพจ Facebook และ LINE OA "
        "จนมีลูกค้าประจำทั่วประเทศ ถนัดการถ่ายรูปสินค้าด้วยมือถือ "
        "และการเขียนโพสต์ที่เล่าเรื่องของชุมชน",
        "portrait-thanakorn",
    ),
}

# key: (title, file name, how to make the file)
IMAGES = {
    "cover-product-development": (
        "ปกหลักสูตร: พัฒนาผลิตภัณฑ์ชุมชน",
        "cover-product-development.png",
        media.cover_product_development,
    ),
    "cover-online-selling": (
        "ปกหลักสูตร: ขายออนไลน์ด้วย Facebook และ LINE",
        "cover-online-selling.png",
        media.cover_online_selling,
    ),
    "product-scores": ("ภาพประกอบ: ตารางให้คะแนนสินค้า", "product-scores.png", media.product_scores),
    "readiness-bars": ("ภาพประกอบ: ความพร้อม 5 ด้าน", "readiness-bars.png", media.readiness_bars),
    "prototype-cycle": (
        "ภาพประกอบ: วงจรทำสินค้าตัวอย่าง",
        "prototype-cycle.png",
        media.prototype_cycle,
    ),
    "cost-breakdown": (
        "ภาพประกอบ: ต้นทุนไข่เค็มไชยาต่อกล่อง",
        "cost-breakdown.png",
        media.cost_breakdown,
    ),
    "label-layout": ("ภาพประกอบ: ผังฉลากสินค้า", "label-layout.png", media.label_layout),
    "fanpage-layout": ("ภาพประกอบ: หน้าเพจร้านค้า", "fanpage-layout.png", media.fanpage_layout),
    "photo-lighting": (
        "ภาพประกอบ: จัดแสงถ่ายรูปสินค้า",
        "photo-lighting.png",
        media.photo_lighting,
    ),
    "post-structure": ("ภาพประกอบ: โครงโพสต์ 5 ส่วน", "post-structure.png", media.post_structure),
    "rich-menu": ("ภาพประกอบ: ริชเมนู LINE 6 ช่อง", "rich-menu.png", media.rich_menu),
    "order-flow": ("ภาพประกอบ: ขั้นตอนรับออเดอร์", "order-flow.png", media.order_flow),
    "portrait-somsri": (
        "รูปผู้เชี่ยวชาญ: อาจารย์สมศรี ใจดี",
        "expert-somsri.png",
        lambda: media.portrait("ส", media.BRAND),
    ),
    "portrait-thanakorn": (
        "รูปผู้เชี่ยวชาญ: คุณธนากร พูนผล",
        "expert-thanakorn.png",
        lambda: media.portrait("ธ", media.ACCENT),
    ),
}

# ASCII file names: they survive every browser's download dialog and storage backend.
DOCUMENTS = {
    "recording-choosing-together": (
        "บันทึกเสียง: เสียงจากกลุ่มแม่บ้านที่เลือกสินค้าด้วยกัน",
        "recording-choosing-together.wav",
        media.chime_wav,
    ),
    "recording-sample-post": (
        "บันทึกเสียง: ตัวอย่างโพสต์ขายลางสาดอบแห้ง",
        "recording-sample-post.wav",
        media.chime_wav,
    ),
    "worksheet-readiness": (
        "แบบประเมินความพร้อมของชุมชน",
        "readiness-assessment.csv",
        lambda: media.csv_bytes(worksheets.readiness_assessment()),
    ),
    "worksheet-costing": (
        "ตารางคำนวณต้นทุน",
        "costing-sheet.csv",
        lambda: media.csv_bytes(worksheets.costing_sheet()),
    ),
    "worksheet-orders": (
        "แบบฟอร์มบันทึกออเดอร์",
        "order-log.csv",
        lambda: media.csv_bytes(worksheets.order_log()),
    ),
}


def load(ctx: dict) -> None:
    catalogue = _catalogue(ctx)
    topics = {
        slug: Topic.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TOPICS.items()
    }
    files = {
        **{key: media.save_image(*spec) for key, spec in IMAGES.items()},
        **{key: media.save_document(*spec) for key, spec in DOCUMENTS.items()},
    }
    experts = {
        name: ExpertProfile.objects.update_or_create(
            name=name, defaults={"bio": bio, "photo": files[portrait]}
        )[0]
        for name, (bio, portrait) in EXPERTS.items()
    }

    ctx["courses"], ctx["lessons"] = {}, {}
    for module in COURSE_MODULES:
        content = module.COURSE
        course = _publish_child(
            catalogue,
            CoursePage,
            slug=content["slug"],
            title=content["title"],
            summary=content["summary"],
            cover_image=files[content["cover"]],
            topic=topics[content["topic"]],
            level=content["level"],
            estimated_minutes=sum(lesson["minutes"] for lesson in module.LESSONS),
            learning_outcomes="\n".join(content["outcomes"]),
            experts=[experts[name] for name in content["experts"]],
            intro=_with_files(content["intro"], files),
            sequential=content["sequential"],
        )
        ctx["courses"][course.slug] = course
        ctx["lessons"][course.slug] = [
            _publish_child(
                course,
                LessonPage,
                slug=lesson["slug"],
                title=lesson["title"],
                estimated_minutes=lesson["minutes"],
                body=_with_files(lesson["body"], files),
            )
            for lesson in module.LESSONS
        ]


def reset() -> None:
    slugs = [module.COURSE["slug"] for module in COURSE_MODULES]
    for course in CoursePage.objects.filter(slug__in=slugs):
        course.delete()
    ExpertProfile.objects.filter(name__in=EXPERTS).delete()
    Topic.objects.filter(slug__in=TOPICS).delete()
    media.delete_media(
        image_titles=[title for title, _name, _make in IMAGES.values()],
        document_titles=[title for title, _name, _make in DOCUMENTS.values()],
    )


def _catalogue(ctx: dict) -> CourseIndexPage:
    """The catalogue made by the courses migration, or a new one if an editor removed it."""
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = ctx["home"].add_child(
            instance=CourseIndexPage(title="หลักสูตร", slug="courses", show_in_menus=True)
        )
        catalogue.save_revision().publish()
    return catalogue


def _publish_child(parent, model, *, slug: str, **fields):
    """Create or update the child page ``slug`` of ``parent``, then publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def _with_files(blocks: list, files: dict) -> list:
    """StreamField data with each ``Media`` key replaced by its Wagtail image or document."""

    def resolve(value):
        if isinstance(value, Media):
            return files[value.key]
        if isinstance(value, dict):
            return {name: resolve(item) for name, item in value.items()}
        return value

    return [(block_type, resolve(value)) for block_type, value in blocks]
