import { api } from '../../lib/api';
import type { CalendarFeed } from '../../lib/types';

export const calendarFeedApi = api.enhanceEndpoints({ addTagTypes: ['CalendarFeed'] }).injectEndpoints({
  endpoints: (build) => ({
    getCalendarFeed: build.query<CalendarFeed, void>({
      query: () => 'calendar-feed/',
      providesTags: ['CalendarFeed'],
    }),
    newCalendarFeed: build.mutation<CalendarFeed, void>({
      query: () => ({ url: 'calendar-feed/', method: 'POST' }),
      invalidatesTags: (_r, error) => (error ? [] : ['CalendarFeed']),
    }),
    deleteCalendarFeed: build.mutation<void, void>({
      query: () => ({ url: 'calendar-feed/', method: 'DELETE' }),
      invalidatesTags: (_r, error) => (error ? [] : ['CalendarFeed']),
    }),
  }),
});

export const { useGetCalendarFeedQuery, useNewCalendarFeedMutation, useDeleteCalendarFeedMutation } = calendarFeedApi;
