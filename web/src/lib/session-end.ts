/**
 * What must stop when the session ends (sign-out, or a 401 from any call): state that belongs to
 * the signed-in user and outlives a page, such as the journal's queue of unsaved changes, which
 * must never go out with the next user's session. Features register here; the app's
 * `forgetSession` calls `endSession`. Kept apart from app/session.tsx so the main bundle does not
 * take in the features that register.
 */
const handlers = new Set<() => void>();

export function onSessionEnd(handler: () => void): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

export function endSession(): void {
  for (const handler of [...handlers]) handler();
}
