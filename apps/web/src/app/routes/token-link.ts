/** Emailed links carry their token in the URL fragment (#token=…), which browsers never send to a server. */
export function readFragmentToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}
