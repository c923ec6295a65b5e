import { useState } from 'react';
import { NoticeSnackbar, type Notice } from '../../components/notice-snackbar';
import { errorMessage } from '../../lib/errors';
import type { Appointment, AppointmentAction } from '../../lib/types';
import { useChangeAppointmentStatusMutation } from './api';
import { CancelDialog } from './cancel-dialog';

/**
 * What staff do to visits in a list (the doctor's week, the front desk's day): status changes
 * with a notice of how they went, and cancelling without the patients' cut-off. Render `dialogs`
 * once on the page.
 */
export function useVisitActions() {
  const [changeStatus, change] = useChangeAppointmentStatusMutation();
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function act(appointment: Appointment, action: AppointmentAction, done: string) {
    const result = await changeStatus({ id: appointment.id, action });
    setNotice('error' in result ? { severity: 'error', text: errorMessage(result.error, { includeFields: true }) } : { severity: 'success', text: done });
  }

  const dialogs = (
    <>
      {cancelling && (
        <CancelDialog
          appointment={cancelling}
          enforceCutoff={false}
          onClose={(cancelled) => {
            setCancelling(null);
            if (cancelled) setNotice({ severity: 'success', text: 'Appointment cancelled.' });
          }}
        />
      )}
      <NoticeSnackbar notice={notice} onClose={() => setNotice(null)} />
    </>
  );

  return {
    act,
    /** The visit whose status change is under way, if any. */
    busyId: change.isLoading ? (change.originalArgs?.id ?? null) : null,
    cancel: setCancelling,
    notify: setNotice,
    dialogs,
  };
}
