import { api } from '../../lib/api';
import type { AppointmentSeries, IsoDateTime, Paginated, SeriesPlan, SeriesRequest } from '../../lib/types';

// A booked or cancelled series changes the doctor's free slots and the patient's history.
const AFTER_CHANGE = ['Series', 'Appointment', 'History', 'Slots', 'Doctor'] as const;

export const seriesApi = api.injectEndpoints({
  endpoints: (build) => ({
    listSeries: build.query<Paginated<AppointmentSeries>, { patient: number }>({
      query: ({ patient }) => ({ url: 'appointment-series/', params: { patient, page_size: 100 } }),
      providesTags: ['Series'],
    }),
    planSeries: build.mutation<SeriesPlan, SeriesRequest>({
      query: (body) => ({ url: 'appointment-series/', method: 'POST', params: { dry_run: 'true' }, body }),
    }),
    bookSeries: build.mutation<AppointmentSeries, SeriesRequest>({
      query: (body) => ({ url: 'appointment-series/', method: 'POST', body }),
      invalidatesTags: (_result, error) => (error ? [] : [...AFTER_CHANGE]),
    }),
    cancelSeriesRest: build.mutation<AppointmentSeries, { id: number; from?: IsoDateTime }>({
      query: ({ id, from }) => ({ url: `appointment-series/${id}/cancel/`, method: 'POST', body: from ? { from } : {} }),
      invalidatesTags: (_result, error) => (error ? [] : [...AFTER_CHANGE]),
    }),
  }),
});

export const { useListSeriesQuery, usePlanSeriesMutation, useBookSeriesMutation, useCancelSeriesRestMutation } = seriesApi;
