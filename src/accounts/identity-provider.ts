/**
 * The province's identity provider as openid-client sees it: discovered on first use rather than at start, so an
 * API instance comes up (and password sign-in works) while the provider is down, and a failed discovery is tried
 * again on the next sign-in instead of being remembered. The result is cached per instance: it is the provider's
 * published metadata, not anyone's sign-in, so instances need not share it.
 */
import * as oidc from 'openid-client';
import { messageOf } from '../db/open';
import { oidcVariable, type OidcSettings } from './oidc-settings';

/** The provider did not answer discovery or answered nonsense; the message names the variable to check. */
export class IdentityProviderUnavailable extends Error {}

export interface IdentityProvider {
  settings: OidcSettings;
  configuration(): Promise<oidc.Configuration>;
}

export function identityProvider(settings: OidcSettings): IdentityProvider {
  let discovered: Promise<oidc.Configuration> | undefined;
  // loadOidcSettings allows http:// only on this machine (a test or trial provider).
  const execute = settings.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  return {
    settings,
    configuration() {
      discovered ??= oidc
        .discovery(settings.issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
          execute,
          timeout: 10,
        })
        .catch((err: unknown) => {
          discovered = undefined;
          throw new IdentityProviderUnavailable(
            `the identity provider at ${oidcVariable('issuer')}=${settings.issuer.href} did not answer discovery: ${messageOf(err)}`,
            { cause: err },
          );
        });
      return discovered;
    },
  };
}
