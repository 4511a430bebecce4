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
