import * as oidc from 'openid-client';
import { OutboundRefused, outboundFetch, type AllowedHosts } from '../../core/http/outbound.ts';

/** What the server needs to talk to a workspace's provider. */
export interface ProviderSettings {
  workspaceId: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  updatedAt: Date;
}

/** The claims Bridgework reads: the rest are kept for rules that name a claim. */
export interface SignInClaims {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  all: Record<string, unknown>;
}

/** What the provider said went wrong, or what went wrong reaching it, said plainly. */
export class ProviderProblem extends Error {}

// A provider's settings and keys change rarely; read them again after an hour, or at once when the workspace changes its settings.
const CACHE_MS = 3_600_000;
const configurations = new Map<string, { key: string; readAt: number; configuration: Promise<oidc.Configuration> }>();

function discover(settings: ProviderSettings, allowed: AllowedHosts): Promise<oidc.Configuration> {
  let issuer: URL;
  try {
    issuer = new URL(settings.issuerUrl);
  } catch {
    return Promise.reject(new ProviderProblem('The issuer is not a full address'));
  }
  // HTTP Basic, the method OpenID Connect assumes when a client registers none; Entra ID, Google, Okta and Keycloak all accept it.
  return oidc.discovery(issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
    [oidc.customFetch]: outboundFetch(allowed),
    // Plain http only ever reaches a host the operator allowed (outboundFetch refuses the rest): a provider on the same network, or a test.
    execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
}

/** The provider's configuration (endpoints, keys), read once an hour. */
export function providerConfiguration(settings: ProviderSettings, allowed: AllowedHosts): Promise<oidc.Configuration> {
  const key = `${settings.issuerUrl}\n${settings.clientId}\n${settings.clientSecret}\n${settings.updatedAt.getTime()}`;
  const cached = configurations.get(settings.workspaceId);
  if (cached && cached.key === key && Date.now() - cached.readAt < CACHE_MS) return cached.configuration;
  const configuration = discover(settings, allowed).catch((error: unknown) => {
    configurations.delete(settings.workspaceId);
    throw new ProviderProblem(describeProviderError(error));
  });
  configurations.set(settings.workspaceId, { key, readAt: Date.now(), configuration });
  return configuration;
}

/** Read a provider's settings now, as an administrator saves them: the reason it failed, or undefined when it answers as an OpenID provider should. */
export async function checkProvider(settings: Omit<ProviderSettings, 'updatedAt' | 'workspaceId'>, allowed: AllowedHosts): Promise<string | undefined> {
  try {
    const configuration = await discover({ ...settings, workspaceId: '', updatedAt: new Date() }, allowed);
    const metadata = configuration.serverMetadata();
    if (!metadata.authorization_endpoint || !metadata.token_endpoint) return 'The provider does not say where to sign in (no authorisation or token endpoint)';
    return undefined;
  } catch (error) {
    return describeProviderError(error);
  }
}

/** The address to send the browser to: the authorisation code flow with PKCE, a state and a nonce. */
export function authorizationUrl(
  configuration: oidc.Configuration,
  request: { redirectUri: string; state: string; nonce: string; codeVerifier: string; loginHint?: string },
): Promise<URL> {
  return oidc.calculatePKCECodeChallenge(request.codeVerifier).then((challenge) =>
    oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: request.redirectUri,
      scope: 'openid email profile',
      state: request.state,
      nonce: request.nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    }),
  );
}

/**
 * Finish a sign-in: check the answer's state, exchange the code (with the
 * PKCE verifier) for tokens, check the ID token (signature, issuer, audience,
 * nonce, expiry) and add what the userinfo endpoint says, since some
 * providers keep e-mail and name out of the ID token.
 */
export async function finishSignIn(
  configuration: oidc.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<SignInClaims> {
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new ProviderProblem('The provider sent no ID token');
    let all: Record<string, unknown> = { ...idClaims };
    if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      all = { ...userInfo, ...idClaims };
    }
    const email =
      typeof all.email === 'string'
        ? all.email
        : typeof all.preferred_username === 'string' && all.preferred_username.includes('@')
          ? all.preferred_username
          : undefined;
    const named = [all.given_name, all.family_name].filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(' ');
    return {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      email: email?.trim().toLowerCase(),
      emailVerified:
        typeof all.email_verified === 'boolean'
          ? all.email_verified
          : all.email_verified === 'true'
            ? true
            : all.email_verified === 'false'
              ? false
              : undefined,
      name: typeof all.name === 'string' && all.name.trim() ? all.name.trim() : named || undefined,
      all,
    };
  } catch (error) {
    if (error instanceof ProviderProblem) throw error;
    throw new ProviderProblem(describeProviderError(error));
  }
}

/** An error from reaching or reading a provider, in words an administrator can act on. */
export function describeProviderError(error: unknown): string {
  if (error instanceof ProviderProblem || error instanceof OutboundRefused) return error.message;
  if (error instanceof oidc.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? 'Signing in was cancelled or refused at the provider'
      : `The provider refused: ${error.error_description ?? error.error}`;
  }
  if (error instanceof oidc.ResponseBodyError) return `The provider refused: ${error.error_description ?? error.error} (${error.status})`;
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'No server answers to that name';
  if (code === 'ECONNREFUSED') return 'The server refused the connection';
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') return 'The address does not answer as an OpenID provider does';
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' && /issuer/.test(err.message ?? ''))
    return 'The provider names a different issuer: use the issuer exactly as its settings give it';
  if (err.cause instanceof OutboundRefused) return err.cause.message;
  return err.message ?? String(error);
}
