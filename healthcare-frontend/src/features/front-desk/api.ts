import { api } from '../../lib/api';
import type { NewPatient, Paginated, Patient } from '../../lib/types';

// The front desk finds patients who call or come in, and registers new ones.
export const frontDeskApi = api.injectEndpoints({
  endpoints: (build) => ({
    searchPatients: build.query<Paginated<Patient>, string>({
      query: (search) => ({ url: 'patients/', params: { search, page_size: 10, ordering: 'user__last_name' } }),
      providesTags: ['Patient'],
    }),
    registerPatient: build.mutation<Patient, NewPatient>({
      query: (body) => ({ url: 'patients/', method: 'POST', body }),
      // Admins register patients too, from the users list.
      invalidatesTags: (_r, error) => (error ? [] : ['Patient', { type: 'User', id: 'LIST' }]),
    }),
  }),
});

export const { useSearchPatientsQuery, useRegisterPatientMutation } = frontDeskApi;
