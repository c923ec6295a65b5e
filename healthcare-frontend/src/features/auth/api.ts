import { api } from '../../lib/api';
import { tokensReceived } from '../../lib/auth-slice';
import type { Credentials, RegistrationRequest, RegistrationResponse, TokenPair } from '../../lib/types';

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
  }),
});

export const { useLoginMutation, useRegisterMutation } = authApi;
