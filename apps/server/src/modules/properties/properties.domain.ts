/** Names the first unit label that repeats (ignoring case and spaces), so the error can point at it. */
export function findDuplicateLabel(labels: string[]): { index: number; label: string } | undefined {
  const seen = new Set<string>();
  for (const [index, label] of labels.entries()) {
    const key = label.trim().toLowerCase();
    if (seen.has(key)) return { index, label: label.trim() };
    seen.add(key);
  }
  return undefined;
}
