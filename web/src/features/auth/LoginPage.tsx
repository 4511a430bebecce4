import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { acceptTokens } from '../../api/session';
import { LogoMark } from '../../components/Logo';
import { Spinner } from '../../components/Spinner';
import { safeNext } from '../../lib/navigation';
import { DELETED_PARAM, ENDED_BY_SERVER, ENDED_PARAM } from './signOutEverywhere';
import { useDevLoginAvailable } from './useDevLoginAvailable';
import { useSession } from './useSession';
import './auth.css';

const DEV_PROVIDER_IDS = new Set(['dev', 'development']);

export function LoginPage() {
  const { status, user } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const providers = useQuery({ queryKey: queryKeys.providers, queryFn: authApi.providers });
  const oauthProviders = providers.data?.providers.filter((p) => !DEV_PROVIDER_IDS.has(p.id)) ?? [];
  const devListed = providers.data
    ? providers.data.providers.some((p) => DEV_PROVIDER_IDS.has(p.id))
    : undefined;
  const devProbe = useDevLoginAvailable(devListed);
  const devAvailable = devListed === true || devProbe.data === true;

  if (status === 'authenticated' && user) {
    return (
      <Navigate
        to={user.username ? next : `/setup-username?next=${encodeURIComponent(next)}`}
        replace
      />
    );
  }

  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="login-title">
        <div className="auth-brand">
          <LogoMark size={56} />
          <h1 id="login-title">Sign in to Natter</h1>
          <p className="auth-tagline">Fast, private conversations on a server you run.</p>
        </div>
        {params.get(ENDED_PARAM) === ENDED_BY_SERVER && (
          <p className="alert alert-info" role="status">
            You have been signed out: this sign-in was ended on another device or tab, or revoked.
            Sign in again to continue.
          </p>
        )}
        {params.get(DELETED_PARAM) && (
          <p className="alert alert-info" role="status">
            Your account was deleted. Thank you for having been here.
          </p>
        )}
        {params.get('error') === 'suspended' ? (
          <p className="alert alert-error" role="alert">
            This account is suspended by the server&apos;s admins. Contact them if you think this is
            a mistake.
          </p>
        ) : params.get('error') ? (
          <p className="alert alert-error" role="alert">
            Sign-in did not complete. Please try again.
          </p>
        ) : null}
        {providers.isPending || status === 'loading' ? (
          <div className="auth-loading">
            <Spinner label="Loading sign-in options" />
          </div>
        ) : providers.isError ? (
          <p className="alert alert-error" role="alert">
            Could not reach the server: {errorMessage(providers.error)}{' '}
            <button type="button" className="link-btn" onClick={() => void providers.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <div className="auth-options">
            {oauthProviders.map((provider) => (
              <a
                key={provider.id}
                className="btn btn-outline btn-block provider-btn"
                href={authApi.providerStartUrl(provider.id)}
              >
                Continue with {provider.name}
              </a>
            ))}
            {oauthProviders.length > 0 && devAvailable && (
              <div className="auth-divider" role="separator">
                <span>or</span>
              </div>
            )}
            {devAvailable && <DevLoginForm />}
            {oauthProviders.length === 0 && !devAvailable && !devProbe.isPending && (
              <p className="auth-note">
                No sign-in method is configured on this server. Ask its administrator to set up a
                provider.
              </p>
            )}
          </div>
        )}
      </section>
      <p className="auth-footer">Natter · open source, self-hosted chat</p>
    </main>
  );
}

function DevLoginForm() {
  const [name, setName] = useState('');
  const login = useMutation({
    mutationFn: (value: string) => authApi.devLogin(value),
    onSuccess: (tokens) => acceptTokens(tokens),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) login.mutate(name.trim());
  };
  const notEnabled = login.error instanceof ApiError && login.error.status === 404;
  return (
    <form className="dev-login" onSubmit={submit} aria-labelledby="dev-login-title">
      <h2 id="dev-login-title" className="dev-login-title">
        Development sign-in
      </h2>
      <div className="field">
        <label className="field-label" htmlFor="dev-name">
          Name
        </label>
        <input
          id="dev-name"
          className="input"
          placeholder="Your name, e.g. alice"
          autoComplete="username"
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value)}
        />
        <span className="field-hint">
          For local testing: signs in the local identity with this name.
        </span>
      </div>
      {login.isError && (
        <p className="alert alert-error" role="alert">
          {notEnabled
            ? 'The development login is not enabled on this server.'
            : errorMessage(login.error)}
        </p>
      )}
      <button
        type="submit"
        className="btn btn-primary btn-block"
        disabled={!name.trim() || login.isPending}
      >
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
