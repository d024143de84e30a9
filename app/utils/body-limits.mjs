// Plain JavaScript: server.mjs reads these limits without the build, and the routes read them too.

/** The largest request body a route takes: server.mjs refuses a longer one before anything reads it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The largest invitation list an organiser may upload: 20,000 experts at up to about 200 bytes a row. */
export const MAX_INVITATION_UPLOAD_BYTES = 4 * 1024 * 1024;

const INVITATION_UPLOAD_PATH = "/organiser/invitations";
/** Room for the rest of the multipart form around the file. */
const FORM_AROUND_FILE_BYTES = 64 * 1024;

/**
 * The body limit of a path: the invitation upload takes a large file, every other route the usual limit.
 * @param {string} pathname
 * @returns {number}
 */
export function bodyLimitFor(pathname) {
  return pathname === INVITATION_UPLOAD_PATH ? MAX_INVITATION_UPLOAD_BYTES + FORM_AROUND_FILE_BYTES : MAX_BODY_BYTES;
}
