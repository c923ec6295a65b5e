import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { SecurityPage } from './security-page';

const CODES = ['a1b2c3d4', 'e5f6g7h8', 'i9j0k1l2'];

describe('SecurityPage', () => {
  it('sets up an authenticator: QR code and key, a code turns it on, recovery codes shown once', async () => {
    let enabled = false;
    let confirmBody: unknown;
    server.use(
      http.get('/api/me/mfa/', () =>
        HttpResponse.json({ enabled, required: true, recovery_codes_left: enabled ? CODES.length : 0 }),
      ),
      http.post('/api/me/mfa/setup/', () =>
        HttpResponse.json({ secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }),
      ),
      http.post('/api/me/mfa/confirm/', async ({ request }) => {
        confirmBody = await request.json();
        if ((confirmBody as { otp: string }).otp !== '654321') {
          return HttpResponse.json({ otp: ['This code is not valid.'] }, { status: 400 });
        }
        enabled = true;
        return HttpResponse.json({ recovery_codes: CODES, access: 'new-access', refresh: 'new-refresh' });
      }),
    );
    const { user, store } = renderWithProviders(<SecurityPage />, { auth: { access: 'a', refresh: 'r' } });

    expect(await screen.findByRole('alert')).toHaveTextContent(/clinic requires two-factor authentication/i);
    await user.click(screen.getByRole('button', { name: /set up an authenticator app/i }));
    expect(await screen.findByRole('img', { name: /qr code/i })).toBeInTheDocument();
    expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/code/i), '111111');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(screen.getByLabelText(/code/i)).toHaveAccessibleDescription('This code is not valid.'));

    await user.clear(screen.getByLabelText(/code/i));
    await user.type(screen.getByLabelText(/code/i), '654321');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(CODES);
    expect(store.getState().auth.access).toBe('new-access');

    await user.click(screen.getByRole('button', { name: /i have saved my recovery codes/i }));
    expect(await screen.findByText(/recovery codes left: 3/i)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
  });

  it('turns it off with a current code', async () => {
    let enabled = true;
    server.use(
      http.get('/api/me/mfa/', () => HttpResponse.json({ enabled, required: enabled, recovery_codes_left: 8 })),
      http.post('/api/me/mfa/disable/', () => {
        enabled = false;
        return HttpResponse.json({ enabled: false, required: false, recovery_codes_left: 0 });
      }),
    );
    const { user } = renderWithProviders(<SecurityPage />, { auth: { access: 'a', refresh: 'r' } });
    expect(await screen.findByText(/recovery codes left: 8/i)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/code/i), '123456');
    await user.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByRole('button', { name: /set up an authenticator app/i })).toBeInTheDocument();
  });
});
