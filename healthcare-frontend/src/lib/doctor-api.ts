import { api } from './api';
import type { Doctor, IsoDate, Slot } from './types';

// Doctor profile and free slots: shared because both booking (doctor page) and appointments
// (reschedule) show the one slot picker.
export const doctorApi = api.injectEndpoints({
  endpoints: (build) => ({
    getDoctor: build.query<Doctor, number>({
      query: (id) => `doctors/${id}/`,
      providesTags: (_result, _error, id) => [{ type: 'Doctor', id }],
    }),
    getDoctorSlots: build.query<Slot[], { doctorId: number; start: IsoDate; end: IsoDate }>({
      query: ({ doctorId, start, end }) => ({ url: `doctors/${doctorId}/slots/`, params: { start, end } }),
      providesTags: (_result, _error, { doctorId }) => [{ type: 'Slots', id: doctorId }, 'Slots'],
    }),
  }),
});

export const { useGetDoctorQuery, useGetDoctorSlotsQuery } = doctorApi;
