import { api } from '../../lib/api';
import type { ErasureRequest, Paginated } from '../../lib/types';

export type ExportFormat = 'json' | 'html';

export const privacyApi = api
  .enhanceEndpoints({ addTagTypes: ['ErasureRequest'] })
  .injectEndpoints({
    endpoints: (build) => ({
      getMyErasureRequest: build.query<ErasureRequest | null, void>({
        // 404 means "none asked for yet": an answer, not an error.
        query: () => ({ url: 'me/erasure-request/', validateStatus: (r) => r.status === 200 || r.status === 404 }),
        transformResponse: (body: ErasureRequest | { detail: string }) => ('id' in body ? body : null),
        providesTags: ['ErasureRequest'],
      }),
      requestErasure: build.mutation<ErasureRequest, void>({
        query: () => ({ url: 'me/erasure-request/', method: 'POST' }),
        invalidatesTags: (_r, error) => (error ? [] : ['ErasureRequest']),
      }),
      listErasureRequests: build.query<Paginated<ErasureRequest>, { status?: string }>({
        query: (params) => ({ url: 'erasure-requests/', params }),
        providesTags: ['ErasureRequest'],
      }),
      executeErasure: build.mutation<ErasureRequest, number>({
        query: (id) => ({ url: `erasure-requests/${id}/execute/`, method: 'POST' }),
        invalidatesTags: (_r, error) => (error ? [] : ['ErasureRequest', 'User']),
      }),
      downloadMyData: build.mutation<Blob, ExportFormat>({
        query: (format) => ({
          url: 'me/data-export/',
          params: { format },
          responseHandler: (response) => response.blob(),
        }),
      }),
    }),
  });

export const {
  useGetMyErasureRequestQuery,
  useRequestErasureMutation,
  useListErasureRequestsQuery,
  useExecuteErasureMutation,
  useDownloadMyDataMutation,
} = privacyApi;
