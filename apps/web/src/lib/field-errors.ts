/** Messages per form field (dotted path → messages), as the API's error formatter sends them. */
// A file of its own so upload.ts and errors.ts can both use it without importing each other.
export type FieldErrors = Record<string, string[]>;
