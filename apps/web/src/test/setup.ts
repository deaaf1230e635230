// The component tier's setup (vitest.config.ts, project "component"): jest-dom's matchers, what Mantine
// needs of a browser that jsdom lacks, a clean DOM after each test, and the MSW server every test's
// requests go to (a request with no handler fails the test).
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './server.ts';

// Mantine reads media queries (useMediaQuery, the color scheme) and observes element sizes.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub;
// Combobox options (Select) scroll the selected one into view.
window.HTMLElement.prototype.scrollIntoView = () => undefined;
// Autosizing textareas measure again once web fonts load (jsdom has no FontFaceSet).
if (!document.fonts) Object.defineProperty(document, 'fonts', { value: new EventTarget() });

/** Requests no handler answered during the current test: they fail it, after the test has run. */
const unhandled: string[] = [];

beforeAll(() =>
  server.listen({
    onUnhandledFrame: ({ frame, defaults }) => {
      const request = (frame.data as { request?: Request }).request;
      unhandled.push(request ? `${request.method} ${new URL(request.url).pathname}` : frame.protocol);
      defaults.error();
    },
  }),
);
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
  const missed = unhandled.splice(0);
  if (missed.length > 0) throw new Error(`No MSW handler answered: ${missed.join(', ')}`);
});
afterAll(() => server.close());
