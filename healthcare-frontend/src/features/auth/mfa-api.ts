import { api } from '../../lib/api';
import { tokensReceived } from '../../lib/auth-slice';
import type { MfaConfirmed, MfaSetup, MfaStatus } from '../../lib/types';

/** Two-factor authentication of the signed-in account (/api/me/mfa/...). */
export const mfaApi = api.injectEndpoints({
  endpoints: (build) => ({
    getMfaStatus: build.query<MfaStatus, void>({
      query: () => 'me/mfa/',
      providesTags: ['Mfa'],
    }),
    startMfaSetup: build.mutation<MfaSetup, void>({
      query: () => ({ url: 'me/mfa/setup/', method: 'POST' }),
    }),
    confirmMfa: build.mutation<MfaConfirmed, { otp: string }>({
      query: (body) => ({ url: 'me/mfa/confirm/', method: 'POST', body }),
      invalidatesTags: ['Mfa'],
      // Turning it on ends every other session and answers a new pair for this one.
      async onQueryStarted(_body, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: null }));
        if (data) dispatch(tokensReceived({ access: data.access, refresh: data.refresh }));
      },
    }),
    renewRecoveryCodes: build.mutation<{ recovery_codes: string[] }, { otp: string }>({
      query: (body) => ({ url: 'me/mfa/recovery-codes/', method: 'POST', body }),
      invalidatesTags: ['Mfa'],
    }),
    disableMfa: build.mutation<MfaStatus, { otp: string }>({
      query: (body) => ({ url: 'me/mfa/disable/', method: 'POST', body }),
      invalidatesTags: ['Mfa'],
    }),
  }),
});

export const {
  useGetMfaStatusQuery,
  useStartMfaSetupMutation,
  useConfirmMfaMutation,
  useRenewRecoveryCodesMutation,
  useDisableMfaMutation,
} = mfaApi;
