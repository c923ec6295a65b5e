import { api } from '../../lib/api';
import type { MedicalRecord, MedicalRecordInput, PatientHistory } from '../../lib/types';

export const recordsApi = api.injectEndpoints({
  endpoints: (build) => ({
    getPatientHistory: build.query<PatientHistory, number>({
      query: (patientId) => `patients/${patientId}/history/`,
      providesTags: (_result, _error, patientId) => [{ type: 'History', id: patientId }, 'History'],
    }),
    createMedicalRecord: build.mutation<MedicalRecord, MedicalRecordInput>({
      query: (body) => ({ url: 'medical-records/', method: 'POST', body }),
      invalidatesTags: (_result, error) => (error ? [] : ['History', 'MedicalRecord']),
    }),
    updateMedicalRecord: build.mutation<MedicalRecord, { id: number } & Omit<MedicalRecordInput, 'appointment'>>({
      query: ({ id, ...body }) => ({ url: `medical-records/${id}/`, method: 'PATCH', body }),
      invalidatesTags: (_result, error) => (error ? [] : ['History', 'MedicalRecord']),
    }),
  }),
});

export const { useGetPatientHistoryQuery, useCreateMedicalRecordMutation, useUpdateMedicalRecordMutation } = recordsApi;
