/**
 * The server's secret (PIPELINE_TOKEN_SECRET), shared by every API instance: it seals the page tokens of lists and
 * derives imported candidates' case ids, so any instance recognises another's. It signs no one in: people sign in
 * with accounts (src/accounts).
 */
export interface TokenKeys {
  secret: Uint8Array;
}

export function tokenKeys(secret: string): TokenKeys {
  if (secret.length < 32) throw new Error('configuration: PIPELINE_TOKEN_SECRET must be at least 32 characters');
  return { secret: new TextEncoder().encode(secret) };
}
