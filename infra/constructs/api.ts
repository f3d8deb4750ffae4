import { Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';
import type { CatalogFunction } from './catalog-function';
import { stageLogGroup } from './stage-log-group';

/** Each staff route: generous for a handful of staff, low enough to cap a runaway script's cost. */
const THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;

/**
 * Each client link route (agreements, problems, feedback): a client clicks a link a
 * few times a day, so a flood (a bot guessing tokens) hits this much lower per-route limit and its
 * own bucket, while the staff routes keep theirs and their share of the account's Lambda concurrency.
 */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 5, burstLimit: 10 } as const;

/** HTTP API context variables only (REST API's standard JSON format names fields HTTP APIs lack). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export interface OnboardingApiProps {
  stage: StageConfig;
  /** `-c apiDomain=` with `-c certificateArn=`: the host name client links use instead of execute-api's. */
  customDomain?: { domainName: string; certificateArn: string };
  /** The catalog functions with routes. */
  httpFunctions: readonly CatalogFunction[];
  /** Required on every staff route, absent on every public one. */
  staffAuthorizer: apigw.IHttpRouteAuthorizer;
}

/** The HTTP API: one Lambda integration per function, the routes exactly as the catalog lists them. */
export class OnboardingApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly defaultStage: apigw.HttpStage;
  /** The API's custom domain, when the stage has one (its regional name is the CNAME target). */
  readonly customDomain?: apigw.DomainName;
  /** Where clients and staff reach the API, without a trailing slash: the custom domain, else execute-api's endpoint. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: OnboardingApiProps) {
    super(scope, id);
    const { stage, httpFunctions, staffAuthorizer } = props;

    // The default stage is made here rather than by HttpApi so that it gets access logs and throttling.
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `onboarding-${stage.stage}`,
      description: 'Break & Fix onboarding API',
      createDefaultStage: false,
    });
    this.defaultStage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        // IP address and user agent: personal data, kept accessLogRetentionDays (docs/security.md).
        destination: new apigw.LogGroupLogDestination(stageLogGroup(this, 'AccessLogs', stage, undefined, stage.accessLogRetentionDays)),
        format: ACCESS_LOG_FORMAT,
      },
    });

    if (props.customDomain) {
      // A regional domain: the certificate must be in the stack's region. No hosted-zone lookup, so
      // synth stays offline; the DNS record (CNAME to the output ApiDomainTarget) is the operator's.
      this.customDomain = new apigw.DomainName(this, 'CustomDomain', {
        domainName: props.customDomain.domainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
      });
      new apigw.ApiMapping(this, 'CustomDomainMapping', { api: this.httpApi, domainName: this.customDomain, stage: this.defaultStage });
    }
    this.publicUrl = props.customDomain ? `https://${props.customDomain.domainName}` : this.httpApi.apiEndpoint;

    const publicRoutes: apigw.HttpRoute[] = [];
    const publicRouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const fn of httpFunctions) {
      // The published version, not $LATEST: a request runs the code of the deploy that wired it.
      const integration = new HttpLambdaIntegration(`${fn.spec.name}Integration`, fn.version);
      for (const route of fn.spec.routes ?? []) {
        const isPublic = route.access === 'public';
        const [created] = this.httpApi.addRoutes({
          path: route.path,
          methods: [apigw.HttpMethod[route.method]],
          integration,
          authorizer: isPublic ? new apigw.HttpNoneAuthorizer() : staffAuthorizer,
        });
        if (isPublic && !route.publicBecause && created) publicRoutes.push(created);
        // Client link pages only: the console and the description are public too, but a page load
        // fetches several of Swagger UI's files at once and carries no client's data.
        if (isPublic && !route.publicBecause) {
          publicRouteSettings[`${route.method} ${route.path}`] = {
            ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
            ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
          };
        }
        if (isPublic && created) {
          Validations.of(created).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: route.publicBecause
              ? `${route.method} ${route.path} is public: ${route.publicBecause}.`
              : `${route.method} ${route.path} is a client link page: the client has no account; ` +
                'the handler checks the single-use link token.',
          });
        }
      }
    }

    // Per-route settings live on the stage (the L2 stage only sets the default). CloudFormation
    // refuses settings for a route key that does not exist yet, hence the dependency.
    const cfnStage = this.defaultStage.node.defaultChild as apigw.CfnStage;
    cfnStage.routeSettings = publicRouteSettings;
    for (const route of publicRoutes) cfnStage.node.addDependency(route);
  }
}
