// First: zod must not probe for eval under the Content-Security-Policy (lib/zod-jitless.ts).
import './lib/zod-jitless.ts';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { installFocusFirstError } from './lib/focus-first-error.ts';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

installFocusFirstError();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
