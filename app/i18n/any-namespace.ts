/**
 * Stands for "whichever namespace has it", for key-like strings outside t().
 * In a module of its own so that the report (which the app's translations page runs) does not
 * pull in usage.ts and, with it, the TypeScript compiler.
 */
export const anyNamespace = "*";
