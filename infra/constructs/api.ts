import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';
import type { CatalogFunction } from './catalog-function';
import { stageLogGroup } from './stage-log-group';

/** Generous for a handful of staff and client links, low enough to cap a runaway client's cost. */
const THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;

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
  /** The catalog functions with routes. */
  httpFunctions: readonly CatalogFunction[];
  /** Required on every staff route, absent on every public one. */
  staffAuthorizer: apigw.IHttpRouteAuthorizer;
}

/** The HTTP API: one Lambda integration per function, the routes exactly as the catalog lists them. */
export class OnboardingApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly defaultStage: apigw.HttpStage;

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
        destination: new apigw.LogGroupLogDestination(stageLogGroup(this, 'AccessLogs', stage)),
        format: ACCESS_LOG_FORMAT,
      },
    });

    for (const fn of httpFunctions) {
      const integration = new HttpLambdaIntegration(`${fn.spec.name}Integration`, fn.function);
      for (const route of fn.spec.routes ?? []) {
        const isPublic = route.access === 'public';
        const [created] = this.httpApi.addRoutes({
          path: route.path,
          methods: [apigw.HttpMethod[route.method]],
          integration,
          authorizer: isPublic ? new apigw.HttpNoneAuthorizer() : staffAuthorizer,
        });
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
  }
}
