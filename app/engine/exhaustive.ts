/**
 * The end of a switch over question types: the compiler rejects a call when a type is left out,
 * so a new type cannot slip through a `default:` branch. Throws if a definition bypassed the schema.
 */
export function unhandledType(type: never): never {
  throw new Error(`Unhandled question type ${String((type as { type?: unknown })?.type ?? type)}`);
}
