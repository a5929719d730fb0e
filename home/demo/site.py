from wagtail.models import Site

from home.models import HomePage, SiteSettings

INTRO = (
    "<p>ยินดีต้อนรับสู่ห้องเรียนออนไลน์ของโครงการยกระดับสินค้าชุมชน จังหวัดอุตรดิตถ์และสุราษฎร์ธานี "
    "เรียนรู้การพัฒนาผลิตภัณฑ์ของชุมชนและการขายออนไลน์ผ่าน Facebook Fanpage และ LINE Official Account "
    "จากผู้เชี่ยวชาญ ได้ที่ห้องสมุดประชาชนใกล้บ้าน (Relearning Space@Library)</p>"
    "<p>เป้าหมายของเราคือให้ทุกชุมชนขายสินค้าได้อย่างน้อย 100 ชิ้นภายใน 1-2 เดือนหลังการอบรม "
    "และนำวิธีคิดนี้ไปใช้พัฒนาสินค้าใหม่ได้เองอย่างยั่งยืน</p>"
)


def load(ctx: dict) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        home = HomePage.objects.first()
    home.title = "ห้องเรียนสินค้าชุมชน"
    home.intro = INTRO
    home.save_revision().publish()
    settings = SiteSettings.for_site(site)
    settings.save()
    ctx["site"] = site
    ctx["home"] = home
