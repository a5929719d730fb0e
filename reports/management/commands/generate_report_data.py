"""A large, deterministic data set for measuring the reports: learners, communities, progress."""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communities.models import Community
from communities.provinces import PROVINCES
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonCompletion, LessonPage

PREFIX = "scale"
BATCH = 2000


class Command(BaseCommand):
    help = (
        "Generate learners with progress in generated communities and courses, to measure the "
        "reports at scale. Development databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument("--communities", type=int, default=20)
        parser.add_argument("--courses", type=int, default=2)
        parser.add_argument("--steps", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2569)

    def handle(self, *args, learners, communities, courses, steps, seed, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Generated report data is not allowed with these settings. "
                "Use development settings."
            )
        rng = random.Random(seed)
        with transaction.atomic():
            self.remove_previous()
            community_objs = self.make_communities(communities)
            course_objs = self.make_courses(courses, steps)
            users = self.make_learners(learners, community_objs)
            counts = self.make_progress(rng, users, course_objs)
        self.stdout.write(
            self.style.SUCCESS(
                "Generated {} learners in {} communities, {} courses of {} steps: "
                "{} enrolments, {} lesson completions.".format(
                    learners, communities, courses, steps, *counts
                )
            )
        )

    def remove_previous(self):
        get_user_model().objects.filter(username__startswith=f"{PREFIX}-").delete()
        for course in CoursePage.objects.filter(slug__startswith=f"{PREFIX}-course-"):
            course.delete()
        Community.objects.filter(name__startswith="ชุมชนทดสอบขนาดใหญ่").delete()

    def make_communities(self, count):
        provinces = [key for key, _label in PROVINCES]
        return Community.objects.bulk_create(
            Community(name=f"ชุมชนทดสอบขนาดใหญ่ {n:02d}", province=provinces[n % len(provinces)])
            for n in range(1, count + 1)
        )

    def make_courses(self, count, steps):
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            raise CommandError("Create the course catalogue first (load_demo_data does).")
        result = []
        for n in range(1, count + 1):
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"หลักสูตรทดสอบขนาดใหญ่ {n}",
                    slug=f"{PREFIX}-course-{n}",
                    summary="หลักสูตรสำหรับวัดความเร็วของรายงาน",
                )
            )
            lessons = [
                course.add_child(
                    instance=LessonPage(
                        title=f"บทที่ {k}",
                        slug=f"{PREFIX}-lesson-{n}-{k}",
                        body=[("paragraph", f"<p>บทที่ {k}</p>")],
                    )
                )
                for k in range(1, steps + 1)
            ]
            result.append((course, lessons))
        return result

    def make_learners(self, count, communities):
        User = get_user_model()
        User.objects.bulk_create(
            (
                User(
                    username=f"{PREFIX}-{n:05d}",
                    display_name=f"ผู้เรียนทดสอบ {n:05d}",
                    password="!",  # unusable: these accounts never sign in
                    community=communities[n % len(communities)],
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        users = list(User.objects.filter(username__startswith=f"{PREFIX}-").order_by("username"))
        learners = Group.objects.filter(name="Learners").first()
        if learners:
            Membership = User.groups.through
            Membership.objects.bulk_create(
                (Membership(user_id=user.pk, group_id=learners.pk) for user in users),
                batch_size=BATCH,
            )
        return users

    def make_progress(self, rng, users, courses):
        """Most learners enrol; some finish, some stop part-way, some go quiet for weeks."""
        now = timezone.now()
        enrolments, completions, dates = [], [], []
        for user in users:
            for course, lessons in courses:
                if rng.random() < 0.2:
                    continue
                enrolled_at = now - datetime.timedelta(days=rng.randint(0, 90))
                done = rng.choice([0, len(lessons), *range(1, len(lessons))])
                finished = done == len(lessons)
                last_activity = min(now, enrolled_at + datetime.timedelta(days=rng.randint(0, 30)))
                enrolments.append(
                    Enrolment(
                        user=user,
                        course=course,
                        enrolled_at=enrolled_at,
                        last_activity_at=last_activity,
                        last_lesson=lessons[done - 1] if done else None,
                        completed_at=last_activity if finished else None,
                    )
                )
                dates.append((enrolled_at, last_activity))
                completions.extend(
                    LessonCompletion(user=user, lesson=lesson, completed_at=last_activity)
                    for lesson in lessons[:done]
                )
        Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
        LessonCompletion.objects.bulk_create(completions, batch_size=BATCH)
        # auto_now_add stamped every row with "now" on insert; put the spread-out dates back.
        for enrolment, (enrolled_at, last_activity) in zip(enrolments, dates, strict=True):
            enrolment.enrolled_at = enrolled_at
            enrolment.last_activity_at = last_activity
        Enrolment.objects.bulk_update(
            enrolments, ["enrolled_at", "last_activity_at"], batch_size=500
        )
        return len(enrolments), len(completions)
