import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/catalog';
import type { StageConfig } from '../stage-config';

/** Where swagger-ui's OAuth2 redirect page lives under the API (the console at `/docs` serves it). */
export const CONSOLE_PATH = '/docs';
export const CONSOLE_REDIRECT_PATH = `${CONSOLE_PATH}/oauth2-redirect.html`;

/** `npm run login`'s callback and sign-out pages on the staff member's own machine. */
export const cliCallbackUrl = (port: number): string => `http://localhost:${port}/callback`;
export const cliSignedOutUrl = (port: number): string => `http://localhost:${port}/signed-out`;

/** Claims the ID token carries: what the API reads (e-mail, verified) plus the profile a person may keep current. */
const READ_ATTRIBUTES = new cognito.ClientAttributes().withStandardAttributes({
  email: true,
  emailVerified: true,
  fullname: true,
  givenName: true,
  familyName: true,
  locale: true,
  timezone: true,
});

/**
 * What a staff member may change about themselves. Never `email`: the API trusts the ID token's
 * address (it becomes the onboarding's account manager and a technician's identity), so only an
 * admin changes it, with AdminUpdateUserAttributes.
 */
const WRITE_ATTRIBUTES = new cognito.ClientAttributes().withStandardAttributes({
  fullname: true,
  givenName: true,
  familyName: true,
  locale: true,
  timezone: true,
});

export interface StaffAuthProps {
  stage: StageConfig;
  /**
   * The HTTP API's base URL without a trailing slash (its `apiEndpoint`), for the console's
   * callback and sign-out URLs. The API is built after this construct, so the stack passes a lazy
   * value; only the app client refers to it, never the API to the client, so there is no cycle.
   */
  apiEndpoint: string;
  /** The API's custom domain URL (`https://<apiDomain>`), when the stage has one: the console works there too. */
  customDomainUrl?: string;
}

/**
 * Staff sign-in: a Cognito user pool whose groups are the catalog's roles, managed login on a
 * user-pool domain, a public app client for the API console and `npm run login` (authorization
 * code with PKCE, no secret), and the HTTP API's JWT authorizer for that client. The role check
 * itself happens in the handlers; the gateway only authenticates.
 */
export class StaffAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly authorizer: HttpUserPoolAuthorizer;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: the managed login and `/oauth2/*` endpoints. */
  readonly domainBaseUrl: string;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);
    const { protectData, loginCallbackPort, refreshTokenDays } = props.stage;

    this.userPool = new cognito.UserPool(this, 'StaffPool', {
      // Staff accounts are created by an admin; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      // Not `required`: Cognito lets every app client write a required attribute, and no staff
      // member may change their own e-mail. Admins always set it (it is also the sign-in name).
      standardAttributes: { email: { required: false, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff see client data: a TOTP app is required, SMS is not offered (no SMS role, no SIM-swap risk).
      // Managed login asks for the code, and registers the app at the first sign-in.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus tier for threat protection (compromised credentials, adaptive sign-in risk) on a few staff users.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: protectData,
      removalPolicy: protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    for (const role of ROLES) {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `Break & Fix staff role ${role}`,
      });
    }

    // Managed login (not the classic hosted UI) on a Cognito domain; the prefix is global per region.
    const domainPrefix = props.stage.authDomainPrefix ?? `breakfix-${props.stage.stage}-${Aws.ACCOUNT_ID}`;
    this.domain = this.userPool.addDomain('StaffLogin', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.domainBaseUrl = this.domain.baseUrl();

    const consoleBases = [props.apiEndpoint, ...(props.customDomainUrl ? [props.customDomainUrl] : [])];
    this.client = this.userPool.addClient('ApiClient', {
      // Public client (a browser page and a CLI keep no secret): the authorization-code grant with
      // PKCE only. No implicit grant (tokens in URLs), no client credentials (machines are out of scope).
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [...consoleBases.map((base) => `${base}${CONSOLE_REDIRECT_PATH}`), cliCallbackUrl(loginCallbackPort)],
        logoutUrls: [...consoleBases.map((base) => `${base}${CONSOLE_PATH}`), cliSignedOutUrl(loginCallbackPort)],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      // SRP stays for SDK sign-in (the password never leaves the client); refresh is always allowed.
      authFlows: { userSrp: true },
      readAttributes: READ_ATTRIBUTES,
      writeAttributes: WRITE_ATTRIBUTES,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Room for a first sign-in: a new password and registering the authenticator app.
      authSessionValidity: Duration.minutes(10),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(refreshTokenDays),
    });

    // Managed login shows an error page for a client without a style; this one is Cognito's default.
    const branding = new cognito.CfnManagedLoginBranding(this, 'StaffLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    // An ID token carries `aud` = this client and `cognito:groups`, which is what the API checks.
    this.authorizer = new HttpUserPoolAuthorizer('StaffJwt', this.userPool, {
      userPoolClients: [this.client],
      authorizerName: 'staff-jwt',
    });
  }
}
