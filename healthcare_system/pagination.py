from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination


class FirstPagePaginator(Paginator):
    """Django's paginator, without the COUNT query when the first page holds every row.

    The first page is read with one row more than it shows: when that row is not there, the
    rows read are all there are, and their number is the count. Most appointment lists a
    patient opens fit on one page, so they cost one query instead of two; a longer list
    counts as before.
    """

    def page(self, number):
        if str(number) != "1" or self.orphans or "count" in self.__dict__:
            return super().page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) > self.per_page:
            return self._get_page(rows[: self.per_page], 1, self)
        if not rows and not self.allow_empty_first_page:
            return super().page(number)
        self.__dict__["count"] = len(rows)  # Paginator.count is a cached_property
        return self._get_page(rows, 1, self)


class StandardPagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (at most 100), as the API contract says."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class FirstPageCountPagination(StandardPagination):
    """The same pages; a first page that holds every row needs no COUNT (FirstPagePaginator)."""

    django_paginator_class = FirstPagePaginator
