import { api } from './api';
import { unwrapList } from './list';
import type { Doctor, IsoDate, Paginated, Slot, VisitType } from './types';

// Doctor profile and free slots: shared because both booking (doctor page) and appointments
// (reschedule) show the one slot picker.
export const doctorApi = api.injectEndpoints({
  endpoints: (build) => ({
    getDoctor: build.query<Doctor, number>({
      query: (id) => `doctors/${id}/`,
      providesTags: (_result, _error, id) => [{ type: 'Doctor', id }],
    }),
    getDoctorSlots: build.query<
      Slot[],
      { doctorId: number; start: IsoDate; end: IsoDate; visitTypeId?: number | null }
    >({
      query: ({ doctorId, start, end, visitTypeId }) => ({
        url: `doctors/${doctorId}/slots/`,
        params: visitTypeId ? { start, end, visit_type: visitTypeId } : { start, end },
      }),
      providesTags: (_result, _error, { doctorId }) => [{ type: 'Slots', id: doctorId }, 'Slots'],
    }),
    /** A doctor's visit types (all of them; the pickers show the active ones). */
    listVisitTypes: build.query<VisitType[], number>({
      query: (doctor) => ({ url: 'visit-types/', params: { doctor, page_size: 100 } }),
      transformResponse: (response: VisitType[] | Paginated<VisitType>) => unwrapList(response),
      providesTags: (_result, _error, doctor) => [{ type: 'VisitType', id: doctor }, 'VisitType'],
    }),
  }),
});

export const { useGetDoctorQuery, useGetDoctorSlotsQuery, useListVisitTypesQuery } = doctorApi;
