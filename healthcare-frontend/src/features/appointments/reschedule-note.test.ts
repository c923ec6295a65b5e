import { describe, expect, it } from 'vitest';
import { buildAppointment, buildSettings } from '../../testing/builders';
import { moveConfirmationNote } from './reschedule-dialog';

describe('what a move does to the confirmation', () => {
  it("tells a patient a confirmed visit needs the doctor's confirmation again", () => {
    const confirmed = buildAppointment({ status: 'confirmed' });
    expect(moveConfirmationNote(confirmed, 'patient', buildSettings({ auto_confirm: false }))).toMatch(/confirmation again/);
  });

  it('says nothing changes when bookings confirm themselves or staff move it', () => {
    const confirmed = buildAppointment({ status: 'confirmed' });
    expect(moveConfirmationNote(confirmed, 'patient', buildSettings({ auto_confirm: true }))).toMatch(/stays confirmed/);
    expect(moveConfirmationNote(confirmed, 'doctor', buildSettings({ auto_confirm: false }))).toMatch(/stays confirmed/);
  });

  it('says a pending visit stays pending', () => {
    const pending = buildAppointment({ status: 'pending' });
    expect(moveConfirmationNote(pending, 'patient', buildSettings())).toMatch(/stays pending/);
  });
});
