import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { ChangePasswordCard, EmailVerificationState } from './account-security';
import { ForgotPasswordPage, ResetPasswordPage } from './password-reset-pages';

describe('password reset', () => {
  it('asks for the address and shows the same answer whatever it is', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/password-reset/', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ detail: 'If an account uses this address, we have sent it a link.' });
      }),
    );
    const { user } = renderWithProviders(<ForgotPasswordPage />);
    await user.type(screen.getByLabelText(/email/i), ' ada@example.com ');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByRole('status')).toHaveTextContent('If an account uses this address');
    expect(bodies).toEqual([{ email: 'ada@example.com' }]);
  });

  it('sets the new password with the uid and token of the link', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/password-reset/confirm/', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ detail: 'Your password has been changed.' });
      }),
    );
    const { user } = renderWithProviders(<ResetPasswordPage />, { route: '/reset-password?uid=Mw&token=abc-123' });
    await user.type(screen.getByLabelText(/^new password/i), 'Brand-New-Secret-81');
    await user.type(screen.getByLabelText(/^repeat/i), 'Brand-New-Secret-81');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByRole('heading', { name: 'Password changed' })).toBeInTheDocument();
    expect(bodies).toEqual([{ uid: 'Mw', token: 'abc-123', new_password: 'Brand-New-Secret-81' }]);
  });

  it('explains a used or expired link and offers a new one; a weak password sits at its field', async () => {
    server.use(
      http.post('/api/password-reset/confirm/', async ({ request }) => {
        const body = (await request.json()) as { new_password: string };
        return body.new_password === 'short'
          ? HttpResponse.json({ new_password: ['This password is too short.'] }, { status: 400 })
          : HttpResponse.json({ detail: 'This link is invalid, already used or expired.', code: 'invalid_link' }, { status: 400 });
      }),
    );
    const { user } = renderWithProviders(<ResetPasswordPage />, { route: '/reset-password?uid=Mw&token=old' });
    await user.type(screen.getByLabelText(/^new password/i), 'short');
    await user.type(screen.getByLabelText(/^repeat/i), 'short');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));
    await waitFor(() => expect(screen.getByLabelText(/^new password/i)).toHaveAccessibleDescription('This password is too short.'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.clear(screen.getByLabelText(/^new password/i));
    await user.type(screen.getByLabelText(/^new password/i), 'Long-Enough-Secret-9');
    await user.clear(screen.getByLabelText(/^repeat/i));
    await user.type(screen.getByLabelText(/^repeat/i), 'Long-Enough-Secret-9');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This link is invalid, already used or expired.');
    expect(alert).not.toHaveTextContent(/code/i);
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });
});

describe('account security on the profile', () => {
  it('changes the password and keeps the session with the fresh tokens', async () => {
    server.use(
      http.post('/api/me/password/', () =>
        HttpResponse.json({ detail: 'Your password has been changed.', access: 'new-access', refresh: 'new-refresh' }),
      ),
    );
    const { user, store } = renderWithProviders(<ChangePasswordCard />, { auth: { access: 'a', refresh: 'r' } });
    await user.type(screen.getByLabelText(/^current password/i), 'Old-Secret-1');
    await user.type(screen.getByLabelText(/^new password/i), 'Brand-New-Secret-81');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Other devices were signed out');
    expect(store.getState().auth).toEqual({ access: 'new-access', refresh: 'new-refresh' });
  });

  it('shows a wrong current password at its field', async () => {
    server.use(
      http.post('/api/me/password/', () =>
        HttpResponse.json({ old_password: ['Your current password is not correct.'] }, { status: 400 }),
      ),
    );
    const { user } = renderWithProviders(<ChangePasswordCard />, { auth: { access: 'a', refresh: 'r' } });
    await user.type(screen.getByLabelText(/^current password/i), 'wrong');
    await user.type(screen.getByLabelText(/^new password/i), 'Brand-New-Secret-81');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(screen.getByLabelText(/^current password/i)).toHaveAccessibleDescription('Your current password is not correct.'));
  });

  it('shows an unconfirmed address and sends the link again', async () => {
    server.use(http.post('/api/email-verification/', () => HttpResponse.json({ detail: 'We have sent a confirmation link to ada@example.com.' })));
    const me = buildMe('patient', { email: 'ada@example.com', email_verified: false });
    const { user } = renderWithProviders(<EmailVerificationState me={me} />, { auth: { access: 'a', refresh: 'r' } });
    expect(screen.getByRole('status')).toHaveTextContent('ada@example.com is not confirmed yet');
    await user.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText('We have sent a confirmation link to ada@example.com.')).toBeInTheDocument();
  });
});
