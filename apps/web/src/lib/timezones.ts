/** The US time zones a management company can keep its books in (IANA names, as the API expects). */
export const US_TIMEZONES = [
  { value: 'America/New_York', label: 'Eastern (New York)' },
  { value: 'America/Chicago', label: 'Central (Chicago)' },
  { value: 'America/Denver', label: 'Mountain (Denver)' },
  { value: 'America/Phoenix', label: 'Mountain, no DST (Phoenix)' },
  { value: 'America/Los_Angeles', label: 'Pacific (Los Angeles)' },
  { value: 'America/Anchorage', label: 'Alaska (Anchorage)' },
  { value: 'Pacific/Honolulu', label: 'Hawaii (Honolulu)' },
  { value: 'America/Puerto_Rico', label: 'Atlantic (Puerto Rico, USVI)' },
  { value: 'Pacific/Guam', label: 'Chamorro (Guam)' },
] as const;

export function timezoneLabel(value: string): string {
  return US_TIMEZONES.find((zone) => zone.value === value)?.label ?? value;
}
