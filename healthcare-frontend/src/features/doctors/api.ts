import { api } from '../../lib/api';
import { unwrapList } from '../../lib/list';
import type { Doctor, DoctorFilters, Paginated, Specialty } from '../../lib/types';

function definedParams(filters: DoctorFilters): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string | number>;
}

export const doctorsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listDoctors: build.query<Paginated<Doctor>, DoctorFilters>({
      query: (filters) => ({ url: 'doctors/', params: definedParams(filters) }),
      providesTags: (result) => [
        { type: 'Doctor', id: 'LIST' },
        ...(result?.results ?? []).map((doctor) => ({ type: 'Doctor' as const, id: doctor.id })),
      ],
    }),
    listSpecialties: build.query<Specialty[], void>({
      query: () => 'specialties/',
      // Tolerate a paginated answer as well as the plain list the contract promises.
      transformResponse: (response: Specialty[] | Paginated<Specialty>) => unwrapList(response),
      providesTags: ['Specialty'],
    }),
  }),
});

export const { useListDoctorsQuery, useListSpecialtiesQuery } = doctorsApi;
