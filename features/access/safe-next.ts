const base = "http://plenary.invalid";

/**
 * Where to go after signing in: a path on this site, or `/admin`. The value is parsed as a browser would
 * parse it (tabs and newlines dropped, backslashes read as slashes), so `/%09/evil.example` or `/\evil`
 * cannot turn into `//evil.example`; control characters, which could not go into a Location header, are refused.
 */
export function safeNext(next: string | null | undefined, fallback = "/admin"): string {
  if (!next || next.length > 2000 || !next.startsWith("/")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") || path.startsWith("/\\") ? fallback : path;
}
