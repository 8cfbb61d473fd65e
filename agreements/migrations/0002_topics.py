"""The fields of work the seed programmes name, so every install starts with them."""

from django.db import migrations

TOPICS = [
    ("tuyen-truyen", "Tuyên truyền"),
    ("phat-trien-kt-xh", "Phát triển kinh tế - xã hội"),
    ("buc-xuc-nhan-dan", "Giải quyết bức xúc của Nhân dân"),
    ("khieu-nai-to-cao", "Khiếu nại, tố cáo"),
    ("an-toan-giao-thong", "An toàn giao thông"),
    ("pccc", "Phòng cháy, chữa cháy"),
    ("ve-sinh-an-toan-thuc-pham", "Vệ sinh an toàn thực phẩm"),
    ("nong-thon-moi", "Nông thôn mới"),
    ("do-thi-van-minh", "Đô thị văn minh"),
    ("dan-van-kheo", "Dân vận khéo"),
    ("cai-cach-hanh-chinh", "Cải cách hành chính"),
    ("dan-chu-co-so", "Quy chế dân chủ ở cơ sở"),
    ("an-ninh-trat-tu", "An ninh, trật tự"),
    ("thuc-thi-phap-luat", "Thực thi pháp luật"),
    ("xay-dung-dang-chinh-quyen", "Xây dựng Đảng, xây dựng chính quyền"),
    ("thi-dua", "Thi đua yêu nước"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("agreements", "Topic")
    for code, name in TOPICS:
        Topic.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
