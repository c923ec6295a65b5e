import { api } from '../../lib/api';
import type { Appointment, Paginated, WaitlistEntry, WaitlistJoinRequest, WaitlistStatus } from '../../lib/types';

// An answer to an offer changes the entry, the doctor's free slots and the patient's appointments.
const AFTER_ANSWER = ['Waitlist', 'Slots', 'Doctor', 'Appointment', 'History'] as const;

export const waitlistApi = api.injectEndpoints({
  endpoints: (build) => ({
    listWaitlist: build.query<Paginated<WaitlistEntry>, { status?: WaitlistStatus; doctor?: number } | void>({
      query: (filters) => ({ url: 'waitlist/', params: { page_size: 100, ...(filters ?? {}) } }),
      providesTags: ['Waitlist'],
    }),
    getWaitlistEntry: build.query<WaitlistEntry, number>({
      query: (id) => `waitlist/${id}/`,
      providesTags: (_result, _error, id) => [{ type: 'Waitlist', id }, 'Waitlist'],
    }),
    joinWaitlist: build.mutation<WaitlistEntry, WaitlistJoinRequest>({
      query: (body) => ({ url: 'waitlist/', method: 'POST', body }),
      invalidatesTags: (_result, error) => (error ? [] : ['Waitlist']),
    }),
    acceptOffer: build.mutation<Appointment, number>({
      query: (id) => ({ url: `waitlist/${id}/accept/`, method: 'POST' }),
      // Refetch on failure too: a 400 means the offer ran out, and the entry shows that.
      invalidatesTags: [...AFTER_ANSWER],
    }),
    declineOffer: build.mutation<WaitlistEntry, number>({
      query: (id) => ({ url: `waitlist/${id}/decline/`, method: 'POST' }),
      invalidatesTags: [...AFTER_ANSWER],
    }),
    cancelWaitlistEntry: build.mutation<WaitlistEntry, number>({
      query: (id) => ({ url: `waitlist/${id}/cancel/`, method: 'POST' }),
      invalidatesTags: [...AFTER_ANSWER],
    }),
  }),
});

export const {
  useListWaitlistQuery,
  useGetWaitlistEntryQuery,
  useJoinWaitlistMutation,
  useAcceptOfferMutation,
  useDeclineOfferMutation,
  useCancelWaitlistEntryMutation,
} = waitlistApi;
