from django.contrib import admin

from beatbook.surveys.models import Question, Survey, Wave


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "access", "demonstration", "created"]
    inlines = [QuestionInline]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["survey", "name", "opens", "closes"]
