import { ERROR_MESSAGES, type ErrorCode } from '@workmate/domain/error-codes';

/**
 * Error codes in English: the catalog's own texts, the ones the API sends as `message` (one
 * source, so the English UI and the API's English never drift apart).
 */
export const errorsEn: Record<ErrorCode, string> = ERROR_MESSAGES;
