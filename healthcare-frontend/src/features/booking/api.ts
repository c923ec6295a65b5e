import { api } from '../../lib/api';
import type { Appointment, BookingRequest } from '../../lib/types';

export const bookingApi = api.injectEndpoints({
  endpoints: (build) => ({
    bookAppointment: build.mutation<Appointment, { body: BookingRequest; idempotencyKey: string }>({
      query: ({ body, idempotencyKey }) => ({
        url: 'book-appointment/',
        method: 'POST',
        body,
        // The same key on a retry makes the server replay the first answer instead of booking twice.
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
      // Success or a 409 both change what is free: refetch the slots either way.
      invalidatesTags: (_result, _error, { body }) => [
        { type: 'Slots', id: body.doctor },
        { type: 'Doctor', id: body.doctor },
        { type: 'Doctor', id: 'LIST' },
        'Appointment',
        'History',
      ],
    }),
  }),
});

export const { useBookAppointmentMutation } = bookingApi;
