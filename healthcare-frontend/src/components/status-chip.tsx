import Chip from '@mui/material/Chip';
import type { AppointmentStatus } from '../lib/types';

const LABEL: Record<AppointmentStatus, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
};

const COLOR: Record<AppointmentStatus, 'warning' | 'success' | 'default' | 'info' | 'error'> = {
  pending: 'warning',
  confirmed: 'success',
  cancelled: 'default',
  completed: 'info',
  no_show: 'error',
};

export function statusLabel(status: AppointmentStatus): string {
  return LABEL[status] ?? status;
}

export function StatusChip({ status }: { status: AppointmentStatus }) {
  return <Chip size="small" variant="outlined" color={COLOR[status] ?? 'default'} label={LABEL[status] ?? status} />;
}
