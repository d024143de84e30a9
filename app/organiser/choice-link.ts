/** `path` with the chosen consultation kept: its `q` (and `c`) first, then any query string the path has. */
export function withChoice(choice: { params: Record<string, string> }, path: string): string {
  const query = new URLSearchParams(choice.params).toString();
  if (!query) return path;
  const [base, rest] = path.split("?", 2);
  return rest ? `${base}?${query}&${rest}` : `${base}?${query}`;
}
