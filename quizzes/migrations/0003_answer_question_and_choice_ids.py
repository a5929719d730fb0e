from django.db import migrations, models


def fill_ids(apps, schema_editor):
    """Answers saved before these fields existed get their ids from their attempt's snapshot."""
    QuizAttempt = apps.get_model("quizzes", "QuizAttempt")
    AttemptAnswer = apps.get_model("quizzes", "AttemptAnswer")
    attempts = QuizAttempt.objects.filter(answers__isnull=False).distinct()
    for attempt in attempts.iterator(chunk_size=500):
        questions = {question["key"]: question for question in attempt.snapshot.get("questions", [])}
        changed = []
        for answer in AttemptAnswer.objects.filter(attempt=attempt):
            question = questions.get(answer.question_key)
            if question is None:
                continue
            by_key = {choice["key"]: choice["id"] for choice in question.get("choices", [])}
            answer.question_pk = question.get("id")
            answer.choice_pks = [by_key[key] for key in answer.choice_keys if key in by_key]
            changed.append(answer)
        AttemptAnswer.objects.bulk_update(changed, ["question_pk", "choice_pks"])


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_coordinators_see_attempts"),
    ]

    operations = [
        migrations.AddField(
            model_name="attemptanswer",
            name="choice_pks",
            field=models.JSONField(blank=True, default=list, verbose_name="chosen choice ids"),
        ),
        migrations.AddField(
            model_name="attemptanswer",
            name="question_pk",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="question id"),
        ),
        migrations.RunPython(fill_ids, migrations.RunPython.noop),
    ]
