// The security headers as defined once (scripts/security-headers.ts): what the policy lets run, that
// dev loosens only styles, that index.html needs no inline allowance, and that docs/deploy.md tells
// hosts exactly the same headers.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, developmentHeaders, headersFile, nginxHeaderLines, securityHeaders } from '../../scripts/security-headers';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Where scripts can come from: script-src, or default-src when it is missing. */
function scriptSources(policy: string): string[] {
  const parsed = directives(policy);
  return parsed.get('script-src') ?? parsed.get('default-src') ?? ['*'];
}

describe('the Content-Security-Policy', () => {
  const production = contentSecurityPolicy();

  it('runs only scripts and workers from the site itself: no inline script, no eval, no blob: or data: code', () => {
    const parsed = directives(production);
    expect(scriptSources(production)).toEqual(["'self'"]);
    expect(parsed.get('worker-src')).toEqual(["'self'"]);
    expect(production).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic|'nonce-|'sha(256|384|512)-/);
    expect(production).not.toContain('unsafe-inline');
  });

  it('allows nothing by default, no plugins, no other base, and no framing', () => {
    const parsed = directives(production);
    expect(parsed.get('default-src')).toEqual(["'none'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'self'"]);
    expect(parsed.get('form-action')).toEqual(["'self'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets an online basemap be fetched over https only, and only as data', () => {
    const parsed = directives(production);
    expect(parsed.get('connect-src')).toEqual(["'self'", 'https:']);
    for (const [name, sources] of parsed) if (name !== 'connect-src') expect(sources, name).not.toContain('https:');
    // Narrowed to one host, or turned off, as docs/deploy.md describes.
    expect(directives(contentSecurityPolicy(['https://tiles.example.org'])).get('connect-src')).toEqual(["'self'", 'https://tiles.example.org']);
    expect(directives(contentSecurityPolicy([])).get('connect-src')).toEqual(["'self'"]);
  });

  it('comes with nosniff, frame denial, a referrer policy and no powerful features', () => {
    const headers = securityHeaders();
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  });

  it('is loosened for `vite` dev only where Vite injects style sheets: scripts stay as strict', () => {
    const development = developmentHeaders()['Content-Security-Policy']!;
    expect(scriptSources(development)).toEqual(scriptSources(production));
    expect(directives(development).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(development.replace(" 'unsafe-inline'", '')).toBe(production);
  });
});

describe('index.html', () => {
  const html = fs.readFileSync('index.html', 'utf8');

  it('has no inline script, style element, style attribute or event handler for the policy to allow', () => {
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, 'a script loads from a file').toMatch(/\ssrc=/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('docs/deploy.md', () => {
  const docs = fs.readFileSync('docs/deploy.md', 'utf8');

  it('gives hosts the same policy and headers as the code sends', () => {
    expect(docs).toContain(contentSecurityPolicy());
    expect(docs, 'the nginx lines (nginxHeaderLines)').toContain(nginxHeaderLines());
    expect(docs, 'the _headers file (headersFile)').toContain(headersFile());
  });
});
