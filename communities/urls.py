from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("", views.sales_home, name="sales_home"),
    path("campaign/<int:campaign_id>/", views.campaign_sales, name="campaign_sales"),
    path("record/<int:sale_id>/edit/", views.sale_edit, name="sale_edit"),
    path("record/<int:sale_id>/delete/", views.sale_delete, name="sale_delete"),
]
