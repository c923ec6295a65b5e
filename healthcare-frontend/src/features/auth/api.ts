import { api } from '../../lib/api';
import { tokensReceived } from '../../lib/auth-slice';
import type { Credentials, Detail, RegistrationRequest, RegistrationResponse, TokenPair } from '../../lib/types';

export const authApi = api.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<TokenPair, Credentials>({
      query: (body) => ({ url: 'token/', method: 'POST', body }),
      async onQueryStarted(_credentials, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: null }));
        if (data) dispatch(tokensReceived(data));
      },
    }),
    register: build.mutation<RegistrationResponse, RegistrationRequest>({
      query: (body) => ({ url: 'registrations/', method: 'POST', body }),
    }),
    requestPasswordReset: build.mutation<Detail, { email: string }>({
      query: (body) => ({ url: 'password-reset/', method: 'POST', body }),
    }),
    confirmPasswordReset: build.mutation<Detail, { uid: string; token: string; new_password: string }>({
      query: (body) => ({ url: 'password-reset/confirm/', method: 'POST', body }),
    }),
    changePassword: build.mutation<Detail & TokenPair, { old_password: string; new_password: string }>({
      query: (body) => ({ url: 'me/password/', method: 'POST', body }),
      // Every other session ended; this one carries on with the fresh pair.
      async onQueryStarted(_body, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: null }));
        if (data) dispatch(tokensReceived({ access: data.access, refresh: data.refresh }));
      },
    }),
    resendEmailVerification: build.mutation<Detail, void>({
      query: () => ({ url: 'email-verification/', method: 'POST' }),
    }),
    confirmEmail: build.mutation<Detail, { uid: string; token: string }>({
      query: (body) => ({ url: 'email-verification/confirm/', method: 'POST', body }),
      invalidatesTags: ['Me'],
    }),
  }),
});

export const {
  useLoginMutation,
  useRegisterMutation,
  useRequestPasswordResetMutation,
  useConfirmPasswordResetMutation,
  useChangePasswordMutation,
  useResendEmailVerificationMutation,
  useConfirmEmailMutation,
} = authApi;
