import { describe, expect, it } from 'vitest';
import { synthesizeStage } from './synth-stage';

/** The stack as a whole: where it goes and how hard it is to delete. */
describe('the stack', () => {
  it('prod has termination protection in its cloud assembly; dev does not, so a developer can tear it down', () => {
    for (const [stage, protectedStack] of [['prod', true], ['dev', false]] as const) {
      const { stack, assembly } = synthesizeStage(stage);
      expect(stack.terminationProtection, stage).toBe(protectedStack);
      expect(assembly.getStackArtifact(stack.artifactId).terminationProtection ?? false, stage).toBe(protectedStack);
    }
  });

  it('deploys to the region from -c region=', () => {
    const { stack, assembly } = synthesizeStage('dev', { context: { region: 'eu-central-1' } });
    expect(stack.region).toBe('eu-central-1');
    expect(assembly.getStackArtifact(stack.artifactId).environment.region).toBe('eu-central-1');
  });
});
