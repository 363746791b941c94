import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { sessionStore } from './auth/session.ts';
import './index.css';

// Restore the session now rather than from SessionProvider's effect after the first render: the refresh is on its way
// while React renders, and every page behind it (the portfolio's list first) is asked for that much sooner.
void sessionStore.start();

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no #root element');
}

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
