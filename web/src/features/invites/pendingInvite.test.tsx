import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, setCurrentUser } from '../../api/session';
import { Welcome } from '../shell/Welcome';
import { rememberPendingInvite, takePendingInvite } from './pendingInvite';

afterEach(() => {
  cleanup();
  clearSession();
  sessionStorage.clear();
});

function InviteMarker() {
  const { code } = useParams();
  return <p>invite {code}</p>;
}

function renderAppLanding() {
  setCurrentUser({
    id: 'u1',
    username: 'ann',
    display_name: 'Ann',
    avatar_url: null,
    created_at: '2026-12-01T00:00:00.000Z',
  });
  render(
    <MemoryRouter initialEntries={['/app']}>
      <Routes>
        <Route path="/app" element={<Welcome />} />
        <Route path="/invite/:code" element={<InviteMarker />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('an invite opened before signing in', () => {
  it('is kept once and given back once', () => {
    rememberPendingInvite('abc');
    expect(takePendingInvite()).toBe('abc');
    expect(takePendingInvite()).toBeNull();
  });

  it('brings someone who signed in through a provider (landing on /app) back to it', async () => {
    rememberPendingInvite('CODE123');
    renderAppLanding();
    expect(await screen.findByText('invite CODE123')).toBeTruthy();
    expect(takePendingInvite()).toBeNull();
  });

  it('leaves /app alone when there is none', () => {
    renderAppLanding();
    expect(screen.getByRole('heading', { name: /Welcome/ })).toBeTruthy();
  });
});
