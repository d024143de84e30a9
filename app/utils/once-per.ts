/**
 * A function of an object (a translate function, a questionnaire, a section…) computed once per object:
 * for facts derived from what stays the same for the life of the process.
 */
export function oncePer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key)!;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
