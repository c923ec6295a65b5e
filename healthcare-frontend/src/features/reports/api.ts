import { api } from '../../lib/api';
import type { AppointmentsReport, ReportQuery, RevenueReport } from '../../lib/types';

function params(query: ReportQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
}

export const reportsApi = api.injectEndpoints({
  endpoints: (build) => ({
    appointmentsReport: build.query<AppointmentsReport, ReportQuery>({
      query: (query) => ({ url: 'reports/appointments/', params: params(query) }),
      providesTags: ['Report'],
    }),
    revenueReport: build.query<RevenueReport, ReportQuery>({
      query: (query) => ({ url: 'reports/revenue/', params: params(query) }),
      providesTags: ['Report'],
    }),
  }),
});

export const { useAppointmentsReportQuery, useRevenueReportQuery } = reportsApi;
