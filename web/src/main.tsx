// Global styles first, so that feature styles imported by the components come later in the
// bundle and win over the base rules they refine.
import './styles/theme.css';
import './styles/base.css';
import './styles/dialog.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// The app shell for offline starts and installing as an app (public/sw.js). Not in development,
// where Vite serves modules that a cached shell would go stale against.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works online.
    });
  });
}
