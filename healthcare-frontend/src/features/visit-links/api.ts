import { api } from '../../lib/api';
import type { IsoDateTime } from '../../lib/types';

export type VisitLinkAction = 'confirm' | 'cancel' | 'reschedule';

/** A link from a confirmation or reminder message: what it does and whether it still works. */
export interface VisitLink {
  action: VisitLinkAction;
  state: 'ready' | 'used' | 'expired';
  detail: string;
  cancellation_cutoff_hours: number;
  appointment: {
    id: number;
    status: string;
    appointment_time: IsoDateTime;
    end_time: IsoDateTime;
    patient_confirmed_at: IsoDateTime | null;
    doctor: { id: number; name: string; specialty: string };
    timezone: string;
  };
}

export const visitLinkApi = api.injectEndpoints({
  endpoints: (build) => ({
    getVisitLink: build.query<VisitLink, string>({
      query: (token) => `visit-links/${encodeURIComponent(token)}/`,
    }),
    answerVisitLink: build.mutation<VisitLink, { token: string; appointment_time?: IsoDateTime; reason?: string }>({
      query: ({ token, ...body }) => ({ url: `visit-links/${encodeURIComponent(token)}/`, method: 'POST', body }),
      invalidatesTags: ['Appointment', 'Slots'],
    }),
  }),
});

export const { useGetVisitLinkQuery, useAnswerVisitLinkMutation } = visitLinkApi;
