const formatters = new Map<string, unknown>();

/** An Intl formatter built once per kind, locale and options: building one costs more than using it. */
export function formatter<T>(key: string, make: () => T): T {
  let value = formatters.get(key) as T | undefined;
  if (value === undefined) formatters.set(key, (value = make()));
  return value;
}
