import { api } from '../../lib/api';
import type { AdminUser, ClinicSettings, Doctor, NewDoctor, Paginated, Role, UserFilters } from '../../lib/types';

export const adminApi = api.injectEndpoints({
  endpoints: (build) => ({
    listUsers: build.query<Paginated<AdminUser>, UserFilters & { page_size?: number }>({
      query: (filters) => ({
        url: 'users/',
        params: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')),
      }),
      providesTags: (result) => [
        { type: 'User', id: 'LIST' },
        ...(result?.results ?? []).map((u) => ({ type: 'User' as const, id: u.id })),
      ],
    }),
    updateUser: build.mutation<AdminUser, { id: number; role?: Role; is_active?: boolean }>({
      query: ({ id, ...body }) => ({ url: `users/${id}/`, method: 'PATCH', body }),
      invalidatesTags: (_r, error, { id }) => (error ? [] : [{ type: 'User', id }, { type: 'User', id: 'LIST' }, 'Doctor']),
    }),
    createDoctor: build.mutation<Doctor, NewDoctor>({
      query: (body) => ({ url: 'doctors/', method: 'POST', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['Doctor', 'Specialty', { type: 'User', id: 'LIST' }]),
    }),
    updateSettings: build.mutation<ClinicSettings, Partial<ClinicSettings>>({
      query: (body) => ({ url: 'settings/', method: 'PATCH', body }),
      invalidatesTags: (_r, error) => (error ? [] : ['Settings', 'Slots', 'Doctor']),
    }),
  }),
});

export const { useListUsersQuery, useUpdateUserMutation, useCreateDoctorMutation, useUpdateSettingsMutation } = adminApi;
