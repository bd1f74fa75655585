from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from cablewatch.spotcheck import views_lab, views_plans, views_public, views_samples

app_name = "spotcheck"

urlpatterns: list[URLPattern | URLResolver] = [
    path("plans/", views_plans.plan_list, name="plan-list"),
    path("plans/create/", views_plans.plan_create, name="plan-create"),
    path("plans/public/", views_plans.public_plans, name="public-plans"),
    path("plans/<int:pk>/edit/", views_plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/delete/", views_plans.plan_delete, name="plan-delete"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/publish/", views_plans.plan_publish, name="plan-publish"),
    path("plans/<int:pk>/draw/run/", views_plans.plan_draw, name="plan-draw"),
    path("plans/<int:pk>/draw/", views_plans.public_draw, name="public-draw"),
    path("plans/<int:pk>/draw/inputs.json", views_plans.public_draw_inputs, name="public-inputs"),
    path("draw/test-vectors.json", views_plans.draw_test_vectors, name="draw-vectors"),
    path("tasks/", views_samples.task_list, name="task-list"),
    path("tasks/<int:pk>/sample/", views_samples.task_sample, name="task-sample"),
    path("tasks/<int:pk>/not-sampled/", views_samples.task_not_sampled, name="task-not-sampled"),
    path("samples/", views_samples.sample_list, name="sample-list"),
    path("samples/<int:pk>/", views_samples.sample_detail, name="sample-detail"),
    path("samples/<int:pk>/record/", views_samples.sampling_record, name="sampling-record"),
    path("samples/<int:pk>/recheck/", views_samples.schedule_recheck, name="schedule-recheck"),
    path("photos/<int:pk>/", views_samples.sample_photo, name="sample-photo"),
    path("reports/<str:number>.pdf", views_samples.report_pdf, name="report-pdf"),
    path("reports/<str:number>/notice.pdf", views_samples.notice_pdf, name="notice-pdf"),
    path("dashboard/", views_samples.dashboard, name="dashboard"),
    path("lab/", views_lab.lab_queue, name="lab-queue"),
    path("lab/worksheet/", views_lab.lab_worksheet, name="lab-worksheet"),
    path("lab/<str:code>/", views_lab.lab_sample, name="lab-sample"),
    path("lab/<str:code>/enter/", views_lab.lab_enter, name="lab-enter"),
    path("lab/<str:code>/review/", views_lab.lab_review, name="lab-review"),
    path("results/", views_public.my_results, name="my-results"),
    path("results/<int:pk>/", views_public.my_result, name="my-result"),
    path("verify/", views_public.verify_upload, name="verify"),
]
