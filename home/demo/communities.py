"""Two communities, their products, people, a running campaign and its sales.

Laplae (Uttaradit) and Chaiya and Phum Riang (Surat Thani). Photos are drawn at load time
with Pillow; sales and consent go through ``communities.services`` so the demo keeps
the same rules and history as real use.
"""

import datetime
import uuid
from decimal import Decimal
from importlib import resources
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

from communities import services
from communities.models import (
    Community,
    CommunityIndexPage,
    CommunityPage,
    CommunityPerson,
    ConsentMethod,
    ConsentRecord,
    ConsentScope,
    JourneyStage,
    ProductImage,
    ProductJourneyStep,
    ProductLesson,
    ProductPage,
    SaleRecord,
    SalesCampaign,
)

IMAGE_PREFIX = "ภาพสาธิต: "
CAMPAIGN_NAME = "ขายออนไลน์รอบแรก"
SALES_NAMESPACE = uuid.UUID("6f1c2a4e-8d0b-4f7e-9a51-3c2b7d9e0a11")

INDEX_INTRO = (
    "<p>สินค้าที่ชุมชนในอุตรดิตถ์และสุราษฎร์ธานีเลือกพัฒนาเอง ตั้งแต่เลือกสินค้า ประเมินความพร้อม "
    "ทำต้นแบบ ปรับรูปลักษณ์และบรรจุภัณฑ์ จนวางขายออนไลน์ผ่าน Facebook และ LINE "
    "ติดตามได้ว่าแต่ละชุมชนขายได้เท่าไรแล้วเมื่อเทียบกับเป้าหมาย 100 ชิ้น</p>"
)

COMMUNITIES = [
    {
        "name": "กลุ่มแม่บ้านเกษตรกรลับแล",
        "province": "uttaradit",
        "district": "ลับแล",
        "library": "ห้องสมุดประชาชนจังหวัดอุตรดิตถ์",
        "colour": (46, 125, 90),
        "summary": "หมี่พัน ลางสาด และผ้าซิ่นตีนจกจากเมืองลับแล ทำมือโดยแม่บ้านตำบลฝายหลวง",
        "facebook_url": "https://www.facebook.com/laplae.community.demo",
        "line_id": "@laplaedemo",
        "phone": "055-000-111",
        "how_to_buy": (
            "ทักสั่งทาง LINE หรือ Facebook แจ้งชื่อสินค้าและจำนวน\n"
            "โอนเงินเข้าบัญชีกลุ่ม แล้วส่งสลิปในแชต\n"
            "ส่งไปรษณีย์ทั่วประเทศภายใน 2 วันทำการ"
        ),
        "story": [
            (
                "paragraph",
                "<p>ลับแลเป็นอำเภอในหุบเขาของจังหวัดอุตรดิตถ์ ขึ้นชื่อเรื่องลางสาดรสหวานและสวนผลไม้บนดอย "
                "แม่บ้านในตำบลฝายหลวงรวมกลุ่มกันแปรรูปผลผลิตจากสวน และสืบต่อภูมิปัญญาการทำหมี่พัน "
                "กับการทอผ้าซิ่นตีนจกแบบไทยยวนที่ตกทอดมาจากบรรพบุรุษ</p>",
            ),
            (
                "paragraph",
                "<p>เมื่อเข้าร่วมโครงการยกระดับสินค้าชุมชน สมาชิกกลุ่มมาเรียนออนไลน์ที่ห้องสมุดประชาชน"
                "สัปดาห์ละสองครั้ง เลือกสินค้าที่อยากพัฒนาเอง ประเมินความพร้อมร่วมกับที่ปรึกษา "
                "ลงมือทำต้นแบบ ปรับบรรจุภัณฑ์ใหม่ แล้วเปิดเพจ Facebook และ LINE Official Account "
                "ของกลุ่มเป็นครั้งแรก</p>",
            ),
            (
                "quote",
                {
                    "text": "เมื่อก่อนเราขายแค่ตลาดนัดวันเสาร์ ตอนนี้มีลูกค้าจากกรุงเทพฯ ทักมาสั่งทาง LINE ทุกสัปดาห์",
                    "attribution": "ประธานกลุ่มแม่บ้านเกษตรกรลับแล",
                },
            ),
        ],
        "people": [
            {
                "name": "นางบัวผัน ศรีลับแล",
                "role": "ประธานกลุ่มแม่บ้าน",
                "phone": "089-000-1234",
                "line_id": "buaphan.demo",
                "consents": [ConsentScope.PHOTO, ConsentScope.CONTACT],
            },
            {
                # No consent recorded yet: her photo stays off the public pages.
                "name": "นางคำแสง ทอผ้า",
                "role": "ช่างทอผ้าซิ่นตีนจก",
                "phone": "",
                "line_id": "",
                "consents": [],
            },
        ],
        "products": [
            {
                "title": "หมี่พันลับแล",
                "short_description": (
                    "แผ่นแป้งข้าวเจ้าตากแดดแบบลับแล ห่อหมี่ผัดกับผักสดเป็นหมี่พัน ของกินเล่นขึ้นชื่อของเมืองลับแล"
                ),
                "price_baht": Decimal("60"),
                "unit": "ห่อ (20 แผ่น)",
                "materials": "แป้งข้าวเจ้าจากข้าวพื้นเมือง\nเกลือ\nน้ำสะอาด",
                "community_product_standard": "มผช. 1010/2565",
                "story": (
                    "<p>หมี่พันเป็นอาหารพื้นบ้านของลับแล แผ่นแป้งบางใสที่ตากบนแผงไม้ไผ่กลางแดดเช้า "
                    "นำมาห่อหมี่ผัดรสจัดกับผักสด กลุ่มปรับสูตรให้แผ่นแป้งเหนียวนุ่มแม้เก็บไว้หลายวัน "
                    "เพื่อส่งไปถึงลูกค้าต่างจังหวัดได้</p>"
                ),
                "journey": [
                    (JourneyStage.CHOSEN, 95, "สมาชิกโหวตเลือกหมี่พันเป็นสินค้าแรก เพราะทุกบ้านทำเป็น"),
                    (JourneyStage.ASSESSED, 80, "ประเมินร่วมกับที่ปรึกษา: วัตถุดิบพร้อม แต่แผ่นแป้งแห้งแตกง่าย"),
                    (JourneyStage.PROTOTYPE, 60, "ทดลองผสมแป้งมันเล็กน้อย แผ่นไม่แตกแม้เก็บไว้ 2 สัปดาห์"),
                    (JourneyStage.REDESIGNED, 35, "ถุงซิปใสพร้อมฉลากบอกวิธีห่อหมี่พัน และเลขมาตรฐาน มผช."),
                    (JourneyStage.ONLINE, 20, "เปิดขายทางเพจ Facebook และ LINE ของกลุ่ม"),
                ],
                "lessons": [
                    (
                        "modern-packaging-and-labels",
                        "เปลี่ยนจากถุงพลาสติกมัดยางเป็นถุงซิปใสพร้อมฉลากสองภาษา",
                    ),
                    ("costing-and-pricing", "คิดต้นทุนใหม่ทั้งแรงงานและค่าส่ง แล้วตั้งราคาห่อละ 60 บาท"),
                    ("product-photos-with-a-phone", "ถ่ายรูปแผ่นหมี่พันข้างหน้าต่างด้วยมือถือลงเพจทุกสัปดาห์"),
                ],
            },
            {
                "title": "ลางสาดลับแล",
                "short_description": (
                    "ลางสาดพันธุ์ลับแล เปลือกบาง ไม่มียาง รสหวานอมเปรี้ยว เก็บจากสวนบนดอยส่งตรงถึงบ้าน"
                ),
                "price_baht": Decimal("90"),
                "unit": "กิโลกรัม",
                "in_stock": False,
                "materials": "ลางสาดผลสดคัดเกรดจากสวนของสมาชิก",
                "story": (
                    "<p>ลางสาดลับแลออกผลปีละครั้งช่วงเดือนสิงหาคมถึงกันยายน นอกฤดูกลุ่มรับจองล่วงหน้า"
                    "ทาง LINE แล้วเก็บส่งในวันเดียวกันเพื่อให้ถึงมือลูกค้าสดที่สุด</p>"
                ),
                "journey": [
                    (JourneyStage.CHOSEN, 95, "เลือกขายผลสดส่งไกล เพราะราคาหน้าสวนตกทุกปี"),
                    (JourneyStage.ASSESSED, 80, "ปัญหาหลักคือผลช้ำระหว่างขนส่ง"),
                    (JourneyStage.PROTOTYPE, 55, "ทดลองกล่องกระดาษเจาะรูระบายอากาศ ส่งทดสอบ 10 กล่อง"),
                    (JourneyStage.ONLINE, 20, "เปิดรับจองฤดูหน้าทาง LINE Official Account"),
                ],
                "lessons": [
                    ("choose-products-together", "ตัดสินใจร่วมกันขายผลสดคัดเกรดแทนการขายเหมาหน้าสวน"),
                    ("line-official-account", "ใช้บรอดแคสต์ใน LINE OA รับจองล่วงหน้าและแจ้งวันเก็บผล"),
                ],
            },
            {
                "title": "ผ้าซิ่นตีนจกลับแล",
                "short_description": (
                    "ผ้าซิ่นทอมือลายตีนจกแบบไทยยวน ฝ้ายย้อมสีธรรมชาติ ทอผืนละประมาณหนึ่งเดือน"
                ),
                "price_baht": Decimal("2800"),
                "unit": "ผืน",
                "otop_stars": 4,
                "materials": "ฝ้ายเข็นมือ\nสีย้อมจากครั่ง ขมิ้น และเปลือกประดู่",
                "story": (
                    "<p>ตีนจกคือเชิงผ้าซิ่นที่ช่างทอใช้ขนเม่นหรือนิ้ว 'จก' ด้ายสีขึ้นเป็นลวดลายทีละเส้น "
                    "ลายของลับแลมีเอกลักษณ์ที่สีแดงครั่งและลายนกคู่ กลุ่มบันทึกชื่อช่างทอและลายไว้กับผ้าทุกผืน</p>"
                ),
                "journey": [
                    (JourneyStage.CHOSEN, 90, "เลือกผ้าตีนจกเพื่อให้คนรุ่นใหม่ได้สืบต่อลาย"),
                    (JourneyStage.ASSESSED, 75, "ทอได้เดือนละ 3 ผืน จึงตั้งเป้าขายเป็นของขวัญมูลค่าสูง"),
                    (JourneyStage.REDESIGNED, 30, "กล่องผ้าพร้อมการ์ดเล่าที่มาของลายและชื่อช่างทอ"),
                ],
                "lessons": [
                    ("assess-readiness-with-advisers", "ประเมินกำลังผลิตได้เดือนละ 3 ผืน จึงขายเป็นของขวัญ"),
                    ("writing-posts-that-sell", "เขียนเรื่องของลายและช่างทอลงโพสต์และการ์ดที่แนบไปกับผ้า"),
                    ("open-a-facebook-fanpage", "ไลฟ์สดสาธิตการจกลายทางเพจ Facebook ของกลุ่ม"),
                ],
                "person_photo": "นางคำแสง ทอผ้า",
            },
        ],
        "coordinator": "coordinator",
        # (product index, days after the campaign start, units, channel, baht or None)
        "sales": [
            (0, 1, 10, "facebook", 600),
            (0, 3, 6, "line", 360),
            (1, 4, 8, "line", 720),
            (0, 6, 12, "market", 720),
            (2, 7, 1, "facebook", 2800),
            (0, 9, 9, "line", 540),
            (1, 11, 6, "facebook", None),
            (0, 13, 7, "facebook", 420),
            (0, 15, 5, "other", 300),
        ],
    },
    {
        "name": "กลุ่มสินค้าชุมชนไชยาและพุมเรียง",
        "province": "surat-thani",
        "district": "ไชยา",
        "library": "ห้องสมุดประชาชนอำเภอไชยา",
        "colour": (31, 94, 140),
        "summary": "ไข่เค็มไชยา น้ำมันมะพร้าว และผ้าทอพุมเรียง จากเมืองเก่าริมอ่าวบ้านดอน",
        "facebook_url": "https://www.facebook.com/chaiya.community.demo",
        "line_id": "@chaiyademo",
        "phone": "077-000-222",
        "how_to_buy": (
            "สั่งทาง LINE หรือ Facebook ได้ทุกวัน\n"
            "ไข่เค็มส่งทุกวันจันทร์และพฤหัสบดี ห่อกันกระแทกทุกฟอง\n"
            "ชำระเงินปลายทางได้"
        ),
        "story": [
            (
                "paragraph",
                "<p>ไชยาเป็นเมืองเก่าของสุราษฎร์ธานี ขึ้นชื่อเรื่องไข่เค็มที่พอกด้วยดินจอมปลวกผสมเกลือ "
                "ไข่แดงสีส้มมัน ส่วนบ้านพุมเรียงริมทะเลมีช่างทอผ้ายกดอกที่สืบทอดฝีมือกันมาหลายรุ่น "
                "และสวนมะพร้าวที่ให้ทั้งน้ำมันและขนม</p>",
            ),
            (
                "paragraph",
                "<p>ช่วงโควิด-19 ที่ปรึกษาเดินทางมาไม่ได้ กลุ่มจึงเรียนผ่านระบบออนไลน์ที่ห้องสมุดประชาชน"
                "อำเภอไชยา ได้ฝึกถ่ายภาพสินค้า เขียนโพสต์ขาย และตอบแชตลูกค้า จนเปิดร้านออนไลน์ได้เอง</p>",
            ),
            (
                "quote",
                {
                    "text": "ไข่เค็มเราดีอยู่แล้ว ที่ขาดคือกล่องที่ส่งไกลแล้วไม่แตก กับคนที่รู้จักเรา",
                    "attribution": "สมาชิกกลุ่มไข่เค็ม",
                },
            ),
        ],
        "people": [
            {
                "name": "นางสาวมะลิ ไชยา",
                "role": "ผู้ดูแลเพจและตอบแชตลูกค้า",
                "phone": "086-000-5678",
                "line_id": "mali.demo",
                "consents": [ConsentScope.CONTACT],
            },
        ],
        "products": [
            {
                "title": "ไข่เค็มไชยา",
                "short_description": (
                    "ไข่เป็ดพอกดินจอมปลวกผสมเกลือตามสูตรไชยา บ่ม 15 วัน ไข่แดงสีส้มมัน เค็มกำลังดี"
                ),
                "price_baht": Decimal("60"),
                "unit": "แพ็ก 4 ฟอง",
                "otop_stars": 5,
                "community_product_standard": "มผช. 1114/2565",
                "materials": "ไข่เป็ดสดจากฟาร์มในอำเภอไชยา\nดินจอมปลวก\nเกลือทะเล",
                "story": (
                    "<p>ดินจอมปลวกละเอียดและเก็บความชื้นได้ดี ทำให้เกลือซึมเข้าไข่อย่างสม่ำเสมอ "
                    "กลุ่มพอกไข่ด้วยมือทุกฟองและติดวันที่พอกไว้บนแพ็ก ลูกค้าจึงรู้ว่าไข่บ่มมานานเท่าไร</p>"
                ),
                "journey": [
                    (JourneyStage.CHOSEN, 90, "เลือกไข่เค็มเพราะเป็นสินค้าที่คนรู้จักชื่อไชยาอยู่แล้ว"),
                    (JourneyStage.ASSESSED, 75, "ผลิตได้วันละ 300 ฟอง แต่ยังส่งไกลไม่ได้เพราะแตก"),
                    (JourneyStage.PROTOTYPE, 50, "ถาดกระดาษขึ้นรูปใส่ไข่ 4 ฟอง ส่งทดสอบไป 5 จังหวัด"),
                    (JourneyStage.REDESIGNED, 30, "ฉลากใหม่บอกวันพอก วันหมดอายุ และวิธีต้ม"),
                    (JourneyStage.ONLINE, 20, "เปิดขายทาง Facebook และ LINE พร้อมส่งทั่วประเทศ"),
                ],
                "lessons": [
                    ("make-a-first-prototype", "ทดลองถาดกระดาษใส่ไข่ 4 ฟอง ส่งทดสอบไป 5 จังหวัด"),
                    ("modern-packaging-and-labels", "ฉลากใหม่บอกวันพอก วันหมดอายุ และวิธีต้ม"),
                    ("writing-posts-that-sell", "โพสต์ภาพไข่แดงผ่าครึ่งคู่กับราคาและวิธีสั่ง"),
                ],
            },
            {
                "title": "น้ำมันมะพร้าวสกัดเย็นพุมเรียง",
                "short_description": (
                    "น้ำมันมะพร้าวสกัดเย็นจากมะพร้าวแกงในสวนของสมาชิก ใช้ปรุงอาหาร บำรุงผิวและเส้นผม"
                ),
                "price_baht": Decimal("150"),
                "unit": "ขวด 250 มล.",
                "fda_number": "84-2-05123-2-0007",
                "materials": "เนื้อมะพร้าวแก่จากสวนของสมาชิก",
                "story": (
                    "<p>กลุ่มขูดมะพร้าวและคั้นกะทิเองทุกเช้า ทิ้งให้น้ำมันแยกชั้นตามธรรมชาติโดยไม่ใช้ความร้อน "
                    "จึงได้น้ำมันใส กลิ่นหอมมะพร้าวอ่อน ๆ</p>"
                ),
                "journey": [
                    (JourneyStage.CHOSEN, 85, "ต่อยอดมะพร้าวล้นสวนให้เป็นสินค้าราคาสูงขึ้น"),
                    (JourneyStage.ASSESSED, 70, "ต้องขอเลข อย. ก่อนขายออนไลน์ได้"),
                    (JourneyStage.PROTOTYPE, 45, "ขวดแก้วสีชาขนาด 250 มล. กันแสง"),
                    (JourneyStage.ONLINE, 15, "วางขายคู่กับไข่เค็มเป็นชุดของฝาก"),
                ],
                "lessons": [
                    ("costing-and-pricing", "ตั้งราคาจากต้นทุนมะพร้าว ขวด และค่าขอเลข อย."),
                    ("line-official-account", "ส่งวิธีใช้น้ำมันมะพร้าวให้ลูกค้าทาง LINE OA หลังซื้อ"),
                    ("orders-payment-and-shipping", "จดออเดอร์ในแบบฟอร์มและเก็บเงินปลายทางได้"),
                ],
            },
            {
                "title": "ผ้าทอพุมเรียงลายดอกพิกุล",
                "short_description": (
                    "ผ้ายกดอกลายดอกพิกุลทอมือ ฝีมือช่างทอบ้านพุมเรียง เนื้อนุ่ม ลายละเอียด เหมาะเป็นของขวัญ"
                ),
                "price_baht": Decimal("1500"),
                "unit": "ผืน (ผ้าคลุมไหล่)",
                "otop_stars": 4,
                "materials": "เส้นไหม\nเส้นฝ้าย",
                "story": (
                    "<p>ผ้ายกพุมเรียงทอด้วยกี่พื้นบ้าน ยกตะกอทีละเส้นให้เกิดลายดอกพิกุลนูนบนผืนผ้า "
                    "กลุ่มทำผ้าคลุมไหล่ขนาดใช้ง่ายเพื่อให้คนรุ่นใหม่ซื้อเป็นของขวัญได้</p>"
                ),
                "journey": [
                    (JourneyStage.CHOSEN, 90, "ย่อขนาดผ้าผืนใหญ่เป็นผ้าคลุมไหล่ให้ราคาเข้าถึงได้"),
                    (JourneyStage.PROTOTYPE, 50, "ทอต้นแบบ 3 สี ให้ลูกค้าในเพจช่วยเลือก"),
                    (JourneyStage.ONLINE, 15, "เปิดรับสั่งทอตามสีที่ลูกค้าเลือก"),
                ],
                "lessons": [
                    ("product-photos-with-a-phone", "ถ่ายรูปต้นแบบ 3 สีให้ลูกค้าในเพจช่วยเลือก"),
                    ("writing-posts-that-sell", "เล่าเรื่องช่างทอและลายดอกพิกุลในโพสต์ขายทุกชิ้น"),
                ],
            },
        ],
        "coordinator": "admin",
        "sales": [
            (0, 1, 20, "facebook", 1200),
            (0, 2, 16, "line", 960),
            (1, 3, 6, "facebook", 900),
            (0, 5, 24, "market", 1440),
            (2, 6, 2, "facebook", 3000),
            (0, 8, 12, "line", 720),
            (1, 10, 8, "line", 1200),
            (0, 12, 14, "facebook", 840),
            (0, 14, 6, "other", 360),
        ],
    },
]


def _font(size: int):
    """Sarabun, shipped as a Python package, so Thai renders without system fonts."""
    try:
        font_file = resources.files("fontpkg_sarabun") / "files" / "Sarabun-SemiBold.ttf"
        with resources.as_file(font_file) as path:
            return ImageFont.truetype(str(path), size)
    except (ModuleNotFoundError, OSError):
        return None


def _draw_image(label: str, colour: tuple[int, int, int], size) -> BytesIO:
    """A calm coloured card with soft circles and a label, as a small JPEG."""
    width, height = size
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    light = tuple(min(255, channel + 40) for channel in colour)
    for n, (x, y, r) in enumerate([(0.15, 0.2, 0.22), (0.85, 0.75, 0.3), (0.6, 0.12, 0.1)]):
        cx, cy, radius = x * width, y * height, r * min(width, height) * (1 + n * 0.1)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=light)
    size_px = max(18, width // 12)
    font = _font(size_px)
    # Shrink the text until it fits with a margin; no font package means no text.
    while font is not None and draw.textlength(label, font=font) > width * 0.86 and size_px > 14:
        size_px -= 2
        font = _font(size_px)
    if font is not None:
        draw.text((width / 2, height / 2), label, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer


def _image(title: str, alt: str, colour, *, label: str = "", size=(800, 600)) -> Image:
    """The demo image called ``title``, drawn the first time it is needed."""
    full_title = IMAGE_PREFIX + title
    image = Image.objects.filter(title=full_title).first()
    if image is None:
        name = f"demo-{uuid.uuid5(SALES_NAMESPACE, title).hex[:12]}.jpg"
        image = Image.objects.create(
            title=full_title,
            description=alt,
            file=ImageFile(_draw_image(label or title, colour, size), name=name),
        )
    return image


def _index_page(home) -> CommunityIndexPage:
    index = CommunityIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=CommunityIndexPage(
                title="ชุมชนและสินค้า", slug="communities", intro=INDEX_INTRO, show_in_menus=True
            )
        )
    return index


def _community(data: dict, ctx: dict) -> Community:
    community, _ = Community.objects.get_or_create(
        name=data["name"],
        defaults={
            "province": data["province"],
            "district": data["district"],
            "library": data["library"],
        },
    )
    community.coordinators.add(ctx["users"][data["coordinator"]])
    return community


def _people(community: Community, data: dict, ctx: dict) -> dict[str, CommunityPerson]:
    people = {}
    recorder = ctx["users"][data["coordinator"]]
    for order, person_data in enumerate(data["people"]):
        person = CommunityPerson.objects.filter(
            community=community, name=person_data["name"]
        ).first()
        if person is None:
            person = CommunityPerson.objects.create(
                community=community,
                name=person_data["name"],
                role=person_data["role"],
                phone=person_data["phone"],
                line_id=person_data["line_id"],
                sort_order=order,
                photo=_image(
                    person_data["name"],
                    person_data["name"],
                    _darker(data["colour"]),
                    label=person_data["name"].split()[0],
                    size=(320, 320),
                ),
            )
        for scope in person_data["consents"]:
            services.consent_give(
                person=person,
                scope=scope,
                given_on=timezone.localdate() - datetime.timedelta(days=60),
                method=ConsentMethod.SIGNED_FORM,
                note="แบบฟอร์มยินยอมเก็บไว้ที่ห้องสมุด",
                recorded_by=recorder,
            )
        people[person.name] = person
    return people


def _community_page(index, community: Community, data: dict) -> CommunityPage:
    page = CommunityPage.objects.filter(community=community).first()
    if page is None:
        page = index.add_child(
            instance=CommunityPage(
                title=community.name,
                community=community,
                summary=data["summary"],
                cover_photo=_image(
                    f"{community.name} ปก",
                    f"สินค้าของ{community.name}",
                    data["colour"],
                    label=community.name,
                ),
                story=list(data["story"]),
                facebook_url=data["facebook_url"],
                line_id=data["line_id"],
                phone=data["phone"],
                how_to_buy=data["how_to_buy"],
            )
        )
    return page


def _product(page: CommunityPage, data: dict, colour, people, campaign_start) -> ProductPage:
    product = ProductPage.objects.child_of(page).filter(title=data["title"]).first()
    if product is not None:
        return product
    fields = {
        key: data[key]
        for key in (
            "title",
            "short_description",
            "price_baht",
            "unit",
            "materials",
            "story",
            "otop_stars",
            "community_product_standard",
            "fda_number",
            "in_stock",
        )
        if key in data
    }
    product = ProductPage(**fields)
    product.gallery_images.add(
        ProductImage(
            image=_image(data["title"], data["short_description"], colour),
            alt_text=f"{data['title']}: {data['short_description']}",
        )
    )
    product.gallery_images.add(
        ProductImage(
            image=_image(
                f"{data['title']} บรรจุภัณฑ์ใหม่",
                f"บรรจุภัณฑ์ใหม่ของ{data['title']}",
                _darker(colour),
                label=data["title"],
            ),
            alt_text=f"บรรจุภัณฑ์ใหม่ของ{data['title']}",
            caption="บรรจุภัณฑ์ที่ออกแบบใหม่ระหว่างโครงการ",
        )
    )
    if person_name := data.get("person_photo"):
        product.gallery_images.add(
            ProductImage(
                image=_image(
                    f"{person_name} กำลังทำงาน",
                    f"{person_name} กำลังทอผ้า",
                    _darker(colour),
                    label=person_name,
                ),
                alt_text=f"{person_name} กำลังทอผ้า",
                person=people[person_name],
            )
        )
    for stage, days_before_start, description in data["journey"]:
        product.journey_steps.add(
            ProductJourneyStep(
                stage=stage,
                happened_on=campaign_start - datetime.timedelta(days=days_before_start - 20),
                description=description,
            )
        )
    return page.add_child(instance=product)


def _darker(colour):
    return tuple(max(0, channel - 35) for channel in colour)


def _link_lessons(product: ProductPage, wanted: list[tuple[str, str]]) -> None:
    """Link the demo courses' lessons by slug; any lesson not there is skipped."""
    from courses.models import LessonPage

    linked = set(product.lesson_links.values_list("lesson_id", flat=True))
    added = False
    for slug, how_applied in wanted:
        lesson = LessonPage.objects.live().filter(slug=slug).order_by("path").first()
        if lesson is None or lesson.pk in linked:
            continue
        product.lesson_links.add(ProductLesson(lesson=lesson, how_applied=how_applied))
        linked.add(lesson.pk)
        added = True
    if added:
        product.save_revision().publish()


def _campaign(community: Community, ctx: dict, data: dict) -> SalesCampaign:
    campaign = SalesCampaign.objects.filter(community=community, name=CAMPAIGN_NAME).first()
    if campaign is None:
        campaign = services.campaign_create(
            community=community,
            name=CAMPAIGN_NAME,
            start_date=timezone.localdate() - datetime.timedelta(days=20),
            created_by=ctx["users"][data["coordinator"]],
        )
    return campaign


def _sales(campaign, products, data: dict, ctx: dict) -> None:
    for number, (product_index, day, units, channel, baht) in enumerate(data["sales"]):
        services.sale_record(
            campaign=campaign,
            product=products[product_index],
            sold_on=min(campaign.start_date + datetime.timedelta(days=day), timezone.localdate()),
            quantity=units,
            channel=channel,
            amount_baht=None if baht is None else Decimal(baht),
            recorded_by=ctx["users"][data["coordinator"]],
            submission_key=uuid.uuid5(SALES_NAMESPACE, f"{campaign.community.name}:{number}"),
        )


def load(ctx: dict) -> None:
    index = _index_page(ctx["home"])
    communities = []
    for data in COMMUNITIES:
        community = _community(data, ctx)
        people = _people(community, data, ctx)
        page = _community_page(index, community, data)
        campaign = _campaign(community, ctx, data)
        products = []
        for product_data in data["products"]:
            product = _product(page, product_data, data["colour"], people, campaign.start_date)
            _link_lessons(product, product_data["lessons"])
            products.append(product)
        _sales(campaign, products, data, ctx)
        communities.append(community)
    laplae = communities[0]
    for username in ("learner", "learner2"):
        user = ctx["users"][username]
        user.community = laplae
        user.save(update_fields=["community"])
    ctx["communities"] = communities
    ctx["community_index"] = index


def reset() -> None:
    names = [data["name"] for data in COMMUNITIES]
    SaleRecord.objects.filter(campaign__community__name__in=names).delete()
    SalesCampaign.objects.filter(community__name__in=names).delete()
    for page in CommunityPage.objects.filter(community__name__in=names):
        page.delete()
    for index in CommunityIndexPage.objects.filter(numchild=0):
        index.delete()
    ConsentRecord.objects.filter(person__community__name__in=names).delete()
    CommunityPerson.objects.filter(community__name__in=names).delete()
    Community.objects.filter(name__in=names).delete()
    Image.objects.filter(title__startswith=IMAGE_PREFIX).delete()
