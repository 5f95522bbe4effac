import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'cvt_sesion';
export const LOGIN_CSRF_COOKIE = 'cvt_login';

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** Over https, or behind a proxy that says the browser used https. */
function cameOverHttps(request: Request): boolean {
  return request.secure || (request.header('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase() === 'https';
}

export function setCookie(request: Request, response: Response, name: string, value: string, maxAgeMs: number, path = '/admin'): void {
  const attributes = [`${name}=${value}`, `Path=${path}`, `Max-Age=${Math.floor(maxAgeMs / 1_000)}`, 'HttpOnly', 'SameSite=Strict'];
  if (cameOverHttps(request)) attributes.push('Secure');
  response.append('Set-Cookie', attributes.join('; '));
}

export function clearCookie(request: Request, response: Response, name: string, path = '/admin'): void {
  setCookie(request, response, name, '', 0, path);
}
