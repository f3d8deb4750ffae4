import type { Twin } from './twin';

/** What `npm start` prints: where everything is, and a first request to try. */
export function startupBanner(twin: Twin): string {
  const apiPort = new URL(twin.urls.api).port;
  const tokenCommand = apiPort === '3000' ? 'npm run -s token -- account-manager' : `API_PORT=${apiPort} npm run -s token -- account-manager`;
  const aws = `/usr/bin/aws --region ${twin.region}`;
  return `
Break & Fix onboarding — local twin is running (in memory; Ctrl-C stops it)

  API (HTTP API + JWT)   ${twin.urls.api}
  Local issuer (Cognito) ${twin.urls.issuer}   app client ${twin.clientId}
                         ${twin.urls.issuer}/.well-known/openid-configuration
                         ${twin.urls.issuer}/oauth2/authorize   (pick a role and an e-mail: no passwords here)
                         ${twin.urls.issuer}/oauth2/token   (authorization code with PKCE S256, refresh token)
  Step Functions         ${twin.urls.stepFunctions}   state machine ${twin.stateMachineArn}
  DynamoDB Local         ${twin.urls.dynamodb}   table ${twin.tableName}
                         (AWS's DynamoDB Local on Java; it listens on every interface, not only 127.0.0.1)
  SES v2 + inbox         ${twin.urls.ses}   (open it in a browser to read the e-mails)
  Secrets Manager        ${twin.urls.secretsManager}   (the link-signing key, new every run)

Sign in as on AWS: \`npm run login -- --stage local\` opens the authorize page in a browser, takes the
code on http://localhost:${twin.loginCallbackPort}/callback and prints the ID token. For scripts, mint one
without a browser (roles: account-manager, analyst, technician, admin), then start an onboarding:

  TOKEN=$(${tokenCommand})
  curl -s -X POST ${twin.urls.api}/onboardings \\
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
    -H "Idempotency-Key: $(date +%s)" \\
    -d '{"client":{"companyName":"Bakkerij De Korenschoof B.V.","kvkNumber":"12345678","locale":"nl"},
         "contacts":[{"name":"Sanne de Vries","email":"sanne@korenschoof.example","role":"primary"}],
         "expectations":{"summary":"Storingen binnen een werkdag opgelost"},
         "incidents":[{"title":"Kassasysteem valt uit","description":"De kassa herstart meerdere keren per dag","category":"hardware","impact":"high"}]}'

  curl -s ${twin.urls.api}/onboardings/<onboardingId> -H "Authorization: Bearer $TOKEN"
  curl -s '${twin.urls.api}/onboardings?status=AWAITING_ANALYSIS' -H "Authorization: Bearer $TOKEN"

Then, as an analyst, submit the analysis (one item per incident; the README has a full example):

  ANALYST=$(${tokenCommand.replace('account-manager', 'analyst')})
  curl -s -X POST ${twin.urls.api}/onboardings/<onboardingId>/analysis -H "Authorization: Bearer $ANALYST" \
    -H 'Content-Type: application/json' \
    -d '{"items":[{"incidentId":"inc-01","rootCause":"Defecte voeding","solution":"Voeding vervangen","actionType":"replacement",
         "estimatedHours":2.5,"requiredSkills":["hardware"],"priority":"high","materials":[{"description":"Voeding","quantity":1,"unitCostCents":4900}]}]}'

The client's agreement e-mail (with its link to the confirm page) then appears in the SES inbox.
An analysis left waiting is reminded after ${twin.policy.analysisReminderSeconds} seconds; an agreement without an answer after ${twin.policy.decisionReminderSeconds} seconds.
${schedulesLine(twin)}

The AWS CLI works against the twin with --endpoint-url and any credentials (Debian's /usr/bin/aws):

  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
  ${aws} stepfunctions list-state-machines --endpoint-url ${twin.urls.stepFunctions}
  ${aws} stepfunctions get-execution-history --endpoint-url ${twin.urls.stepFunctions} --execution-arn <executionArn>
  ${aws} dynamodb scan --table-name ${twin.tableName} --endpoint-url ${twin.urls.dynamodb}

`;
}

/** Which scheduled functions run here, how often, and how often on AWS. */
function schedulesLine(twin: Twin): string {
  if (twin.schedules.length === 0) return 'Scheduled functions (the SLA sweeper SweepSla) are off: nothing runs them here.';
  const runs = twin.schedules.map((schedule) => `${schedule.name} every ${schedule.everySeconds} s (on AWS every ${schedule.everyMinutesOnAws} min)`).join(', ');
  return `Scheduled: ${runs}, with the wall clock as the event's time; SCHEDULE_SECONDS=<n> npm start changes the interval.`;
}
