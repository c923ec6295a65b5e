from django.urls import path

from . import views

urlpatterns = [
    path("visit-links/<str:token>/", views.VisitLinkView.as_view(), name="visit-link"),
    path("sms/replies/", views.SmsReplyView.as_view(), name="sms-replies"),
    path("calendar-feed/", views.CalendarFeedView.as_view(), name="calendar-feed"),
    path("calendar-feeds/<str:token>.ics", views.CalendarFeedIcsView.as_view(), name="calendar-feed-ics"),
]
