import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import { setCurrentUser } from '../../api/session';
import { LogoMark } from '../../components/Logo';
import { suggestUsername, usernameProblem, USERNAME_MAX, USERNAME_MIN } from '../../lib/username';
import { safeNext } from '../../lib/navigation';
import { useMe } from './useSession';
import './auth.css';

type Availability = 'checking' | 'available' | 'taken' | 'unknown' | 'deferred';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function SetupUsernamePage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState(() => me.username ?? suggestUsername(me.display_name));
  const candidate = username.trim();
  const problem = usernameProblem(candidate);
  const debounced = useDebounced(candidate, 300);

  const availabilityQuery = useQuery({
    queryKey: ['username-availability', debounced],
    enabled: !problem && debounced === candidate,
    retry: false,
    staleTime: 10_000,
    queryFn: async ({ signal }): Promise<Availability> => {
      try {
        const user = await usersApi.byUsername(debounced, signal);
        return user.id === me.id ? 'available' : 'taken';
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return 'available';
        // A server that lets only users with a username look others up: it decides on save.
        if (error instanceof ApiError && error.status === 403) return 'deferred';
        return 'unknown';
      }
    },
  });
  const availability: Availability | null = problem
    ? null
    : debounced !== candidate || availabilityQuery.isPending
      ? 'checking'
      : (availabilityQuery.data ?? 'unknown');

  const claim = useMutation({
    mutationFn: (name: string) => usersApi.claimUsername(name),
    onSuccess: (user) => {
      setCurrentUser(user);
      navigate(next, { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!problem && availability !== 'taken') claim.mutate(candidate);
  };

  const serverProblem =
    claim.error instanceof ApiError
      ? claim.error.status === 409
        ? 'That username was just taken. Try another.'
        : (claim.error.fields.username ?? claim.error.message)
      : claim.error
        ? errorMessage(claim.error)
        : null;

  const hint =
    username.length === 0
      ? null
      : problem
        ? { text: problem, tone: 'is-error' }
        : availability === 'checking'
          ? { text: 'Checking…', tone: '' }
          : availability === 'available'
            ? { text: `@${candidate} is available`, tone: 'is-ok' }
            : availability === 'taken'
              ? { text: `@${candidate} is taken`, tone: 'is-error' }
              : availability === 'deferred'
                ? { text: 'Availability is checked when you continue.', tone: '' }
                : { text: 'Could not check availability right now.', tone: '' };

  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="setup-title">
        <div className="auth-brand">
          <LogoMark size={48} />
          <h1 id="setup-title">Choose your username</h1>
          <p className="auth-tagline">
            Welcome, {me.display_name}. People find you on Natter by your username.
          </p>
        </div>
        <form onSubmit={submit} className="auth-options" noValidate>
          <div className="field">
            <label className="field-label" htmlFor="username">
              Username
            </label>
            <div className="input-prefix">
              <span aria-hidden="true">@</span>
              <input
                id="username"
                className="input"
                value={username}
                autoFocus
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={USERNAME_MAX + 8}
                aria-invalid={Boolean(problem && username) || availability === 'taken'}
                aria-describedby="username-hint username-rules"
                onChange={(e) => setUsername(e.target.value.toLowerCase())}
              />
            </div>
            <span
              id="username-hint"
              className={`field-hint ${hint?.tone ?? ''}`}
              aria-live="polite"
            >
              {hint?.text ?? '\u00a0'}
            </span>
          </div>
          <ul id="username-rules" className="rules">
            <li>
              {USERNAME_MIN}–{USERNAME_MAX} characters
            </li>
            <li>lower-case letters a–z, digits 0–9 and underscores</li>
            <li>unique; a few names like admin or support are reserved</li>
          </ul>
          {serverProblem && (
            <p className="alert alert-error" role="alert">
              {serverProblem}
            </p>
          )}
          <button
            type="submit"
            className="btn btn-primary btn-block"
            disabled={Boolean(problem) || availability === 'taken' || claim.isPending}
          >
            {claim.isPending ? 'Saving…' : 'Continue'}
          </button>
        </form>
      </section>
    </main>
  );
}
