import { Link } from 'react-router';
import { LogoMark } from '../../components/Logo';

export function NotFound() {
  return (
    <main className="page-center">
      <div className="state">
        <LogoMark size={56} />
        <h2>Page not found</h2>
        <p>The address may be mistyped, or the page has moved.</p>
        <Link className="btn btn-primary" to="/app">
          Go to Natter
        </Link>
      </div>
    </main>
  );
}
