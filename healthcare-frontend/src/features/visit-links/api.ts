import { api } from '../../lib/api';
import type { VisitLink, VisitLinkAnswer } from '../../lib/types';

export const visitLinkApi = api.injectEndpoints({
  endpoints: (build) => ({
    getVisitLink: build.query<VisitLink, string>({
      query: (token) => `visit-links/${encodeURIComponent(token)}/`,
    }),
    answerVisitLink: build.mutation<VisitLink, { token: string } & VisitLinkAnswer>({
      query: ({ token, ...body }) => ({ url: `visit-links/${encodeURIComponent(token)}/`, method: 'POST', body }),
      invalidatesTags: ['Appointment', 'Slots'],
    }),
  }),
});

export const { useGetVisitLinkQuery, useAnswerVisitLinkMutation } = visitLinkApi;
