import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The policy the built app runs under. It is injected only into the production build because
// the dev server needs an inline preamble script for fast refresh.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The full emoji picker (emoji-picker-react 5.1.4) writes its stylesheet into two <style>
  // elements; their hashes let exactly those in and nothing else inline. A picker upgrade that
  // changes them fails e2e/messages/emoji-picker.spec.ts (it checks for CSP violations).
  "style-src 'self' 'sha256-WoJKG1eAyQFZBdiMcqFYr5mitEDpWeKDgbu3e7R6Upo=' 'sha256-lvLcaaw/tuRHh8xfjXxqytIVWpiNcXCsqXX22XQJbpM='",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'natter-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

const backend = process.env.NATTER_DEV_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: {
    proxy: {
      '/api/v1/ws': { target: backend, ws: true, changeOrigin: false },
      '/api': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Tests wait on conditions, never on the clock; this only ends a test that hangs. vitest's
    // 5 s default failed CPU-bound tests on a 2-core CI machine shared with the build (#19).
    testTimeout: 30_000,
  },
});
