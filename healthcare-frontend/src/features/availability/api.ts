import { api } from '../../lib/api';
import { unwrapList } from '../../lib/list';
import type {
  Appointment,
  IsoDate,
  LeaveDay,
  LeaveDayInput,
  Paginated,
  VisitType,
  VisitTypeInput,
  WorkingHours,
  WorkingHoursInput,
} from '../../lib/types';

// Hours and leaves change the free slots and the doctor's next availability.
const SLOTS = ['Slots', 'Doctor'] as const;

export const availabilityApi = api.injectEndpoints({
  endpoints: (build) => ({
    listWorkingHours: build.query<WorkingHours[], number>({
      query: (doctor) => ({ url: 'working-hours/', params: { doctor, page_size: 100 } }),
      transformResponse: (response: WorkingHours[] | Paginated<WorkingHours>) => unwrapList(response),
      providesTags: ['WorkingHours'],
    }),
    createWorkingHours: build.mutation<WorkingHours, WorkingHoursInput>({
      query: (body) => ({ url: 'working-hours/', method: 'POST', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['WorkingHours', ...SLOTS]),
    }),
    updateWorkingHours: build.mutation<WorkingHours, Partial<WorkingHoursInput> & { id: number }>({
      query: ({ id, ...body }) => ({ url: `working-hours/${id}/`, method: 'PATCH', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['WorkingHours', ...SLOTS]),
    }),
    deleteWorkingHours: build.mutation<void, number>({
      query: (id) => ({ url: `working-hours/${id}/`, method: 'DELETE' }),
      invalidatesTags: (_r, error) => (error ? [] : ['WorkingHours', ...SLOTS]),
    }),
    createVisitType: build.mutation<VisitType, VisitTypeInput>({
      query: (body) => ({ url: 'visit-types/', method: 'POST', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['VisitType', ...SLOTS]),
    }),
    updateVisitType: build.mutation<VisitType, Partial<VisitTypeInput> & { id: number }>({
      query: ({ id, ...body }) => ({ url: `visit-types/${id}/`, method: 'PATCH', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['VisitType', ...SLOTS]),
    }),
    deleteVisitType: build.mutation<void, number>({
      query: (id) => ({ url: `visit-types/${id}/`, method: 'DELETE' }),
      invalidatesTags: (_r, error) => (error ? [] : ['VisitType', ...SLOTS]),
    }),
    listLeaveDays: build.query<LeaveDay[], number>({
      query: (doctor) => ({ url: 'leave-days/', params: { doctor, page_size: 100 } }),
      transformResponse: (response: LeaveDay[] | Paginated<LeaveDay>) => unwrapList(response),
      providesTags: ['LeaveDay'],
    }),
    createLeaveDay: build.mutation<LeaveDay, LeaveDayInput>({
      query: (body) => ({ url: 'leave-days/', method: 'POST', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['LeaveDay', ...SLOTS]),
    }),
    deleteLeaveDay: build.mutation<void, number>({
      query: (id) => ({ url: `leave-days/${id}/`, method: 'DELETE' }),
      invalidatesTags: (_r, error) => (error ? [] : ['LeaveDay', ...SLOTS]),
    }),
    /** The doctor's appointments in a leave's date range, to describe its conflicts. */
    leaveConflicts: build.query<Appointment[], { doctor: number; date_from: IsoDate; date_to: IsoDate }>({
      query: (params) => ({ url: 'appointments/', params: { ...params, ordering: 'appointment_time', page_size: 100 } }),
      transformResponse: (response: Appointment[] | Paginated<Appointment>) => unwrapList(response),
      providesTags: ['Appointment'],
    }),
  }),
});

export const {
  useListWorkingHoursQuery,
  useCreateWorkingHoursMutation,
  useUpdateWorkingHoursMutation,
  useDeleteWorkingHoursMutation,
  useListLeaveDaysQuery,
  useCreateLeaveDayMutation,
  useDeleteLeaveDayMutation,
  useLeaveConflictsQuery,
  useCreateVisitTypeMutation,
  useUpdateVisitTypeMutation,
  useDeleteVisitTypeMutation,
} = availabilityApi;
