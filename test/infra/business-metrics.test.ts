import { beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_METRICS } from '../../infra/constructs/business-metrics';
import { metricsNamespaceOf, POWERTOOLS_SERVICE_NAME } from '../../infra/constructs/catalog-function';
import { metricEmissions, sourceFiles } from '../support/source-scan';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { logicalId, renderCfnString, resource } from './template-queries';

/** A graphed metric as the dashboard body has it: [namespace, name, dimension, value, …, options]. */
type GraphedMetric = (string | { stat?: string; label?: string })[];

function graphedMetrics(stage: SynthesizedStage): GraphedMetric[] {
  const dashboard = resource(stage.template, logicalId(stage.stack, stage.stack.monitoring.dashboard));
  const body = JSON.parse(renderCfnString(dashboard.Properties?.DashboardBody ?? '').replace(/<[^>]+>/g, 'X')) as {
    widgets: { properties: { metrics?: GraphedMetric[] } }[];
  };
  return body.widgets.flatMap((widget) => widget.properties.metrics ?? []);
}

describe('business metrics', () => {
  // Read at test time: a metric another change adds to a handler is checked as soon as it exists.
  const emissions = metricEmissions(sourceFiles('functions'));
  const emitted = [...new Set(emissions.flatMap((emission) => emission.names))].sort();

  let dev: SynthesizedStage;
  let prod: SynthesizedStage;
  beforeAll(() => {
    dev = synthesizeStage('dev');
    prod = synthesizeStage('prod');
  }, 300_000);

  it('reads the metric names out of the handlers, name tables and ternaries included', () => {
    // Guards the scan itself: a scan that found nothing would make every check below pass.
    expect(emitted).toEqual(
      expect.arrayContaining([
        'OnboardingReceived',
        'OnboardingFailed',
        'AgreementChangesRequested', // METRIC[result.outcome] in apply-client-decision
        'AgreementReleased', // a ternary in apply-release
        'AgreementReturned',
        'SlaBreach',
        'FeedbackScore',
        'EmailPermanentBounce', // returned by a function of handle-email-event/handler.ts
      ]),
    );
  });

  it('finds a literal name (or a constant holding it) in every addMetric call', () => {
    const unreadable = emissions.filter((emission) => emission.names.length === 0).map(({ file, line }) => `${file}:${line}`);
    expect(unreadable, 'metric names must be literals, ternaries of literals or a name table in the same file').toEqual([]);
  });

  it('lists every emitted metric once in BUSINESS_METRICS', () => {
    const listed = BUSINESS_METRICS.map((metric) => metric.name);
    expect(new Set(listed).size).toBe(listed.length);
    expect(emitted.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it.each(['dev', 'prod'] as const)('graphs every emitted metric on the %s dashboard, in the stage\'s namespace with the service dimension', (stageName) => {
    const graphed = graphedMetrics(stageName === 'dev' ? dev : prod);
    for (const name of emitted) {
      expect(graphed, name).toContainEqual(
        expect.arrayContaining([metricsNamespaceOf(stageName), name, 'service', POWERTOOLS_SERVICE_NAME]),
      );
    }
  });

  it('averages the feedback score and sums the counts', () => {
    const graphed = graphedMetrics(dev);
    const statOf = (name: string) => {
      const metric = graphed.find((line) => line[1] === name && line[0] === metricsNamespaceOf('dev'));
      const options = metric?.at(-1);
      return typeof options === 'object' ? options.stat : undefined;
    };
    // CDK leaves out `stat` when it is Average, a metric widget's default.
    expect(statOf('FeedbackScore') ?? 'Average').toBe('Average');
    expect(statOf('OnboardingReceived')).toBe('Sum');
    expect(statOf('TicketsCreated')).toBe('Sum');
    expect(BUSINESS_METRICS.find((metric) => metric.name === 'StuckOnboardings')?.statistic).toBe('Maximum');
  });

  it('keeps dev\'s business metrics out of prod\'s namespace', () => {
    const namespaces = new Set(graphedMetrics(dev).map((line) => line[0]).filter((ns) => typeof ns === 'string' && ns.startsWith('BreakFix')));
    expect(namespaces).toEqual(new Set([metricsNamespaceOf('dev')]));
  });
});
