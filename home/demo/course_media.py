"""Pictures, recordings and worksheets for the demo courses, generated at load time.

Everything is small and made in code (Pillow, ``wave``, ``csv``) so the demo needs no
binary files in the repository. Labels are drawn in Thai only when a Thai font and
Pillow's complex-text layout (raqm) are available; otherwise the diagrams keep their
shapes and the alt text still says what they show.
"""

import csv
import functools
import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont, features
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

PAPER = "#f4f1ea"
WHITE = "#ffffff"
INK = "#1f2328"
MUTED = "#4f5761"
LINE = "#d5d0c4"
BRAND = "#0b6e4f"
BRAND_DARK = "#084c37"
ACCENT = "#b5451b"
SUN = "#e9b949"
SKY = "#cfe3dc"
LINE_GREEN = "#06c755"
FACEBOOK_BLUE = "#1877f2"

# Tried in order; Pillow looks bare file names up in the system font folders.
THAI_FONTS = {
    False: ["Sarabun-Regular.ttf", "NotoSansThai-Regular.ttf", "Garuda.ttf", "Loma.ttf"],
    True: ["Sarabun-Bold.ttf", "NotoSansThai-Bold.ttf", "Garuda-Bold.ttf", "Loma-Bold.ttf"],
}


def _packaged_font(name: str) -> str | None:
    try:
        import fontpkg_sarabun
    except ImportError:
        return None
    path = fontpkg_sarabun.ROOT / "files" / name
    return str(path) if path.exists() else None


@functools.cache
def _font(size: int, bold: bool):
    for name in THAI_FONTS[bold]:
        for candidate in (_packaged_font(name), name):
            if candidate is None:
                continue
            try:
                return ImageFont.truetype(candidate, size)
            except OSError:
                continue
    return None


@functools.cache
def _can_draw_thai() -> bool:
    # Without raqm, Pillow places Thai vowel and tone marks on top of each other.
    return features.check("raqm") and _font(20, False) is not None


class Canvas:
    def __init__(self, width: int = 640, height: int = 360, background: str = PAPER):
        self.image = Image.new("RGB", (width, height), background)
        self.draw = ImageDraw.Draw(self.image)

    def text(self, xy, text: str, *, size: int = 22, fill: str = INK, bold=False, anchor="la"):
        """Draw a label, or nothing when Thai cannot be drawn correctly here."""
        font = _font(size, bold)
        if font is None or (not text.isascii() and not _can_draw_thai()):
            return
        self.draw.text(xy, text, font=font, fill=fill, anchor=anchor)

    def box(self, xy, *, fill: str, outline: str | None = None, radius: int = 12, width=2):
        self.draw.rounded_rectangle(xy, radius=radius, fill=fill, outline=outline, width=width)

    def arrow(self, start, end, *, fill: str = MUTED, width: int = 4):
        self.draw.line([start, end], fill=fill, width=width)
        angle = math.atan2(end[1] - start[1], end[0] - start[0])
        head = [
            end,
            (end[0] - 14 * math.cos(angle - 0.45), end[1] - 14 * math.sin(angle - 0.45)),
            (end[0] - 14 * math.cos(angle + 0.45), end[1] - 14 * math.sin(angle + 0.45)),
        ]
        self.draw.polygon(head, fill=fill)

    def dots(self, x: int, y: int, score: int, *, out_of: int = 5, colour: str = BRAND):
        for number in range(out_of):
            fill = colour if number < score else WHITE
            self.draw.ellipse(
                (x + number * 17, y, x + number * 17 + 14, y + 14), fill=fill, outline=colour
            )

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG")
        return buffer.getvalue()


def _weave_band(canvas: Canvas, y: int, height: int = 36):
    """A band of diamonds like the hem of a ตีนจก skirt."""
    width = canvas.image.width
    canvas.draw.rectangle((0, y, width, y + height), fill=ACCENT)
    half = height // 2
    for x in range(0, width + height, height):
        canvas.draw.polygon(
            [(x, y + half), (x + half, y + 4), (x + height, y + half), (x + half, y + height - 4)],
            fill=SUN,
        )
        canvas.draw.polygon(
            [
                (x + half - 6, y + half),
                (x + half, y + half - 6),
                (x + half + 6, y + half),
                (x + half, y + half + 6),
            ],
            fill=ACCENT,
        )


# Pictures. Covers are 16:9 with the subject inside the middle band, because the
# catalogue shows them at 16:9 and the course page crops them wider.


def cover_product_development() -> bytes:
    canvas = Canvas(960, 540)
    _weave_band(canvas, 440)
    canvas.text((60, 150), "พัฒนาผลิตภัณฑ์ชุมชน", size=54, fill=BRAND_DARK, bold=True)
    canvas.text((62, 230), "จากของดีในชุมชน สู่สินค้าพร้อมขาย", size=30, fill=MUTED)
    canvas.text((62, 290), "เลือกสินค้า · ทำตัวอย่าง · คิดราคา · ออกแบบฉลาก", size=24, fill=INK)
    # A jar with a label and a box with a window: the product, packed.
    canvas.box((600, 170, 730, 400), fill=WHITE, outline=BRAND_DARK, radius=24, width=4)
    canvas.box((590, 140, 740, 180), fill=BRAND, radius=10)
    canvas.box((615, 240, 715, 330), fill=SUN, radius=8)
    canvas.box((770, 220, 900, 400), fill=BRAND, radius=10)
    canvas.box((795, 260, 875, 340), fill=SKY, radius=8)
    for dx, dy in ((815, 285), (840, 300), (825, 315)):
        canvas.draw.ellipse((dx, dy, dx + 22, dy + 18), fill=WHITE, outline=MUTED)
    return canvas.png()


def cover_online_selling() -> bytes:
    canvas = Canvas(960, 540, background=SKY)
    canvas.text((60, 150), "ขายออนไลน์", size=60, fill=BRAND_DARK, bold=True)
    canvas.text((62, 235), "Facebook Fanpage + LINE Official Account", size=30, fill=INK)
    canvas.text((62, 290), "ถ่ายรูป · เขียนโพสต์ · ตอบแชต · ส่งของ", size=26, fill=MUTED)
    # A phone with chat bubbles.
    canvas.box((640, 80, 860, 470), fill=INK, radius=30)
    canvas.box((655, 115, 845, 435), fill=WHITE, radius=12)
    canvas.box((670, 135, 800, 175), fill=FACEBOOK_BLUE, radius=16)
    canvas.box((700, 190, 830, 230), fill=LINE_GREEN, radius=16)
    canvas.box((670, 245, 790, 285), fill=FACEBOOK_BLUE, radius=16)
    canvas.box((680, 300, 830, 400), fill=PAPER, outline=LINE, radius=8)
    canvas.draw.ellipse((725, 320, 785, 380), fill=SUN)
    canvas.draw.ellipse((880, 120, 930, 170), fill=ACCENT)
    canvas.text((905, 145), "1", size=28, fill=WHITE, bold=True, anchor="mm")
    return canvas.png()


def product_scores() -> bytes:
    canvas = Canvas()
    canvas.text((320, 30), "ให้คะแนนสินค้าที่อยากพัฒนา", size=26, fill=BRAND_DARK, bold=True, anchor="mm")
    columns = ["วัตถุดิบ", "คนทำ", "คนซื้อ", "ส่งไกล"]
    rows = [
        ("ลางสาดอบแห้ง", [3, 4, 4, 4]),
        ("ไข่เค็มไชยา", [5, 4, 5, 3]),
        ("ผ้าทอพุมเรียง", [4, 2, 4, 5]),
    ]
    for index, name in enumerate(columns):
        canvas.text((267 + index * 95, 92), name, size=18, fill=MUTED, anchor="mm")
    for row, (name, scores) in enumerate(rows):
        y = 120 + row * 70
        canvas.box((20, y - 12, 620, y + 42), fill=WHITE, outline=LINE, radius=8)
        canvas.text((36, y + 2), name, size=22, fill=INK, bold=True)
        for column, score in enumerate(scores):
            canvas.dots(225 + column * 95, y + 8, score, colour=BRAND)
    return canvas.png()


def readiness_bars() -> bytes:
    canvas = Canvas()
    canvas.text(
        (320, 30), "ความพร้อมของชุมชน 5 ด้าน", size=26, fill=BRAND_DARK, bold=True, anchor="mm"
    )
    rows = [
        ("วัตถุดิบ", 4),
        ("คนและเวลา", 3),
        ("เงินทุนและอุปกรณ์", 2),
        ("ความสะอาดและมาตรฐาน", 2),
        ("ตลาดและช่องทางขาย", 3),
    ]
    colours = {2: ACCENT, 3: SUN, 4: BRAND, 5: BRAND}
    for row, (name, score) in enumerate(rows):
        y = 70 + row * 56
        canvas.text((24, y + 6), name, size=20, fill=INK)
        canvas.box((250, y, 610, y + 36), fill=WHITE, outline=LINE, radius=8)
        canvas.box((250, y, 250 + score * 72, y + 36), fill=colours[score], radius=8)
        canvas.text((600, y + 18), f"{score}/5", size=20, fill=INK, bold=True, anchor="rm")
    return canvas.png()


def prototype_cycle() -> bytes:
    canvas = Canvas()
    canvas.text((320, 180), "ทำซ้ำจนพอใจ", size=22, fill=MUTED, anchor="mm")
    steps = [
        ((320, 70), "ทำตามสูตร", BRAND),
        ((520, 180), "ให้คนลองใช้", SUN),
        ((320, 290), "ฟังคำติชม", ACCENT),
        ((120, 180), "ปรับสูตร", BRAND_DARK),
    ]
    for index, ((x, y), label, colour) in enumerate(steps):
        canvas.box((x - 95, y - 38, x + 95, y + 38), fill=colour, radius=38)
        text_colour = INK if colour == SUN else WHITE
        canvas.text((x, y), label, size=24, fill=text_colour, bold=True, anchor="mm")
        (nx, ny), _label, _colour = steps[(index + 1) % len(steps)]
        start = (x + (nx - x) * 0.45, y + (ny - y) * 0.45 + (0 if ny == y else 10))
        end = (x + (nx - x) * 0.62, y + (ny - y) * 0.62)
        canvas.arrow(start, end)
    return canvas.png()


def cost_breakdown() -> bytes:
    canvas = Canvas()
    canvas.text(
        (320, 30), "ต้นทุนไข่เค็มไชยา 1 กล่อง (4 ฟอง)", size=26, fill=BRAND_DARK, bold=True, anchor="mm"
    )
    parts = [
        ("ไข่เป็ด", 20, SUN),
        ("ดิน เกลือ แกลบ", 3, MUTED),
        ("กล่องและฉลาก", 7, SKY),
        ("ค่าแรง", 14, BRAND),
        ("อื่น ๆ", 2, LINE),
    ]
    scale = 8
    x = 40
    for _name, baht, colour in parts:
        width = baht * scale
        canvas.draw.rectangle((x, 90, x + width, 160), fill=colour, outline=WHITE, width=2)
        if baht >= 7:
            text_colour = WHITE if colour == BRAND else INK
            canvas.text(
                (x + width / 2, 125), f"{baht}", size=24, fill=text_colour, bold=True, anchor="mm"
            )
        x += width
    canvas.text((x + 12, 125), "= 46 บาท", size=24, fill=INK, bold=True, anchor="lm")
    for index, (name, baht, colour) in enumerate(parts):
        lx = 30 + (index % 3) * 195
        ly = 190 + (index // 3) * 36
        canvas.box((lx, ly, lx + 22, ly + 22), fill=colour, outline=LINE, radius=4, width=1)
        canvas.text((lx + 30, ly + 11), f"{name} {baht} บาท", size=17, fill=INK, anchor="lm")
    canvas.box((40, 280, 600, 340), fill=WHITE, outline=BRAND, radius=10)
    canvas.text(
        (320, 310),
        "เผื่อของเสียแล้ว 48 บาท  →  ราคาขาย 69 บาท",
        size=22,
        fill=BRAND_DARK,
        bold=True,
        anchor="mm",
    )
    return canvas.png()


def label_layout() -> bytes:
    canvas = Canvas()
    canvas.box((120, 20, 520, 340), fill=WHITE, outline=BRAND_DARK, radius=16, width=4)
    canvas.box((120, 20, 520, 90), fill=BRAND, radius=16)
    canvas.draw.rectangle((122, 70, 518, 90), fill=BRAND)
    canvas.text((320, 55), "ไข่เค็มไชยา", size=34, fill=WHITE, bold=True, anchor="mm")
    lines = [
        "ส่วนประกอบ: ไข่เป็ด เกลือ ดิน ขี้เถ้าแกลบ",
        "น้ำหนักสุทธิ: 4 ฟอง",
        "ผลิตโดย: กลุ่มแม่บ้าน... อ.ไชยา จ.สุราษฎร์ธานี",
        "โทร 08x-xxx-xxxx",
        "วันผลิต / ควรบริโภคก่อน",
    ]
    for index, line in enumerate(lines):
        canvas.draw.rectangle((140, 112 + index * 40, 150, 122 + index * 40), fill=ACCENT)
        canvas.text((162, 117 + index * 40), line, size=18, fill=INK, anchor="lm")
    canvas.box((400, 290, 500, 326), fill=PAPER, outline=MUTED, radius=6, width=1)
    canvas.text((450, 308), "อย. / มผช.", size=16, fill=MUTED, anchor="mm")
    return canvas.png()


def fanpage_layout() -> bytes:
    canvas = Canvas(background=WHITE)
    canvas.box((120, 10, 520, 350), fill=PAPER, outline=LINE, radius=12)
    canvas.box((120, 10, 520, 110), fill=SKY, radius=12)
    canvas.draw.rectangle((122, 90, 518, 110), fill=SKY)
    canvas.text((500, 30), "ภาพหน้าปก", size=16, fill=MUTED, anchor="ra")
    canvas.draw.ellipse((150, 70, 230, 150), fill=SUN, outline=WHITE, width=4)
    canvas.text((190, 110), "โลโก้", size=16, fill=INK, anchor="mm")
    canvas.text((245, 122), "ลางสาดลับแล กลุ่มแม่บ้าน", size=20, fill=INK, bold=True)
    canvas.box((150, 170, 320, 206), fill=FACEBOOK_BLUE, radius=8)
    canvas.text((235, 188), "ส่งข้อความ", size=18, fill=WHITE, bold=True, anchor="mm")
    canvas.box((335, 170, 490, 206), fill=WHITE, outline=LINE, radius=8)
    canvas.text((412, 188), "โทร", size=18, fill=INK, anchor="mm")
    for index in range(3):
        y = 222 + index * 40
        canvas.box((150, y, 490, y + 30), fill=WHITE, outline=LINE, radius=6, width=1)
    canvas.text((160, 237), "ข้อมูลเพจ ที่อยู่ เวลาเปิด", size=16, fill=MUTED, anchor="lm")
    canvas.text((160, 277), "โพสต์แนะนำกลุ่ม (ปักหมุด)", size=16, fill=MUTED, anchor="lm")
    canvas.text((160, 317), "โพสต์สินค้า ราคา วิธีสั่ง", size=16, fill=MUTED, anchor="lm")
    return canvas.png()


def photo_lighting() -> bytes:
    canvas = Canvas()
    # Seen from above: window on the left, product on a table, white card on the right.
    canvas.draw.rectangle((30, 50, 66, 270), fill=SKY, outline=MUTED, width=2)
    canvas.text((48, 300), "หน้าต่าง", size=18, fill=MUTED, anchor="mm")
    for y in (80, 130, 190, 240):
        canvas.arrow((78, y), (238, 160 + (y - 160) // 3), fill=SUN, width=5)
    canvas.box((240, 100, 420, 220), fill=WHITE, outline=LINE, radius=10)
    canvas.draw.ellipse((300, 130, 360, 190), fill=ACCENT)
    canvas.text((330, 240), "สินค้า", size=18, fill=INK, anchor="mm")
    canvas.draw.rectangle((520, 70, 536, 250), fill=WHITE, outline=MUTED, width=2)
    for y in (120, 200):
        canvas.arrow((512, y), (428, 160 + (y - 160) // 3), fill=LINE, width=3)
    canvas.text((528, 30), "กระดาษขาว", size=16, fill=MUTED, anchor="mm")
    canvas.text((528, 52), "สะท้อนแสง", size=16, fill=MUTED, anchor="mm")
    canvas.box((305, 280, 355, 340), fill=INK, radius=8)
    canvas.draw.ellipse((324, 286, 336, 298), fill=MUTED)
    canvas.text((370, 310), "มือถือ ไม่ใช้แฟลช", size=18, fill=INK, anchor="lm")
    return canvas.png()


def post_structure() -> bytes:
    canvas = Canvas()
    parts = [
        ("1", "ประโยคเปิดที่สะดุดตา", ACCENT),
        ("2", "เล่าเรื่องคนทำและที่มา", BRAND),
        ("3", "รายละเอียด ขนาด ราคา", BRAND_DARK),
        ("4", "วิธีสั่งซื้อและค่าส่ง", MUTED),
        ("5", "ชวนให้ทักแชต", LINE_GREEN),
    ]
    for index, (number, label, colour) in enumerate(parts):
        y = 20 + index * 66
        canvas.box((90, y, 550, y + 54), fill=WHITE, outline=colour, radius=10, width=3)
        canvas.draw.ellipse((104, y + 9, 140, y + 45), fill=colour)
        canvas.text((122, y + 27), number, size=20, fill=WHITE, bold=True, anchor="mm")
        canvas.text((160, y + 27), label, size=22, fill=INK, anchor="lm")
    return canvas.png()


def rich_menu() -> bytes:
    canvas = Canvas(background=INK)
    labels = ["ดูสินค้า", "สั่งซื้อ", "โปรโมชัน", "ค่าส่ง", "เรื่องราวชุมชน", "ติดต่อเรา"]
    colours = [LINE_GREEN, BRAND, SUN, SKY, PAPER, ACCENT]
    for index, (label, colour) in enumerate(zip(labels, colours, strict=True)):
        column, row = index % 3, index // 3
        x, y = 20 + column * 204, 20 + row * 164
        canvas.box((x, y, x + 192, y + 152), fill=colour, radius=14)
        canvas.draw.ellipse((x + 76, y + 28, x + 116, y + 68), fill=WHITE, outline=INK, width=2)
        text_colour = WHITE if colour in (LINE_GREEN, BRAND, ACCENT) else INK
        canvas.text((x + 96, y + 108), label, size=22, fill=text_colour, bold=True, anchor="mm")
    return canvas.png()


def order_flow() -> bytes:
    canvas = Canvas()
    steps = ["รับออเดอร์", "ยืนยันยอด", "รับเงิน", "แพ็กและส่ง", "แจ้งเลขพัสดุ"]
    colours = [FACEBOOK_BLUE, BRAND, SUN, ACCENT, LINE_GREEN]
    for index, (label, colour) in enumerate(zip(steps, colours, strict=True)):
        x = 64 + index * 128
        y = 120 if index % 2 == 0 else 220
        canvas.draw.ellipse((x - 44, y - 44, x + 44, y + 44), fill=colour)
        canvas.text((x, y), str(index + 1), size=34, fill=WHITE, bold=True, anchor="mm")
        canvas.text((x, y + 70 if index % 2 else y - 70), label, size=18, fill=INK, anchor="mm")
        if index < len(steps) - 1:
            ny = 220 if y == 120 else 120
            canvas.arrow(
                (x + 40, y + (24 if y == 120 else -24)), (x + 90, ny + (-30 if ny == 220 else 30))
            )
    return canvas.png()


def portrait(initial: str, colour: str) -> bytes:
    canvas = Canvas(240, 240, background=PAPER)
    canvas.draw.ellipse((20, 20, 220, 220), fill=colour)
    canvas.draw.ellipse((40, 40, 200, 200), outline=SUN, width=6)
    canvas.text((120, 124), initial, size=96, fill=WHITE, bold=True, anchor="mm")
    return canvas.png()


# Recordings and worksheets.


def chime_wav(*, seconds: float = 1.2, rate: int = 16000) -> bytes:
    """A soft two-note chime (C5 then E5) with fades, as 16-bit mono WAV."""
    samples = int(seconds * rate)
    half = samples // 2
    frames = bytearray()
    for n in range(samples):
        frequency = 523.25 if n < half else 659.25
        position = n if n < half else n - half
        length = half if n < half else samples - half
        envelope = min(1.0, position / 400) * (1 - position / length) ** 2
        value = int(9000 * envelope * math.sin(2 * math.pi * frequency * n / rate))
        frames += struct.pack("<h", value)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        recording.writeframes(bytes(frames))
    return buffer.getvalue()


def csv_bytes(rows: list[list]) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel on a library PC shows Thai correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def text_bytes(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8-sig")


# Saving as Wagtail media, looked up by title so loading twice makes nothing new.


def save_image(title: str, filename: str, make):
    ImageModel = get_image_model()
    existing = ImageModel.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing
    picture = ImageModel(title=title, file=ImageFile(io.BytesIO(make()), name=filename))
    picture._set_image_file_metadata()
    picture.save()
    return picture


def save_document(title: str, filename: str, make):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing
    item = Document(title=title, file=ContentFile(make(), name=filename))
    item._set_document_file_metadata()
    item.save()
    return item


def delete_media(*, image_titles, document_titles) -> None:
    get_image_model().objects.filter(title__in=image_titles).delete()
    get_document_model().objects.filter(title__in=document_titles).delete()
