import { api } from '../../lib/api';
import type {
  Appointment,
  AppointmentAction,
  AppointmentFilters,
  IsoDateTime,
  Paginated,
} from '../../lib/types';

function definedParams(filters: AppointmentFilters): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string | number>;
}

// Every change to an appointment also changes free slots, the doctor's next availability and
// the patient's history.
const AFTER_CHANGE = ['Appointment', 'Slots', 'Doctor', 'History'] as const;

export const appointmentsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listAppointments: build.query<Paginated<Appointment>, AppointmentFilters>({
      query: (filters) => ({ url: 'appointments/', params: definedParams(filters) }),
      providesTags: (result) => [
        'Appointment',
        ...(result?.results ?? []).map((a) => ({ type: 'Appointment' as const, id: a.id })),
      ],
    }),
    rescheduleAppointment: build.mutation<Appointment, { id: number; appointment_time: IsoDateTime }>({
      query: ({ id, appointment_time }) => ({
        url: `appointments/${id}/reschedule/`,
        method: 'POST',
        body: { appointment_time },
      }),
      invalidatesTags: [...AFTER_CHANGE],
    }),
    cancelAppointment: build.mutation<Appointment, { id: number; reason?: string }>({
      query: ({ id, reason }) => ({
        url: `appointments/${id}/cancel/`,
        method: 'POST',
        body: reason ? { reason } : {},
      }),
      invalidatesTags: (_result, error) => (error ? [] : [...AFTER_CHANGE]),
    }),
    changeAppointmentStatus: build.mutation<Appointment, { id: number; action: AppointmentAction }>({
      query: ({ id, action }) => ({ url: `appointments/${id}/${action}/`, method: 'POST' }),
      invalidatesTags: (_result, error) => (error ? [] : [...AFTER_CHANGE]),
    }),
  }),
});

export const {
  useListAppointmentsQuery,
  useRescheduleAppointmentMutation,
  useCancelAppointmentMutation,
  useChangeAppointmentStatusMutation,
} = appointmentsApi;
